/**
 * One open checkout per claim (issue 15 item 10): parallel starts on one claim open one Stripe
 * Checkout Session and never hold more than is owed; an abandoned checkout stops holding the claim
 * when it expires; money in flight keeps holding it. Through the real service and the real
 * `stripe` client against the local Stripe-shaped server.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { deliver, FULL, fake, refusal, useStripeWorld } from '../helpers/stripe-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { CHECKOUT_TTL_MS } from '../../src/lib/domain/checkout';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import { demoAnswer } from '../helpers/payment-fixtures';

const pendingTotal = (db: DB, claimId: number) =>
	db.$client
		.prepare(
			"SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE claim_id = ? AND status = 'pending'"
		)
		.pluck()
		.get(claimId) as number;

describe('one open checkout per claim', () => {
	const w = useStripeWorld({
		step: 7 * CHECKOUT_TTL_MS,
		rules: { minPartialPaymentMinor: 100_000 }
	});
	let earlier = new Set<string>();
	beforeEach(() => {
		earlier = new Set(fake.sessions.keys());
	});
	const sessionsOf = (paymentId: number) =>
		[...fake.sessions.values()].filter(
			(s) => !earlier.has(s.id) && s.metadata.payment_id === String(paymentId)
		);

	it('20 parallel full payments open one checkout, every one of them is sent to it, and pending never exceeds the balance', async () => {
		const results = await Promise.all(Array.from({ length: 20 }, () => w.start(FULL, 'full')));
		const ids = new Set(results.map((r) => r.paymentId));
		expect(ids.size).toBe(1);
		const [paymentId] = ids;
		expect(new Set(results.map((r) => r.redirectUrl)).size).toBe(1);
		expect(sessionsOf(paymentId)).toHaveLength(1);
		expect(results[0].redirectUrl).toBe(sessionsOf(paymentId)[0].url);
		expect(w.db.$client.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(1);
		expect(pendingTotal(w.db, w.claimId)).toBeLessThanOrEqual(FULL);
		// the session is payable until our checkout expiry, which Stripe enforces
		const created = w.db.$client
			.prepare('SELECT created_at FROM payments WHERE id = ?')
			.pluck()
			.get(paymentId) as number;
		const req = fake.requests.find(
			(r) =>
				r.path === '/v1/checkout/sessions' && r.idempotencyKey === `payment-${paymentId}-${created}`
		)!;
		expect(Number(req.form['expires_at'])).toBe(Math.floor((created + CHECKOUT_TTL_MS) / 1000));

		// paying it posts once; the claim is then paid and takes no further checkout
		expect(
			deliver(w.db, 'checkout.session.completed', fake.pay(sessionsOf(paymentId)[0].id)).body
				.outcome
		).toBe('posted');
		expect(w.db.$client.prepare('SELECT count(*) FROM refund_tasks').pluck().get()).toBe(0);
		expect((await refusal(w.start(FULL, 'full'))).key).toBe('payments.error.nothingOwed');
	});

	it('parallel part payments are opened only while together they stay within the balance', async () => {
		const amounts = [4_000_000, 4_000_000, 4_000_000, 2_000_000, 700_000];
		const settled = await Promise.allSettled(amounts.map((a) => w.start(a, 'partial')));
		// the same amount twice is the same checkout; 4 + 2 + 0.7 million fit into 10.7 million
		expect(settled.every((s) => s.status === 'fulfilled')).toBe(true);
		const ids = settled.map(
			(s) => (s as PromiseFulfilledResult<{ paymentId: number }>).value.paymentId
		);
		expect(new Set(ids.slice(0, 3)).size).toBe(1);
		expect(pendingTotal(w.db, w.claimId)).toBe(6_700_000);
		// a full payment or a further part that would pass the balance is refused, with the wait
		const full = await refusal(w.start(FULL, 'full'));
		expect(full.key).toBe('payments.error.pendingCheckout');
		expect(full.params).toEqual({ minutes: CHECKOUT_TTL_MS / 60_000 });
		expect((await refusal(w.start(4_100_000, 'partial'))).key).toBe(
			'payments.error.pendingCheckout'
		);
		expect(pendingTotal(w.db, w.claimId)).toBeLessThanOrEqual(FULL);
	});

	it('an abandoned checkout stops holding the claim once it expires; money in flight keeps holding it', async () => {
		const first = await w.start(3_000_000, 'partial');
		w.clock.advance(CHECKOUT_TTL_MS - 10 * 60_000);
		const refused = await refusal(w.start(FULL, 'full'));
		expect(refused.params).toEqual({ minutes: 10 });
		// the debtor closed the tab: an hour after it was opened the checkout no longer counts
		w.clock.advance(10 * 60_000);
		const second = await w.start(FULL, 'full');
		expect(second.paymentId).not.toBe(first.paymentId);
		expect(second.redirectUrl).not.toBe(first.redirectUrl);

		// the debtor completed that one by bank debit: Stripe says "completed, unpaid"
		const session = sessionsOf(second.paymentId)[0];
		expect(
			deliver(w.db, 'checkout.session.completed', { ...session, status: 'complete' }).body.outcome
		).toBe('awaiting');
		// days later the money is still on its way: no second charge for it
		w.clock.advance(3 * 24 * 60 * 60_000);
		const inFlight = await refusal(w.start(FULL, 'full'));
		expect(inFlight.key).toBe('payments.error.paymentInFlight');
		// the abandoned checkout and the one in flight; no third was opened
		expect(w.db.$client.prepare('SELECT count(*) FROM payments').pluck().get()).toBe(2);
	});

	it('the demo checkout expires too: an answer after its expiry books nothing', async () => {
		const demo = new DemoGateway();
		const p = await w.start(FULL, 'full', demo);
		const again = await w.start(FULL, 'full', demo);
		expect(again).toEqual(p);
		w.clock.advance(CHECKOUT_TTL_MS);
		const res = demoAnswer(w.db, p.paymentId, FULL, 'approve');
		expect(res.outcome).toBe('expired');
		expect(
			w.db.$client.prepare('SELECT balance_minor FROM claims WHERE id = ?').pluck().get(w.claimId)
		).toBe(FULL);
		const next = await w.start(FULL, 'full', demo);
		expect(next.paymentId).not.toBe(p.paymentId);
	});
});
