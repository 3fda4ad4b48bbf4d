/**
 * Settlement offers (issue 19 item 6): the creditor's rule offers a discount for paying the whole
 * balance at once by a date; paying it by card or by bank transfer writes the discount off (its
 * own ledger kind, audited), closes the claim with its certificate; the report counts discounts.
 */
import { describe, expect, it } from 'vitest';
import { testDb, scalar as q, allRows } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { bankOperator, bytes, camt053 } from '../helpers/bank-fixtures';
import { demoAnswer, demoCheckout } from '../helpers/payment-fixtures';
import { staffUsers } from '../../src/lib/server/db/schema';
import { insertRow } from '../helpers/db';
import { useWorld } from '../helpers/world';
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
import { refundPayment } from '../../src/lib/server/services/refunds';
import { refundFailed } from '../helpers/refund-fixtures';
import { balanceAfterPayment } from '../../src/lib/server/services/payment-views';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import { OPERATOR, addOperator } from '../helpers/portal-fixtures';

const NONE = { principal: 0, interest: 0, fee: 0, cost: 0 };

describe('settlement offers', () => {
	/** 200 000 Ft: principal 180 000, interest 15 000, costs 5 000 */
	const charges = { principal: 18_000_000, interest: 1_500_000, cost: 500_000 };
	const w = useWorld(() => {
		const { db, clock } = testDb();
		const cr = makeCreditor(db, 'Példa Bank Zrt.', {
			settlement: {
				...defaultSettlementRules(),
				enabled: true,
				deadlineDays: 14,
				principalFloorMinor: 17_500_000
			}
		});
		const debtorId = makeDebtor(db);
		addOperator(db);
		// firm reminder (10%), band over 100 000 Ft (10%): 20 000 Ft; costs and interest 20 000 Ft
		const claimId = makeClaim(db, cr, debtorId, charges, 'HUF', {
			stage: 'firm_reminder',
			reference: 'RZ-2026-0000777'
		});
		return { db, clock, cr, debtorId, claimId };
	});
	const me = () => ({ kind: 'debtor' as const, debtorId: w.debtorId });

	it('offers the discount to the debtor, by the deadline only, and not to anyone else', () => {
		const o = offerForDebtor(w.db, me(), w.claimId, w.clock.now())!;
		expect(o).toMatchObject({
			totalMinor: 20_000_000,
			payMinor: 18_000_000,
			discountMinor: 2_000_000,
			deadline: '2026-03-16',
			parts: { cost: 500_000, interest: 1_500_000, fee: 0, principal: 0 }
		});
		const other = makeDebtor(w.db, 'Más Valaki');
		expect(() =>
			offerForDebtor(w.db, { kind: 'debtor', debtorId: other }, w.claimId, w.clock.now())
		).toThrow(NotFoundError);
		w.clock.advanceDays(15);
		expect(offerFor(w.db, w.claimId, w.clock.now())).toBeNull();
	});

	it('paid by card: the discount is written off (own kind, audited), the claim closes with its certificate', async () => {
		// a stale amount is refused
		await expect(
			demoCheckout(w.db, w.debtorId, w.claimId, 17_000_000, 'settlement')
		).rejects.toThrow(ConflictError);
		const { paymentId } = await demoCheckout(w.db, w.debtorId, w.claimId, 18_000_000, 'settlement');
		const r = demoAnswer(w.db, paymentId, 18_000_000, 'approve');
		expect(r).toMatchObject({ outcome: 'posted', settled: true, overpaymentMinor: 0 });
		expect(q(w.db, 'SELECT balance_minor FROM claims WHERE id = ?', w.claimId)).toBe(0);
		expect(q(w.db, 'SELECT status FROM claims WHERE id = ?', w.claimId)).toBe('paid');
		const discount = allRows(
			w.db,
			"SELECT component, amount_minor AS amountMinor, payment_id AS paymentId FROM ledger_entries WHERE claim_id = ? AND kind = 'settlement_discount' ORDER BY id",
			w.claimId
		);
		expect(discount).toEqual([
			{ component: 'cost', amountMinor: -500_000, paymentId },
			{ component: 'interest', amountMinor: -1_500_000, paymentId }
		]);
		const st = statementFor(w.db, w.claimId);
		expect(st.writtenOff).toEqual({ cost: 500_000, interest: 1_500_000, fee: 0, principal: 0 });
		expect(st.paid).toEqual({ cost: 0, interest: 0, fee: 0, principal: 18_000_000 });
		expect(
			q(
				w.db,
				"SELECT count(*) FROM audit_log WHERE action = 'settlement.discount' AND entity_id = ?",
				String(w.claimId)
			)
		).toBe(1);
		expect(q(w.db, 'SELECT count(*) FROM refund_tasks')).toBe(0);
		expect(settledByAgreement(w.db, w.claimId)).toBe(2_000_000);
		const pdf = await certificatePdf(w.db, me(), w.claimId, 'hu');
		expect(pdf.bytes.length).toBeGreaterThan(1000);
		expect(verifyAuditChain(w.db).ok).toBe(true);

		// the creditor's report counts it
		const cu = insertRow(w.db, staffUsers, {
			email: 'cu@bank.test',
			name: 'Bank Béla',
			role: 'creditor',
			creditorId: w.cr.creditorId,
			passwordHash: 'x',
			createdAt: w.clock.now()
		}).id;
		expect(
			discountsGiven(w.db, { kind: 'creditor', userId: cu, creditorId: w.cr.creditorId })
		).toEqual([{ currency: 'HUF', claims: 1, discountMinor: 2_000_000 }]);
	});

	it('a refund of settlement money makes the discount owed again; the refund failing restores it', async () => {
		const { paymentId } = await demoCheckout(w.db, w.debtorId, w.claimId, 18_000_000, 'settlement');
		demoAnswer(w.db, paymentId, 18_000_000, 'approve');
		const ref = await refundPayment(
			w.db,
			OPERATOR,
			{ paymentId, amountMinor: 5_000_000, reason: 'téves befizetés' },
			new DemoGateway()
		);
		// 130 000 Ft kept of 200 000 owed: 70 000 Ft owed again, discount and all
		expect(q(w.db, 'SELECT balance_minor FROM claims WHERE id = ?', w.claimId)).toBe(7_000_000);
		expect(q(w.db, 'SELECT status FROM claims WHERE id = ?', w.claimId)).toBe('open');
		expect(settledByAgreement(w.db, w.claimId)).toBe(0);
		expect(statementFor(w.db, w.claimId).writtenOff).toEqual(NONE);
		expect(q(w.db, "SELECT count(*) FROM audit_log WHERE action = 'settlement.undo'")).toBe(1);
		// no second discount stacks on the first: a new offer is worked out on what is owed now
		const again = offerFor(w.db, w.claimId, w.clock.now());
		expect(again === null || again.totalMinor === 7_000_000).toBe(true);
		// the receipt keeps the balance right after the payment
		expect(balanceAfterPayment(w.db, paymentId)).toBe(0);
		// the refund fails afterwards: its booking is taken back, the agreement holds again
		const failed = refundFailed(w.db, ref);
		expect(failed).toBe('reversed');
		expect(q(w.db, 'SELECT balance_minor FROM claims WHERE id = ?', w.claimId)).toBe(0);
		expect(settledByAgreement(w.db, w.claimId)).toBe(2_000_000);
		expect(verifyAuditChain(w.db).ok).toBe(true);
	});

	it('with two refunds of settlement money, the discount is let go again only when neither stands', async () => {
		const { paymentId } = await demoCheckout(w.db, w.debtorId, w.claimId, 18_000_000, 'settlement');
		demoAnswer(w.db, paymentId, 18_000_000, 'approve');
		const refund = (amountMinor: number) =>
			refundPayment(w.db, OPERATOR, { paymentId, amountMinor, reason: 'téves' }, new DemoGateway());
		const fail = (r: { id: number; paymentId: number; providerRef: string | null }) =>
			refundFailed(w.db, r);
		const balance = () => q(w.db, 'SELECT balance_minor FROM claims WHERE id = ?', w.claimId);
		const r1 = await refund(5_000_000);
		const r2 = await refund(1_000_000);
		// 200 000 owed, 180 000 paid, 60 000 given back: 80 000 owed, the discount void
		expect(balance()).toBe(8_000_000);
		expect(fail(r1)).toBe('reversed');
		// the second refund still stands: the agreement is still broken
		expect(balance()).toBe(3_000_000);
		expect(settledByAgreement(w.db, w.claimId)).toBe(0);
		expect(fail(r2)).toBe('reversed');
		expect(balance()).toBe(0);
		expect(settledByAgreement(w.db, w.claimId)).toBe(2_000_000);
		expect(q(w.db, "SELECT count(*) FROM audit_log WHERE action = 'settlement.restore'")).toBe(1);
		const st = statementFor(w.db, w.claimId);
		expect(st.writtenOff).toEqual({ cost: 500_000, interest: 1_500_000, fee: 0, principal: 0 });
	});

	it('paid by bank transfer: the offer amount settles; less is a part payment without a discount', () => {
		const op = bankOperator(w.db);
		const other = makeClaim(w.db, w.cr, w.debtorId, charges, 'HUF', {
			stage: 'firm_reminder',
			reference: 'RZ-2026-0000778'
		});
		const id = uploadStatement(w.db, op, {
			fileName: 's.xml',
			bytes: bytes(
				camt053([
					{ ref: 'T-1', amount: '180000.00', text: 'RZ-2026-0000777 egyezseg' },
					{ ref: 'T-2', amount: '179000.00', text: 'RZ-2026-0000778' }
				])
			)
		});
		runBankImport(w.db, id);
		expect(q(w.db, 'SELECT status FROM claims WHERE id = ?', w.claimId)).toBe('paid');
		expect(settledByAgreement(w.db, w.claimId)).toBe(2_000_000);
		expect(q(w.db, 'SELECT purpose FROM payments WHERE claim_id = ?', w.claimId)).toBe(
			'settlement'
		);
		expect(
			q(w.db, 'SELECT count(*) FROM settlement_certificates WHERE claim_id = ?', w.claimId)
		).toBe(1);
		// 1 000 Ft short: a part payment, nothing written off
		expect(settledByAgreement(w.db, other)).toBe(0);
		expect(q(w.db, 'SELECT balance_minor FROM claims WHERE id = ?', other)).toBe(2_100_000);
		expect(q(w.db, 'SELECT purpose FROM payments WHERE claim_id = ?', other)).toBe('partial');
	});

	it('a creditor without the rule (or with it off) offers nothing', () => {
		const plain = makeCreditor(w.db, 'Másik Bank Zrt.');
		const c = makeClaim(w.db, plain, w.debtorId, charges, 'HUF', { stage: 'firm_reminder' });
		expect(offerFor(w.db, c, w.clock.now())).toBeNull();
		// a claim in a plan or disputed: none either
		w.db.$client.prepare("UPDATE claims SET status = 'disputed' WHERE id = ?").run(w.claimId);
		expect(offerFor(w.db, w.claimId, w.clock.now())).toBeNull();
	});
});
