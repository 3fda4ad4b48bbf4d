import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { claimsDue } from '../helpers/engine-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import { defaultStrategyVersion, type StageFee } from '../../src/lib/domain/strategy';
import { strategyVersions } from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

/** A creditor whose firm reminder charges `fee` on entry; one claim due 2026-03-02. */
function world(
	fee: StageFee,
	o: { feesAllowed?: boolean; company?: boolean; currency?: 'HUF' | 'EUR' } = {}
) {
	const { db } = testDb('2026-03-02');
	const cr = makeCreditor(db);
	db.$client.prepare('UPDATE creditors SET fees_allowed = ?').run(o.feesAllowed ? 1 : 0);
	const v = defaultStrategyVersion();
	v.stages[1].fee = fee;
	db.insert(strategyVersions)
		.values({
			creditorId: cr.creditorId,
			version: 1,
			bodyJson: JSON.stringify(v),
			createdAt: clock().now()
		})
		.run();
	const debtor = makeDebtor(db);
	if (o.company) db.$client.prepare(`UPDATE debtors SET kind = 'company'`).run();
	const [claimId] = claimsDue(db, 1, { creditor: cr, debtorId: debtor, currency: o.currency }).ids;
	return { db, claimId };
}

const fees = (db: DB, claimId: number) =>
	db.$client
		.prepare(
			`SELECT amount_minor AS amount, effective_date AS day FROM ledger_entries WHERE claim_id = ? AND component = 'fee'`
		)
		.all(claimId);
const refusals = (db: DB) =>
	(
		db.$client
			.prepare(`SELECT after_json FROM audit_log WHERE action = 'engine.evaluated'`)
			.all() as { after_json: string }[]
	).flatMap((r) => (JSON.parse(r.after_json) as { refusedFees: string[] }).refusedFees);

describe('stage fees on entry (issue 16, item 6)', () => {
	it('a fixed stage fee is posted as a fee charge when the claim enters the stage, where the contract allows fees', () => {
		const { db, claimId } = world({ kind: 'fixed', amountMinor: 250_000 }, { feesAllowed: true });
		backfill(db, '2026-03-03', '2026-04-10');
		expect(scalar(db, 'SELECT stage FROM claims WHERE id = ?', claimId)).not.toBe(
			'friendly_reminder'
		);
		expect(fees(db, claimId)).toEqual([{ amount: 250_000, day: '2026-03-24' }]);
		expect(scalar(db, 'SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(5_250_000);
	});

	it('is refused, with its reason recorded, when the contract does not allow fees', () => {
		const { db, claimId } = world({ kind: 'fixed', amountMinor: 250_000 });
		backfill(db, '2026-03-03', '2026-04-10');
		expect(fees(db, claimId)).toEqual([]);
		expect(scalar(db, 'SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(5_000_000);
		expect(refusals(db)).toContain('strategy.fee.refused.contract');
	});

	it('C14: the EUR 40 lump sum for a business debtor within a year of default, once', () => {
		const { db, claimId } = world({ kind: 'b2b_lump_sum' }, { company: true, currency: 'EUR' });
		backfill(db, '2026-03-03', '2026-04-10');
		expect(fees(db, claimId)).toEqual([{ amount: 4000, day: '2026-03-24' }]);
	});

	it('C14: refused for a consumer, and after a year of default', () => {
		const consumer = world({ kind: 'b2b_lump_sum' }, { currency: 'EUR' });
		backfill(consumer.db, '2026-03-03', '2026-04-10');
		expect(fees(consumer.db, consumer.claimId)).toEqual([]);
		expect(refusals(consumer.db)).toContain('strategy.fee.refused.consumer');

		const late = world({ kind: 'b2b_lump_sum' }, { company: true, currency: 'EUR' });
		late.db.$client.prepare(`UPDATE claims SET due_date = '2025-02-20'`).run();
		backfill(late.db, '2026-03-03', '2026-04-10');
		expect(fees(late.db, late.claimId)).toEqual([]);
		expect(refusals(late.db)).toContain('strategy.fee.refused.tooLate');
	});
});
