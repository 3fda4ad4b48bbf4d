/**
 * Fixtures for the strategy editor's and the experiments' tests: a creditor and a second one, each
 * with a user, an admin, claims due, and strategy bodies as the editor sends them.
 */
import { testDb } from './db';
import { addStaff, makeCreditor } from './portal-fixtures';
import { claimsDue } from './engine-fixtures';
import { addCreditorUser } from './reports-fixtures';
import type { StrategyBody } from '../../src/lib/server/services/strategies';
import { defaultStrategyVersion } from '../../src/lib/domain/strategy';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';

/** A creditor with a user, a second creditor with a user, an admin, and n claims due 2026-03-02. */
export function strategyWorld(n: number) {
	const { db, clock } = testDb('2026-03-02');
	const cr = makeCreditor(db);
	const other = makeCreditor(db, 'Másik Bank Zrt.');
	const { ids, debtorId: debtor } = claimsDue(db, n, { creditor: cr });
	const user: Actor = {
		kind: 'creditor',
		userId: addCreditorUser(db, cr.creditorId, 'a@example.hu'),
		creditorId: cr.creditorId
	};
	const otherUser: Actor = {
		kind: 'creditor',
		userId: addCreditorUser(db, other.creditorId, 'b@example.hu'),
		creditorId: other.creditorId
	};
	const adminId = addStaff(db, 'admin', 'admin@example.hu', 'Admin');
	const admin: Actor = { kind: 'admin', userId: adminId };
	return { db, clock, cr, other, ids, user, otherUser, admin, debtor };
}

/** The default strategy as the editor would send it, with the friendly reminder starting on `day`. */
export function bodyWith(friendlyStart: number): StrategyBody {
	const { strategyId: _i, version: _v, ...b } = defaultStrategyVersion();
	void _i;
	void _v;
	b.stages[0].startDay = friendlyStart;
	return b;
}

/** The after_json of every audit record of `action`, oldest first. */
export const auditsOf = (db: DB, action: string) =>
	db.$client
		.prepare('SELECT after_json FROM audit_log WHERE action = ? ORDER BY id')
		.all(action) as {
		after_json: string;
	}[];
