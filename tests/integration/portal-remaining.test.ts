/**
 * Issue 19 item 4: after a partial payment the confirmation page and the receipt say what remains
 * to pay. Both read `balanceAfterPayment`: the claim's balance right after that payment posted,
 * which a later payment does not change.
 */
import { describe, expect, it } from 'vitest';
import { useDebtorWorld, makeClaim, makeCreditor } from '../helpers/portal-fixtures';
import { demoCheckout, paidFor } from '../helpers/payment-fixtures';
import { balanceAfterPayment, overpaidBy } from '../../src/lib/server/services/payment-views';
import { receiptPdf } from '../../src/lib/server/services/documents';
import { bankOperator, camt053, importStatement } from '../helpers/bank-fixtures';

describe('what remains to pay after a payment', () => {
	const w = useDebtorWorld();

	it('a partial payment leaves the balance minus what it paid; a later payment does not change the first one’s figure', async () => {
		const cr = makeCreditor(w.db, 'Alfa Bank Zrt.', {
			partialPaymentsAllowed: true,
			minPartialPaymentMinor: 100_000
		});
		const id = makeClaim(w.db, cr, w.debtorId, { principal: 1_000_000, interest: 50_000 });
		const first = await paidFor(w.db, w.debtorId, id, 300_000, 'partial');
		expect(balanceAfterPayment(w.db, first)).toBe(750_000);
		const second = await paidFor(w.db, w.debtorId, id, 200_000, 'partial');
		expect(balanceAfterPayment(w.db, second)).toBe(550_000);
		expect(balanceAfterPayment(w.db, first)).toBe(750_000);
		// the receipt is written with the figure (it used to have no such row)
		const r = await receiptPdf(w.db, { kind: 'debtor', debtorId: w.debtorId }, first, 'hu');
		expect(Buffer.from(r.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
	});

	it('a payment that settles the claim leaves nothing; one not yet posted has no figure', async () => {
		const cr = makeCreditor(w.db, 'Béta Bank Zrt.');
		const id = makeClaim(w.db, cr, w.debtorId, { principal: 400_000 });
		const pending = (await demoCheckout(w.db, w.debtorId, id, 400_000)).paymentId;
		expect(balanceAfterPayment(w.db, pending)).toBeNull();
		const other = makeClaim(w.db, cr, w.debtorId, { principal: 250_000 });
		const full = await paidFor(w.db, w.debtorId, other, 250_000, 'full');
		expect(balanceAfterPayment(w.db, full)).toBe(0);
	});

	it('an overpayment is what the claim did not take', async () => {
		const cr = makeCreditor(w.db, 'Gamma Bank Zrt.');
		const id = makeClaim(w.db, cr, w.debtorId, { principal: 7_245_000 }, 'HUF', {
			reference: 'GB-2026-0000077'
		});
		// a transfer of 80 000 Ft for 72 450 Ft owed
		importStatement(
			w.db,
			bankOperator(w.db),
			camt053([{ ref: 'T-1', amount: '80000.00', text: 'GB-2026-0000077' }])
		);
		const paid = Number(
			w.db.$client.prepare('SELECT id FROM payments WHERE claim_id = ?').pluck().get(id)
		);
		expect(overpaidBy(w.db, paid, 8_000_000)).toBe(755_000);
		const other = makeClaim(w.db, cr, w.debtorId, { principal: 500_000 });
		const exact = await paidFor(w.db, w.debtorId, other, 500_000, 'full');
		expect(overpaidBy(w.db, exact, 500_000)).toBe(0);
	});
});
