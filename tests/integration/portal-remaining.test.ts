/**
 * Issue 19 item 4: after a partial payment the confirmation page and the receipt say what remains
 * to pay. Both read `balanceAfterPayment`: the claim's balance right after that payment posted,
 * which a later payment does not change.
 */
import { describe, expect, it } from 'vitest';
import { useDebtorWorld, makeClaim, makeCreditor } from '../helpers/portal-fixtures';
import { demoCheckout, paidFor } from '../helpers/payment-fixtures';
import { balanceAfterPayment } from '../../src/lib/server/services/payment-views';
import { receiptPdf } from '../../src/lib/server/services/documents';

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
});
