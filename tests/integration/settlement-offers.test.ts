/**
 * Settlement offers (issue 19 item 6): the creditor's rule offers a discount for paying the whole
 * balance at once by a date; paying it by card or by bank transfer writes the discount off (its
 * own ledger kind, audited), closes the claim with its certificate; the report counts discounts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { testDb, scalar as q, allRows } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { bankOperator, bytes, camt053 } from '../helpers/bank-fixtures';
import { staffUsers } from '../../src/lib/server/db/schema';
import { insertRow } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import type { ManualClock } from '../../src/lib/domain/clock';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import {
	offerFor,
	offerForDebtor,
	settledByAgreement
} from '../../src/lib/server/services/settlement-offers';
import { statementFor } from '../../src/lib/server/services/ledger';
import { certificatePdf } from '../../src/lib/server/services/documents';
import { runBankImport, uploadStatement } from '../../src/lib/server/services/bank';
import { discountsGiven } from '../../src/lib/server/services/reports';
import { ConflictError, NotFoundError } from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { defaultSettlementRules } from '../../src/lib/domain/settlement';

const gw = new DemoGateway();

describe('settlement offers', () => {
	let db: DB;
	let clock: ManualClock;
	let debtorId: number;
	let cr: { creditorId: number; portfolioId: number };
	let claimId: number;
	const me = () => ({ kind: 'debtor' as const, debtorId });
	/** 200 000 Ft: principal 180 000, interest 15 000, costs 5 000 */
	const charges = { principal: 18_000_000, interest: 1_500_000, cost: 500_000 };

	beforeEach(() => {
		({ db, clock } = testDb());
		cr = makeCreditor(db, 'Példa Bank Zrt.', {
			settlement: {
				...defaultSettlementRules(),
				enabled: true,
				deadlineDays: 14,
				principalFloorMinor: 17_500_000
			}
		});
		debtorId = makeDebtor(db);
		// firm reminder (10%), band over 100 000 Ft (10%): 20 000 Ft; costs and interest 20 000 Ft
		claimId = makeClaim(db, cr, debtorId, charges, 'HUF', {
			stage: 'firm_reminder',
			reference: 'RZ-2026-0000777'
		});
	});

	it('offers the discount to the debtor, by the deadline only, and not to anyone else', () => {
		const o = offerForDebtor(db, me(), claimId, clock.now())!;
		expect(o).toMatchObject({
			totalMinor: 20_000_000,
			payMinor: 18_000_000,
			discountMinor: 2_000_000,
			deadline: '2026-03-16',
			parts: { cost: 500_000, interest: 1_500_000, fee: 0, principal: 0 }
		});
		const other = makeDebtor(db, 'Más Valaki');
		expect(() =>
			offerForDebtor(db, { kind: 'debtor', debtorId: other }, claimId, clock.now())
		).toThrow(NotFoundError);
		clock.advanceDays(15);
		expect(offerFor(db, claimId, clock.now())).toBeNull();
	});

	it('paid by card: the discount is written off (own kind, audited), the claim closes with its certificate', async () => {
		// a stale amount is refused
		await expect(
			startPayment(db, me(), { claimId, amountMinor: 17_000_000, purpose: 'settlement' }, gw)
		).rejects.toThrow(ConflictError);
		const { paymentId } = await startPayment(
			db,
			me(),
			{ claimId, amountMinor: 18_000_000, purpose: 'settlement' },
			gw
		);
		const r = reconcile(
			db,
			demoEvent({ id: paymentId, amountMinor: 18_000_000, currency: 'HUF' }, 'approve')
		);
		expect(r).toMatchObject({ outcome: 'posted', settled: true, overpaymentMinor: 0 });
		expect(q(db, 'SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(0);
		expect(q(db, 'SELECT status FROM claims WHERE id = ?', claimId)).toBe('paid');
		const discount = allRows(
			db,
			"SELECT component, amount_minor AS amountMinor, payment_id AS paymentId FROM ledger_entries WHERE claim_id = ? AND kind = 'settlement_discount' ORDER BY id",
			claimId
		);
		expect(discount).toEqual([
			{ component: 'cost', amountMinor: -500_000, paymentId },
			{ component: 'interest', amountMinor: -1_500_000, paymentId }
		]);
		const st = statementFor(db, claimId);
		expect(st.writtenOff).toEqual({ cost: 500_000, interest: 1_500_000, fee: 0, principal: 0 });
		expect(st.paid).toEqual({ cost: 0, interest: 0, fee: 0, principal: 18_000_000 });
		expect(
			q(
				db,
				"SELECT count(*) FROM audit_log WHERE action = 'settlement.discount' AND entity_id = ?",
				String(claimId)
			)
		).toBe(1);
		expect(q(db, 'SELECT count(*) FROM refund_tasks')).toBe(0);
		expect(settledByAgreement(db, claimId)).toBe(2_000_000);
		const pdf = await certificatePdf(db, me(), claimId, 'hu');
		expect(pdf.bytes.length).toBeGreaterThan(1000);
		expect(verifyAuditChain(db).ok).toBe(true);

		// the creditor's report counts it
		const cu = insertRow(db, staffUsers, {
			email: 'cu@bank.test',
			name: 'Bank Béla',
			role: 'creditor',
			creditorId: cr.creditorId,
			passwordHash: 'x',
			createdAt: clock.now()
		}).id;
		expect(discountsGiven(db, { kind: 'creditor', userId: cu, creditorId: cr.creditorId })).toEqual(
			[{ currency: 'HUF', claims: 1, discountMinor: 2_000_000 }]
		);
	});

	it('paid by bank transfer: the offer amount settles; less is a part payment without a discount', () => {
		const op = bankOperator(db);
		const other = makeClaim(db, cr, debtorId, charges, 'HUF', {
			stage: 'firm_reminder',
			reference: 'RZ-2026-0000778'
		});
		const id = uploadStatement(db, op, {
			fileName: 's.xml',
			bytes: bytes(
				camt053([
					{ ref: 'T-1', amount: '180000.00', text: 'RZ-2026-0000777 egyezseg' },
					{ ref: 'T-2', amount: '179000.00', text: 'RZ-2026-0000778' }
				])
			)
		});
		runBankImport(db, id);
		expect(q(db, 'SELECT status FROM claims WHERE id = ?', claimId)).toBe('paid');
		expect(settledByAgreement(db, claimId)).toBe(2_000_000);
		expect(q(db, 'SELECT purpose FROM payments WHERE claim_id = ?', claimId)).toBe('settlement');
		expect(q(db, 'SELECT count(*) FROM settlement_certificates WHERE claim_id = ?', claimId)).toBe(
			1
		);
		// 1 000 Ft short: a part payment, nothing written off
		expect(settledByAgreement(db, other)).toBe(0);
		expect(q(db, 'SELECT balance_minor FROM claims WHERE id = ?', other)).toBe(2_100_000);
		expect(q(db, 'SELECT purpose FROM payments WHERE claim_id = ?', other)).toBe('partial');
	});

	it('a creditor without the rule (or with it off) offers nothing', () => {
		const plain = makeCreditor(db, 'Másik Bank Zrt.');
		const c = makeClaim(db, plain, debtorId, charges, 'HUF', { stage: 'firm_reminder' });
		expect(offerFor(db, c, clock.now())).toBeNull();
		// a claim in a plan or disputed: none either
		db.$client.prepare("UPDATE claims SET status = 'disputed' WHERE id = ?").run(claimId);
		expect(offerFor(db, claimId, clock.now())).toBeNull();
	});
});
