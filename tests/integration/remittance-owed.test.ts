/**
 * What the remittance statement says the agency owes the creditor (money review, session 14): a
 * refund gives back the commission its payment carried; money the debtor paid the creditor
 * directly is shown but never asked of the agency; the fees the creditor placed with a claim are
 * the creditor's, only the agency's own stage fees stay with the agency.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { API_ROW, creditorUser } from '../helpers/creditor-fixtures';
import { claimsDue } from '../helpers/engine-fixtures';
import { addOperator, makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { paidFor } from '../helpers/payment-fixtures';
import { OPERATOR } from '../helpers/refund-fixtures';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import { refundPayment } from '../../src/lib/server/services/refunds';
import { reportDirectPayment } from '../../src/lib/server/services/recall';
import { claimDetail } from '../../src/lib/server/services/portal';
import { getClaimDetail } from '../../src/lib/server/services/creditor-claims';
import { remittanceCsv } from '../../src/lib/server/services/remittance-files';
import { translate } from '../../src/lib/i18n';
import { apiPlaceClaim } from '../../src/lib/server/services/api-claims';
import { backfill } from '../../src/lib/server/services/engine-run';
import { defaultStrategyVersion } from '../../src/lib/domain/strategy';
import { strategyVersions } from '../../src/lib/server/db/schema';
import { addCommissionTerm, remittanceFor } from '../../src/lib/server/services/remittance';
import type { Actor } from '../../src/lib/domain/actor';
import type { Stage } from '../../src/lib/domain/stages';
import type { DB } from '../../src/lib/server/db/client';

const ADMIN: Actor = { kind: 'admin', userId: 1 };

afterEach(() => {
	removeTempDbs();
	vi.unstubAllEnvs();
});

/** The creditor's statement totals (one currency) for a period. */
const totals = (db: DB, creditorId: number, from: string, to: string) =>
	remittanceFor(db, ADMIN, creditorId, { from, to }).statement.totals[0];

/** A commission rate for every portfolio, for every stage or for one, from a day. */
const term = (
	db: DB,
	creditorId: number,
	rateBp: number,
	stage: Stage | null = null,
	validFrom = '2026-01-01'
) => addCommissionTerm(db, ADMIN, { creditorId, portfolioId: null, stage, rateBp, validFrom });

/**
 * A claim of 500 000 Ft at a 10 % rate: 100 000 Ft paid on 2 March (commission 10 000 Ft), then
 * refunded in full on 11 April, after `meanwhile` (a new term) was recorded.
 */
async function paidThenRefunded(meanwhile: (db: DB, creditorId: number) => void) {
	const { db, clock } = testDb('2026-03-02');
	const cr = makeCreditor(db);
	const debtorId = makeDebtor(db);
	const claimId = makeClaim(db, cr, debtorId, { principal: 50_000_000 });
	addOperator(db);
	term(db, cr.creditorId, 1000);
	const paymentId = await paidFor(db, debtorId, claimId, 10_000_000);
	const march = totals(db, cr.creditorId, '2026-03-01', '2026-03-31');
	expect(march.commission).toBe(1_000_000);
	clock.advanceDays(40);
	await refundPayment(
		db,
		OPERATOR,
		{ paymentId, amountMinor: 10_000_000, reason: 'téves fizetés' },
		new DemoGateway()
	);
	meanwhile(db, cr.creditorId);
	const april = totals(db, cr.creditorId, '2026-04-01', '2026-04-30');
	expect(april.refunded).toBe(10_000_000);
	// the 10 000 Ft commission the payment carried comes back, no more: over both months the
	// agency keeps nothing and the creditor is sent nothing
	expect(april.commission).toBe(-1_000_000);
	expect(march.net + april.net).toBe(0);
	return { db, claimId };
}

