/** Refunds by operators: the overpayment first (no ledger effect), then the allocation reversed. */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../helpers/db';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import { certificatePdf } from '../../src/lib/server/services/documents';
import { claimDetail } from '../../src/lib/server/services/portal';
import {
	paymentsForOps,
	refundPayment,
	refundTasksForOps
} from '../../src/lib/server/services/refunds';
import { statementFor } from '../../src/lib/server/services/ledger';
import { balanceAfterPayment } from '../../src/lib/server/services/payment-views';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import {
	NOTHING_REFUNDED,
	OPERATOR,
	demoRefunding,
	useRefundWorld
} from '../helpers/refund-fixtures';
import { demoAnswer, demoCheckout, openedCheckout } from '../helpers/payment-fixtures';

const gw = new DemoGateway();

describe('refunds', () => {
	const w = useRefundWorld();
	const op = OPERATOR;

	it('refunding an overpayment closes the task and leaves the ledger alone (C11)', async () => {
		// two payments for the whole balance open at once: the second one overpays
		const a = await demoCheckout(w.db, w.debtorId, w.claimId, 1_150_000, 'full');
		const b = openedCheckout(w.db, { claimId: w.claimId, amountMinor: 700_000 });
		demoAnswer(w.db, a.paymentId, 1_150_000, 'approve');
		demoAnswer(w.db, b.paymentId, 700_000, 'approve');
		const over = b.paymentId;
		const [task] = refundTasksForOps(w.db, op);
		expect(task).toMatchObject({ paymentId: over, amountMinor: 700_000, dueDate: '2026-03-07' });
		await refundPayment(
			w.db,
			op,
			{ paymentId: over, amountMinor: 700_000, reason: 'túlfizetés', refundTaskId: task.id },
			gw
		);
		expect(refundTasksForOps(w.db, op)).toHaveLength(0);
		expect(statementFor(w.db, w.claimId).refunded).toEqual(NOTHING_REFUNDED);
		expect(
			w.db.$client.prepare('SELECT balance_minor, status FROM claims WHERE id=?').get(w.claimId)
		).toEqual({ balance_minor: 0, status: 'paid' });
		expect(
			w.db.$client.prepare('SELECT refunded_minor FROM payments WHERE id=?').pluck().get(over)
		).toBe(700_000);
	});

	it('a refund beyond the overpayment reverses principal first and re-opens the claim', async () => {
		const p = await w.paid(1_150_000, 'full');
		expect(balanceAfterPayment(w.db, p)).toBe(0);
		await w.refund(p, 1_050_000, 'téves terhelés');
		// the receipt's "balance after this payment" is history: a later refund does not rewrite it
		expect(balanceAfterPayment(w.db, p)).toBe(0);
		expect(statementFor(w.db, w.claimId).refunded).toEqual({
			...NOTHING_REFUNDED,
			principal: 1_000_000,
			interest: 50_000
		});
		expect(
			w.db.$client
				.prepare('SELECT balance_minor, collected_minor, status FROM claims WHERE id=?')
				.get(w.claimId)
		).toEqual({ balance_minor: 1_050_000, collected_minor: 100_000, status: 'open' });
		const e = await w.refund(p, 200_000, 'még egyszer').catch((x) => x);
		expect((e as ValidationError).fields.amount.key).toBe('payments.refund.error.tooMuch');
		await w.refund(p, 100_000, 'maradék');
		expect(statementFor(w.db, w.claimId).refunded).toEqual({
			...NOTHING_REFUNDED,
			principal: 1_000_000,
			interest: 100_000,
			cost: 50_000
		});
		expect(
			w.db.$client
				.prepare('SELECT balance_minor, collected_minor FROM claims WHERE id=?')
				.get(w.claimId)
		).toEqual({ balance_minor: 1_150_000, collected_minor: 0 });
	});

	it('needs a reason and an operator; a gateway refusal books nothing', async () => {
		const p = await w.paid(500_000);
		const e = await w.refund(p, 100_000, ' ').catch((x) => x);
		expect((e as ValidationError).fields.reason.key).toBe('payments.refund.error.reason');
		await expect(
			refundPayment(w.db, w.me(), { paymentId: p, amountMinor: 100_000, reason: 'saját' }, gw)
		).rejects.toBeInstanceOf(ForbiddenError);
		const refusing = demoRefunding(async () => ({ providerRef: 're_x', status: 'failed' }));
		await expect(w.refund(p, 100_000, 'elutasítva', refusing)).rejects.toBeInstanceOf(
			ConflictError
		);
		expect(w.db.$client.prepare('SELECT status FROM refunds').pluck().all()).toEqual(['failed']);
		expect(
			statementFor(w.db, w.claimId).refunded.principal +
				statementFor(w.db, w.claimId).refunded.interest
		).toBe(0);
		expect(paymentsForOps(w.db, op).rows[0]).toMatchObject({
			id: p,
			refundedMinor: 0,
			status: 'succeeded'
		});
	});
	it('two refunds at once never give back more than the payment: the one in flight counts', async () => {
		const p = await w.paid(1_150_000, 'full');
		// a gateway that answers only when told to, so both requests are in flight together
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const slow = demoRefunding(async (req) => (await gate, gw.refund(req)));
		const first = w.refund(p, 1_000_000, 'első', slow);
		const second = await w.refund(p, 1_000_000, 'második', slow).catch((x) => x);
		expect((second as ValidationError).fields.amount).toEqual({
			key: 'payments.refund.error.tooMuch',
			params: { max: 150_000 }
		});
		release();
		await first;
		expect(
			w.db.$client.prepare('SELECT refunded_minor FROM payments WHERE id=?').pluck().get(p)
		).toBe(1_000_000);
		expect(
			w.db.$client.prepare("SELECT count(*) FROM refunds WHERE status = 'succeeded'").pluck().get()
		).toBe(1);
	});

	it('a form drawn before another refund of the payment is refused, so a second click gives nothing back twice', async () => {
		// another payment first: the payment's id and its refunds' ids differ, as they do in use
		await w.paid(500_000);
		const p = await w.paid(500_000);
		const seen = paymentsForOps(w.db, op).rows.find((x) => x.id === p)!.refundCount;
		expect(seen).toBe(0);
		await refundPayment(
			w.db,
			op,
			{ paymentId: p, amountMinor: 100_000, reason: 'téves', seenRefunds: seen },
			gw
		);
		const again = await refundPayment(
			w.db,
			op,
			{ paymentId: p, amountMinor: 100_000, reason: 'téves', seenRefunds: seen },
			gw
		).catch((x) => x);
		expect(again).toBeInstanceOf(ConflictError);
		expect((again as ConflictError).key).toBe('payments.refund.error.changed');
		expect(
			w.db.$client.prepare('SELECT refunded_minor FROM payments WHERE id=?').pluck().get(p)
		).toBe(100_000);
		// the page drawn again carries the new count and works
		await refundPayment(
			w.db,
			op,
			{
				paymentId: p,
				amountMinor: 100_000,
				reason: 'téves',
				seenRefunds: paymentsForOps(w.db, op).rows.find((x) => x.id === p)!.refundCount
			},
			gw
		);
		expect(
			w.db.$client.prepare('SELECT refunded_minor FROM payments WHERE id=?').pluck().get(p)
		).toBe(200_000);
	});

	it('a refund smaller than the overpayment leaves the task open for the rest (C11)', async () => {
		// a full payment, then a part payment whose checkout was open beside it completes
		await w.paid(1_150_000, 'full');
		const b = openedCheckout(w.db, { claimId: w.claimId, amountMinor: 500_000 });
		demoAnswer(w.db, b.paymentId, 500_000, 'approve');
		const p = b.paymentId;
		const [task] = refundTasksForOps(w.db, op);
		expect(task).toMatchObject({ paymentId: p, amountMinor: 500_000 });
		await refundPayment(
			w.db,
			op,
			{ paymentId: p, amountMinor: 100, reason: 'első rész', refundTaskId: task.id },
			gw
		);
		expect(refundTasksForOps(w.db, op)).toMatchObject([
			{ id: task.id, amountMinor: 499_900, dueDate: task.dueDate }
		]);
		await refundPayment(
			w.db,
			op,
			{ paymentId: p, amountMinor: 499_900, reason: 'a többi', refundTaskId: task.id },
			gw
		);
		expect(refundTasksForOps(w.db, op)).toHaveLength(0);
		expect(
			w.db.$client
				.prepare("SELECT action FROM audit_log WHERE entity = 'refund_task' ORDER BY id")
				.pluck()
				.all()
		).toEqual(['refund_task.open', 'refund_task.reduce', 'refund_task.done']);
		expect(statementFor(w.db, w.claimId).refunded).toEqual(NOTHING_REFUNDED);
	});

	it('a payment flagged for another amount: its money gets a refund task and can be refunded, with nothing posted', async () => {
		const { paymentId } = await startPayment(
			w.db,
			w.me(),
			{ claimId: w.claimId, amountMinor: 500_000, purpose: 'partial' },
			gw
		);
		expect(
			reconcile(w.db, {
				...demoEvent({ id: paymentId, amountMinor: 600_000, currency: 'HUF' }, 'approve'),
				eventId: 'ev_odd'
			}).outcome
		).toBe('flagged');
		const [task] = refundTasksForOps(w.db, op);
		expect(task).toMatchObject({
			paymentId,
			amountMinor: 600_000,
			currency: 'HUF',
			dueDate: '2026-03-07'
		});
		const tooMuch = await refundPayment(
			w.db,
			op,
			{ paymentId, amountMinor: 600_001, reason: 'eltérő összeg' },
			gw
		).catch((x) => x);
		expect((tooMuch as ValidationError).fields.amount.params).toEqual({ max: 600_000 });
		await refundPayment(
			w.db,
			op,
			{ paymentId, amountMinor: 600_000, reason: 'eltérő összeg', refundTaskId: task.id },
			gw
		);
		expect(refundTasksForOps(w.db, op)).toHaveLength(0);
		expect(
			w.db.$client.prepare('SELECT status, refunded_minor FROM payments WHERE id=?').get(paymentId)
		).toEqual({ status: 'flagged', refunded_minor: 600_000 });
		expect(statementFor(w.db, w.claimId).refunded).toEqual(NOTHING_REFUNDED);
		expect(
			w.db.$client.prepare('SELECT balance_minor FROM claims WHERE id=?').pluck().get(w.claimId)
		).toBe(1_150_000);
		// a pending payment still cannot be refunded
		const { paymentId: open } = await startPayment(
			w.db,
			w.me(),
			{ claimId: w.claimId, amountMinor: 500_000, purpose: 'partial' },
			gw
		);
		expect(await w.refund(open, 100, 'nem ment át').catch((x) => x)).toBeInstanceOf(ConflictError);
	});

	it('the settlement certificate is withdrawn while a refund has re-opened the claim, and issued anew at the next payoff (C10)', async () => {
		const p = await w.paid(1_150_000, 'full');
		expect(claimDetail(w.db, w.me(), w.claimId).certificate).not.toBeNull();
		await certificatePdf(w.db, w.me(), w.claimId, 'hu');
		await w.refund(p, 5_000, 'téves tétel');
		expect(claimDetail(w.db, w.me(), w.claimId).certificate).toBeNull();
		await expect(certificatePdf(w.db, w.me(), w.claimId, 'hu')).rejects.toBeInstanceOf(
			NotFoundError
		);
		manualClock('2026-04-10', 10);
		await w.paid(5_000);
		expect(claimDetail(w.db, w.me(), w.claimId).certificate).toMatchObject({
			number: 'RZ-IG-2026-' + String(w.claimId).padStart(8, '0'),
			issuedAt: Date.parse('2026-04-10T08:00:00Z')
		});
		expect(
			w.db.$client
				.prepare("SELECT action FROM audit_log WHERE action LIKE 'certificate.%' ORDER BY id")
				.pluck()
				.all()
		).toEqual(['certificate.issue', 'certificate.reissue']);
	});
});
