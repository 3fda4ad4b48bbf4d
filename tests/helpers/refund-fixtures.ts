/** The refund tests' world: a debtor with one claim (principal, interest, cost) and an operator. */
import type { DB } from '../../src/lib/server/db/client';
import { testDb } from './db';
import { makeClaim, makeCreditor, makeDebtor } from './portal-fixtures';

export const OPERATOR = { kind: 'operator' as const, userId: 1 };

/** A claim statement's `refunded` when nothing has come back. */
export const NOTHING_REFUNDED = { principal: 0, interest: 0, fee: 0, cost: 0 };

export function refundWorld(): { db: DB; debtorId: number; claimId: number } {
	const { db } = testDb();
	const debtorId = makeDebtor(db);
	const claimId = makeClaim(db, makeCreditor(db), debtorId, {
		principal: 1_000_000,
		interest: 100_000,
		cost: 50_000
	});
	db.$client
		.prepare(
			"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
		)
		.run();
	return { db, debtorId, claimId };
}

export { paidFor } from './payment-fixtures';
