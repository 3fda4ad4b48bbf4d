/** The holds tests' world: one claim of one debtor and an operator, and the claim's hold rows. */
import { testDb } from './db';
import { makeCreditor, makeDebtor } from './portal-fixtures';
import { claimsDue } from './engine-fixtures';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';

export interface HoldRow {
	id: number;
	kind: string;
	start_date: string;
	end_date: string | null;
	source_id: number | null;
	note: string;
	effect_json: string;
	created_by: number | null;
}

/** A creditor, a debtor, one claim (50 000 Ft unless said) due on Monday 2026-03-02, an operator; the clock on `day`. */
export function world(day = '2026-03-02', principal = 5_000_000) {
	const { db, clock } = testDb(day);
	const cr = makeCreditor(db, 'Példa Bank Zrt.', { promiseMaxDays: 14 });
	const debtorId = makeDebtor(db);
	const [claimId] = claimsDue(db, 1, {
		creditor: cr,
		debtorId,
		charges: { principal },
		reference: () => 'H-1'
	}).ids;
	db.$client
		.prepare(
			"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Operátor Olga', 'operator', 'x', 0)"
		)
		.run();
	const debtor: Actor = { kind: 'debtor', debtorId };
	const operator: Actor = { kind: 'operator', userId: 1 };
	return { db, clock, claimId, debtorId, debtor, operator, cr };
}

export const holdsOf = (db: DB, claimId: number) =>
	db.$client
		.prepare('SELECT * FROM holds WHERE claim_id = ? ORDER BY id')
		.all(claimId) as HoldRow[];
