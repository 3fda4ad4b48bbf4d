/** Refunds the provider has not answered: sent again with the same key, booked by its event, or let go. */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../helpers/db';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import {
	abandonRefund,
	pendingRefundsForOps,
	refundOutcome,
	retryRefund
} from '../../src/lib/server/services/refunds';
import { statementFor } from '../../src/lib/server/services/ledger';
import {
	ConflictError,
	ForbiddenError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { demoRefunding, OPERATOR, useRefundWorld } from '../helpers/refund-fixtures';

const gw = new DemoGateway();
/** The demo gateway whose refund request fails on the way (the network error `code`): no answer. */
const unanswered = (code: string) => demoRefunding(async () => Promise.reject(new Error(code)));

describe('refunds without an answer', () => {
	const w = useRefundWorld();
	const op = OPERATOR;

	it("a refund the provider never answered stays pending: sent again with the same key, or booked by the provider's event, once", async () => {
		const p = await w.paid(1_150_000, 'full');
		const keys: string[] = [];
		const silent = demoRefunding(
			async (req) => (keys.push(req.idempotencyKey), Promise.reject(new Error('ETIMEDOUT')))
		);
		const answering = demoRefunding(async (req) => (keys.push(req.idempotencyKey), gw.refund(req)));
		const e = await w.refund(p, 400_000, 'nincs válasz', silent).catch((x) => x);
		expect((e as ConflictError).key).toBe('payments.refund.error.noAnswer');
		const [pending] = pendingRefundsForOps(w.db, op);
		expect(pending).toMatchObject({ paymentId: p, amountMinor: 400_000, currency: 'HUF' });
		expect(statementFor(w.db, w.claimId).refunded.principal).toBe(0);
		// the money may be on its way: it counts against what is left
		const more = await w.refund(p, 800_000, 'még', answering).catch((x) => x);
		expect((more as ValidationError).fields.amount.params).toEqual({ max: 750_000 });
		keys.length = 0;
		await retryRefund(w.db, op, pending.id, silent).catch(() => undefined);
		await retryRefund(w.db, op, pending.id, answering);
		expect(new Set(keys).size).toBe(1);
		expect(pendingRefundsForOps(w.db, op)).toHaveLength(0);
		expect(statementFor(w.db, w.claimId).refunded.principal).toBe(400_000);
		await expect(retryRefund(w.db, op, pending.id, answering)).rejects.toBeInstanceOf(
			ConflictError
		);
		// the provider's own word on it afterwards changes nothing
		expect(
			refundOutcome(w.db, {
				provider: 'stripe',
				eventId: 'evt_r1',
				type: 'refund.updated',
				refundId: pending.id,
				paymentId: p,
				providerRef: `demo_re_${pending.id}`,
				providerPaymentRef: null,
				outcome: 'succeeded'
			}).outcome
		).toBe('already_final');
		expect(
			w.db.$client.prepare('SELECT refunded_minor FROM payments WHERE id=?').pluck().get(p)
		).toBe(400_000);
	});

	it('a refund without an answer for more than a day is not sent again (the provider may have forgotten its key)', async () => {
		const p = await w.paid(500_000);
		const silent = unanswered('ETIMEDOUT');
		await w.refund(p, 100_000, 'nincs válasz', silent).catch(() => undefined);
		const [pending] = pendingRefundsForOps(w.db, op);
		manualClock('2026-03-03', 11);
		const e = await retryRefund(w.db, op, pending.id, gw).catch((x) => x);
		expect((e as ConflictError).key).toBe('payments.refund.error.tooOldToRetry');
		expect(
			w.db.$client.prepare('SELECT status FROM refunds WHERE id=?').pluck().get(pending.id)
		).toBe('pending');
		// checked at the provider and not made: closed, and its amount can be refunded again
		await expect(w.refund(p, 500_000, 'teljes')).rejects.toBeInstanceOf(ValidationError);
		abandonRefund(w.db, op, pending.id);
		expect(pendingRefundsForOps(w.db, op)).toHaveLength(0);
		expect(() => abandonRefund(w.db, op, pending.id)).toThrow(ConflictError);
		expect(() => abandonRefund(w.db, w.me(), pending.id)).toThrow(ForbiddenError);
		await w.refund(p, 500_000, 'teljes');
		expect(
			w.db.$client
				.prepare("SELECT count(*) FROM audit_log WHERE action = 'refund.abandoned'")
				.pluck()
				.get()
		).toBe(1);
	});

	it('a refund closed as not made that the provider reports made after all is booked, while the payment has room', async () => {
		const p = await w.paid(500_000);
		const late = async (amount: number, eventId: string) => {
			await w.refund(p, amount, 'nincs válasz', unanswered('ETIMEDOUT')).catch(() => undefined);
			const [pending] = pendingRefundsForOps(w.db, op);
			abandonRefund(w.db, op, pending.id);
			return (payment = p) =>
				refundOutcome(w.db, {
					provider: 'stripe',
					eventId,
					type: 'refund.updated',
					refundId: pending.id,
					paymentId: payment,
					providerRef: `re_${eventId}`,
					providerPaymentRef: null,
					outcome: 'succeeded'
				}).outcome;
		};
		const first = await late(200_000, 'late1');
		expect(first()).toBe('booked');
		const refunded = () =>
			w.db.$client.prepare('SELECT refunded_minor FROM payments WHERE id=?').pluck().get(p);
		expect(refunded()).toBe(200_000);
		expect(
			w.db.$client
				.prepare("SELECT count(*) FROM audit_log WHERE action = 'refund.made_late'")
				.pluck()
				.get()
		).toBe(1);
		// a second one, after the operator had refunded the rest another way: nothing more to book
		const second = await late(300_000, 'late2');
		await w.refund(p, 300_000, 'újra');
		expect(second()).toBe('unknown_refund');
		expect(refunded()).toBe(500_000);
		// nothing more is booked, but the money that left twice is on record for an operator
		expect(
			w.db.$client
				.prepare("SELECT count(*) FROM audit_log WHERE action = 'refund.made_late'")
				.pluck()
				.get()
		).toBe(2);
		expect(
			w.db.$client
				.prepare("SELECT count(*) FROM refunds WHERE provider_ref = 're_late2'")
				.pluck()
				.get()
		).toBe(1);
	});

	it("the provider's success event books a refund whose answer never reached us", async () => {
		const p = await w.paid(1_150_000, 'full');
		const silent = unanswered('ECONNRESET');
		await w.refund(p, 150_000, 'nincs válasz', silent).catch(() => undefined);
		const [pending] = pendingRefundsForOps(w.db, op);
		const ev = {
			provider: 'stripe' as const,
			eventId: 'evt_r2',
			type: 'refund.updated',
			refundId: pending.id,
			paymentId: p,
			providerRef: 're_123',
			providerPaymentRef: `demo_pi_${p}`,
			outcome: 'succeeded' as const
		};
		// the same refund id from another database on the Stripe account (another payment, or
		// another PaymentIntent) is not ours
		expect(refundOutcome(w.db, { ...ev, eventId: 'evt_x1', paymentId: p + 1 }).outcome).toBe(
			'unknown_refund'
		);
		expect(
			refundOutcome(w.db, { ...ev, eventId: 'evt_x2', providerPaymentRef: 'pi_elsewhere' }).outcome
		).toBe('unknown_refund');
		expect(
			w.db.$client.prepare('SELECT status FROM refunds WHERE id=?').pluck().get(pending.id)
		).toBe('pending');
		expect(refundOutcome(w.db, ev)).toEqual({ outcome: 'booked', refundId: pending.id });
		expect(refundOutcome(w.db, ev).outcome).toBe('duplicate');
		expect(
			w.db.$client.prepare('SELECT status, provider_ref FROM refunds WHERE id=?').get(pending.id)
		).toEqual({ status: 'succeeded', provider_ref: 're_123' });
		expect(
			w.db.$client.prepare('SELECT refunded_minor FROM payments WHERE id=?').pluck().get(p)
		).toBe(150_000);
		expect(
			w.db.$client.prepare('SELECT balance_minor, status FROM claims WHERE id=?').get(w.claimId)
		).toEqual({ balance_minor: 150_000, status: 'open' });
		await expect(retryRefund(w.db, op, pending.id, gw)).rejects.toBeInstanceOf(ConflictError);
	});
});
