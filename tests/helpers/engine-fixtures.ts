/**
 * A varied world for engine tests: one creditor whose contract allows fees, with a strategy
 * version that charges a fixed fee on the firm reminder and the C14 lump sum on the formal notice;
 * person and company debtors; open claims due on days spread over the past months, some offered a
 * plan (C9), some on a stop-clock hold, some with a suppressed channel.
 */
import type { DB } from '../../src/lib/server/db/client';
import { defaultStrategyVersion } from '../../src/lib/domain/strategy';
import { addDays } from '../../src/lib/domain/clock';
import { clock } from '../../src/lib/server/clock';
import { makeClaim, makeCreditor, makeDebtor } from './portal-fixtures';

export function engineWorld(db: DB, n: number, lastDue = '2026-03-20'): number[] {
	const cr = makeCreditor(db);
	const now = clock().now();
	const c = db.$client;
	c.prepare('UPDATE creditors SET fees_allowed = 1 WHERE id = ?').run(cr.creditorId);
	const body = defaultStrategyVersion();
	body.stages[1].fee = { kind: 'fixed', amountMinor: 500_000 };
	body.stages[2].fee = { kind: 'b2b_lump_sum' };
	c.prepare(
		`INSERT INTO strategy_versions (creditor_id, version, body_json, label, created_at) VALUES (?, 1, ?, 'fees', ?)`
	).run(cr.creditorId, JSON.stringify(body), now);
	const person = makeDebtor(db, 'Motor Elek');
	const company = makeDebtor(db, 'Motor Kft.');
	c.prepare(`UPDATE debtors SET kind = 'company' WHERE id = ?`).run(company);
	const ids: number[] = [];
	for (let i = 0; i < n; i++) {
		const id = makeClaim(db, cr, i % 3 === 0 ? company : person, { principal: 5_000_000 });
		ids.push(id);
		// due 0..199 days before the last due day
		c.prepare('UPDATE claims SET due_date = ?, plan_offered_at = ? WHERE id = ?').run(
			addDays(lastDue, -((i * 7) % 200)),
			i % 4 === 0 ? null : now,
			id
		);
		if (i % 11 === 5)
			c.prepare(
				`INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, created_at)
				 VALUES (?, 'deceased', ?, ?, '{"kind":"stop_clock"}', ?)`
			).run(id, addDays(lastDue, -30), i % 2 ? null : addDays(lastDue, -10), now);
		if (i % 13 === 7)
			c.prepare(
				`INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, created_at)
				 VALUES (?, 'vulnerability', ?, NULL, '{"kind":"suppress","channels":["sms","call"]}', ?)`
			).run(id, addDays(lastDue, -40), now);
	}
	return ids;
}

/**
 * The engine tests' usual world: `n` open claims of one debtor at one creditor (new ones unless
 * given), 50 000 Ft principal unless `charges` says otherwise, all due on `due` (Monday
 * 2026-03-02 unless told); `reference` names claim i.
 */
export function claimsDue(
	db: DB,
	n = 1,
	o: {
		due?: string;
		creditor?: ReturnType<typeof makeCreditor>;
		debtorId?: number;
		charges?: Parameters<typeof makeClaim>[3];
		currency?: 'HUF' | 'EUR';
		reference?: (i: number) => string;
	} = {}
) {
	const cr = o.creditor ?? makeCreditor(db);
	const debtorId = o.debtorId ?? makeDebtor(db);
	const ids = Array.from({ length: n }, (_, i) =>
		makeClaim(db, cr, debtorId, o.charges ?? { principal: 5_000_000 }, o.currency, {
			reference: o.reference?.(i)
		})
	);
	const setDue = db.$client.prepare('UPDATE claims SET due_date = ? WHERE id = ?');
	for (const id of ids) setDue.run(o.due ?? '2026-03-02', id);
	return { cr, debtorId, ids };
}
