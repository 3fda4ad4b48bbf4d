/**
 * Issue 19 item 4: after a partial payment the confirmation page and the receipt say what remains
 * to pay. Both read `balanceAfterPayment`: the claim's balance right after that payment posted,
 * which a later payment does not change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { debtorDb, makeClaim, makeCreditor } from '../helpers/portal-fixtures';
import { demoCheckout, paidFor } from '../helpers/payment-fixtures';
import { balanceAfterPayment } from '../../src/lib/server/services/payment-views';
import { receiptPdf } from '../../src/lib/server/services/documents';

describe('what remains to pay after a payment', () => {
	let db: DB;
	let debtorId: number;
	beforeEach(() => ({ db, debtorId } = debtorDb()));

	it('a partial payment leaves the balance minus what it paid; a later payment does not change the first one’s figure', async () => {
		const cr = makeCreditor(db, 'Alfa Bank Zrt.', {
			partialPaymentsAllowed: true,
			minPartialPaymentMinor: 100_000
		});
		const id = makeClaim(db, cr, debtorId, { principal: 1_000_000, interest: 50_000 });
		const first = await paidFor(db, debtorId, id, 300_000, 'partial');
		expect(balanceAfterPayment(db, first)).toBe(750_000);
		const second = await paidFor(db, debtorId, id, 200_000, 'partial');
		expect(balanceAfterPayment(db, second)).toBe(550_000);
		expect(balanceAfterPayment(db, first)).toBe(750_000);
		// the receipt is written with the figure (it used to have no such row)
		const r = await receiptPdf(db, { kind: 'debtor', debtorId }, first, 'hu');
		expect(Buffer.from(r.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
	});

	it('a payment that settles the claim leaves nothing; one not yet posted has no figure', async () => {
		const cr = makeCreditor(db, 'Béta Bank Zrt.');
		const id = makeClaim(db, cr, debtorId, { principal: 400_000 });
		const pending = (await demoCheckout(db, debtorId, id, 400_000)).paymentId;
		expect(balanceAfterPayment(db, pending)).toBeNull();
		const other = makeClaim(db, cr, debtorId, { principal: 250_000 });
		const full = await paidFor(db, debtorId, other, 250_000, 'full');
		expect(balanceAfterPayment(db, full)).toBe(0);
	});
});