describe('remittance: what the agency owes the creditor', () => {
	it("a refund gives back the commission at its payment's rate, not the refund day's", async () => {
		// from April the contract's rate is 20 %
		await paidThenRefunded((db, creditorId) => term(db, creditorId, 2000, null, '2026-04-01'));
	});

	it("a refund gives back the commission at its payment's stage, not the stage the claim reached", async () => {
		let stageThen: Stage | null = null;
		await paidThenRefunded((db, creditorId) => {
			// the stage the claim had moved on to by the refund day is charged 20 %
			stageThen = db.$client.prepare('SELECT stage FROM claims').pluck().get() as Stage;
			const stageAtPayment = db.$client
				.prepare('SELECT stage FROM claim_stage_events ORDER BY id LIMIT 1 OFFSET 1')
				.pluck()
				.get();
			expect(stageThen).not.toBe(stageAtPayment);
			term(db, creditorId, 2000, stageThen);
		});
		expect(stageThen).not.toBeNull();
	});

	it('a payment the debtor made to the creditor directly is shown apart and never asked of the agency', async () => {
		const { db } = testDb('2026-03-02');
		const cr = makeCreditor(db);
		const debtorId = makeDebtor(db);
		const claimId = makeClaim(db, cr, debtorId, { principal: 15_000_000 });
		term(db, cr.creditorId, 1500);
		await paidFor(db, debtorId, claimId, 5_000_000);
		reportDirectPayment(db, creditorUser(db, cr.creditorId, 'penzugy@example.com'), {
			claimId,
			amountMinor: 10_000_000,
			reason: 'Az adós nekünk fizetett.'
		});
		const r = remittanceFor(db, ADMIN, cr.creditorId, { from: '2026-03-01', to: '2026-03-31' });
		// 50 000 Ft came to the agency (15 %: 7 500 Ft); the 100 000 Ft the creditor holds is only shown
		expect(r.statement.totals[0]).toMatchObject({
			claims: 1,
			collected: 5_000_000,
			refunded: 0,
			commission: 750_000,
			net: 4_250_000,
			direct: 10_000_000
		});
		// the debt is paid all the same: the claim's balance, status and recovery stay as they were
		expect(db.$client.prepare('SELECT balance_minor, status FROM claims').get()).toEqual({
			balance_minor: 0,
			status: 'paid'
		});
		expect(scalar(db, 'SELECT collected_minor FROM claims')).toBe(15_000_000);
		// the debtor's page tells the payment made to the creditor from the one made to us
		const mine = claimDetail(db, { kind: 'debtor', debtorId }, claimId).payments;
		expect(mine.map((p) => [p.amountMinor, p.direct])).toEqual([
			[10_000_000, 1],
			[5_000_000, 0]
		]);
		// and so does the creditor's
		const theirs = getClaimDetail(db, creditorUser(db, cr.creditorId, 'cfo@example.com'), claimId);
		expect(theirs.payments.map((p) => [p.amountMinor, p.direct])).toEqual([
			[5_000_000, 0],
			[10_000_000, 1]
		]);
		// the files say it in words, in its own column
		const [head, line] = remittanceCsv(r, 'hu', true).text.slice(1).split('\r\n');
		expect(head.split(';').at(-1)).toBe(translate('hu', 'remittance.col.direct'));
		expect(line.split(';').slice(-2)).toEqual(['42500,00', '100000,00']);
	});

	it('a fee the creditor placed with the claim is remitted with it, less commission', async () => {
		const { db } = testDb('2026-03-02');
		const cr = makeCreditor(db);
		term(db, cr.creditorId, 1500);
		const placed = apiPlaceClaim(db, creditorUser(db, cr.creditorId, 'api@example.com'), {
			...API_ROW,
			due_date: '2025-11-30',
			principal: '100000',
			fees: '20000',
			total: '120000'
		});
		if (!placed.ok) throw new Error(JSON.stringify(placed.errors));
		const debtorId = scalar(db, 'SELECT debtor_id FROM claims');
		await paidFor(db, debtorId, placed.claim.id, 12_000_000, 'full');
		// 120 000 Ft collected, all of it the creditor's: 15 % commission, 102 000 Ft to remit
		expect(totals(db, cr.creditorId, '2026-03-01', '2026-03-31')).toMatchObject({
			collected: 12_000_000,
			agencyFees: 0,
			commission: 1_800_000,
			net: 10_200_000
		});
	});

	it("the engine's stage fee stays with the agency; the C14 lump sum is the creditor's", async () => {
		vi.stubEnv('RENDEZ_EUR_HUF_RATE', '400');
		const { db } = testDb('2026-03-02');
		const cr = makeCreditor(db);
		db.$client.prepare('UPDATE creditors SET fees_allowed = 1').run();
		// a business debtor: the friendly reminder charges a 2 500 Ft stage fee, the firm reminder
		// the EUR 40 lump sum (16 000 Ft at 400 Ft/EUR)
		const v = defaultStrategyVersion();
		v.stages[0].fee = { kind: 'fixed', amountMinor: 250_000 };
		v.stages[1].fee = { kind: 'b2b_lump_sum' };
		db.insert(strategyVersions)
			.values({ creditorId: cr.creditorId, version: 1, bodyJson: JSON.stringify(v), createdAt: 0 })
			.run();
		const debtorId = makeDebtor(db);
		db.$client.prepare(`UPDATE debtors SET kind = 'company'`).run();
		const [claimId] = claimsDue(db, 1, { creditor: cr, debtorId }).ids;
		backfill(db, '2026-03-03', '2026-03-31');
		const fees = db.$client
			.prepare(`SELECT memo, amount_minor AS amount FROM ledger_entries WHERE component = 'fee'`)
			.all();
		expect(fees).toEqual([
			{ memo: 'stage_fee', amount: 250_000 },
			{ memo: 'c14_lump_sum', amount: 1_600_000 }
		]);
		term(db, cr.creditorId, 1000);
		const balance = scalar(db, 'SELECT balance_minor FROM claims WHERE id = ?', claimId);
		await paidFor(db, debtorId, claimId, balance, 'full');
		// 50 000 + 2 500 + 16 000 Ft: the agency keeps its 2 500 Ft fee and 10 % of the rest
		expect(totals(db, cr.creditorId, '2026-03-01', '2026-03-31')).toMatchObject({
			collected: 6_850_000,
			agencyFees: 250_000,
			commission: 660_000,
			net: 5_940_000
		});
	});
});
