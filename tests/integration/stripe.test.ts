/**
 * The Stripe gateway end to end through the real `stripe` client, pointed at a local Stripe-shaped
 * HTTP server; webhooks signed with stripe.webhooks.generateTestHeaderString. Payments.
 */
import { describe, expect, it } from 'vitest';
import { makeClaim, makeCreditor } from '../helpers/portal-fixtures';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import { statementFor } from '../../src/lib/server/services/ledger';
import {
	CHARGES,
	count,
	deliver,
	fake,
	gw,
	signedEvent,
	useStripeWorld
} from '../helpers/stripe-fixtures';

describe('Stripe gateway', () => {
	const w = useStripeWorld();

	it('creates a Checkout Session (mode payment, claim currency, minor units, idempotency key = payment id) and posts once paid', async () => {
		const { paymentId, redirectUrl, sessionId } = await w.pay();
		expect(redirectUrl).toBe(`https://checkout.stripe.com/c/pay/${sessionId}`);
		const req = fake.requests.find(
			(r) =>
				r.path === '/v1/checkout/sessions' && r.form['metadata[payment_id]'] === String(paymentId)
		)!;
		const createdAt = w.db.$client
			.prepare('SELECT created_at FROM payments WHERE id=?')
			.pluck()
			.get(paymentId);
		expect(req.idempotencyKey).toBe(`payment-${paymentId}-${createdAt}`);
		expect(req.form['mode']).toBe('payment');
		expect(req.form['line_items[0][price_data][currency]']).toBe('huf');
		expect(req.form['line_items[0][price_data][unit_amount]']).toBe('10700000');
		expect(req.form['success_url']).toBe(
			`https://rendez.example/my/payments/${paymentId}?session_id={CHECKOUT_SESSION_ID}`
		);
		expect(req.form['cancel_url']).toBe(
			`https://rendez.example/my/claims/${w.claimId}?cancelled=1`
		);

		const session = fake.pay(sessionId);
		const res = deliver(w.db, 'checkout.session.completed', session);
		expect(res).toEqual({ status: 200, body: { received: true, outcome: 'posted' } });
		const claim = w.db.$client
			.prepare('SELECT status, balance_minor, collected_minor FROM claims WHERE id=?')
			.get(w.claimId) as Record<string, unknown>;
		expect(claim).toEqual({ status: 'paid', balance_minor: 0, collected_minor: 10_700_000 });
		const s = statementFor(w.db, w.claimId);
		expect(s.paid).toEqual(CHARGES);
		expect(
			count(w.db, 'SELECT count(*) FROM settlement_certificates WHERE claim_id=?', w.claimId)
		).toBe(1);
		const p = w.db.$client
			.prepare('SELECT status, receipt_number, provider_payment_ref FROM payments WHERE id=?')
			.get(paymentId) as Record<string, string>;
		expect(p.status).toBe('succeeded');
		expect(p.receipt_number).toMatch(/^RZ-2026-\d{7}$/);
		expect(p.provider_payment_ref).toBe(session.payment_intent);
	});

	it('a forged signature gets 400 and posts nothing', async () => {
		const { sessionId } = await w.pay();
		const session = fake.pay(sessionId);
		const { body, sig } = signedEvent('checkout.session.completed', session, 'whsec_attacker');
		expect(w.receive(body, sig).status).toBe(400);
		// a correctly signed body that was altered afterwards
		const good = signedEvent('checkout.session.completed', session);
		expect(w.receive(good.body.replace('10700000', '10700001'), good.sig).status).toBe(400);
		expect(w.receive(good.body, null).status).toBe(400);
		expect(count(w.db, "SELECT count(*) FROM ledger_entries WHERE kind='payment'")).toBe(0);
		expect(count(w.db, 'SELECT count(*) FROM webhook_events')).toBe(0);
		expect(count(w.db, 'SELECT balance_minor FROM claims WHERE id=?', w.claimId)).toBe(10_700_000);
	});

	it('the same event delivered 10 times is posted once', async () => {
		const { sessionId } = await w.pay(5_000_000, 'partial');
		const { body, sig } = signedEvent('checkout.session.completed', fake.pay(sessionId));
		const outcomes = Array.from({ length: 10 }, () => w.receive(body, sig).body.outcome);
		expect(outcomes[0]).toBe('posted');
		expect(outcomes.slice(1).every((o) => o === 'duplicate')).toBe(true);
		expect(count(w.db, "SELECT count(*) FROM ledger_entries WHERE kind='payment'")).toBeGreaterThan(
			0
		);
		expect(count(w.db, "SELECT -sum(amount_minor) FROM ledger_entries WHERE kind='payment'")).toBe(
			5_000_000
		);
		expect(count(w.db, 'SELECT balance_minor FROM claims WHERE id=?', w.claimId)).toBe(5_700_000);
		expect(count(w.db, 'SELECT count(*) FROM webhook_events')).toBe(1);
	});

	it('handles events out of order: a late "expired" or "unpaid completed" never undoes a payment; async success posts once', async () => {
		const { paymentId, sessionId } = await w.pay();
		const session = fake.pay(sessionId);
		// async payment: success arrives before the "completed (unpaid)" notice
		const unpaid = { ...session, payment_status: 'unpaid' };
		const outcome = (type: string, object: Parameters<typeof deliver>[2]) =>
			deliver(w.db, type, object).body.outcome;
		expect(outcome('checkout.session.async_payment_succeeded', session)).toBe('posted');
		expect(outcome('checkout.session.completed', unpaid)).toBe('awaiting');
		expect(outcome('checkout.session.expired', { ...unpaid, status: 'expired' })).toBe(
			'already_final'
		);
		expect(outcome('checkout.session.async_payment_failed', unpaid)).toBe('already_final');
		expect(count(w.db, 'SELECT status FROM payments WHERE id=?', paymentId)).toBe(
			'succeeded' as unknown as number
		);
		expect(count(w.db, 'SELECT balance_minor FROM claims WHERE id=?', w.claimId)).toBe(0);

		// another payment: completed (unpaid, async) first, then failure
		const second = await startPayment(
			w.db,
			w.debtor(),
			{
				claimId: makeClaim(w.db, makeCreditor(w.db, 'Más Bank'), w.debtorId, {
					principal: 1_000_000
				}),
				amountMinor: 1_000_000,
				purpose: 'full'
			},
			gw
		);
		const s2id = w.db.$client
			.prepare('SELECT provider_ref FROM payments WHERE id=?')
			.pluck()
			.get(second.paymentId) as string;
		const s2 = { ...fake.sessions.get(s2id)!, status: 'complete', payment_status: 'unpaid' };
		expect(outcome('checkout.session.completed', s2)).toBe('awaiting');
		expect(outcome('checkout.session.async_payment_failed', s2)).toBe('failed');
		expect(count(w.db, 'SELECT status FROM payments WHERE id=?', second.paymentId)).toBe(
			'failed' as unknown as number
		);
	});

	it('an amount or currency mismatch flags the payment and posts nothing', async () => {
		const { paymentId, sessionId } = await w.pay();
		const session = fake.pay(sessionId);
		expect(
			deliver(w.db, 'checkout.session.completed', { ...session, amount_total: 100 }).body.outcome
		).toBe('flagged');
		const p = w.db.$client
			.prepare('SELECT status, flag_reason FROM payments WHERE id=?')
			.get(paymentId) as Record<string, string>;
		expect(p.status).toBe('flagged');
		// stored as a code with the reported amount (our row keeps the expected one); the audit has both
		expect(p.flag_reason).toBe('amount_mismatch:100:HUF');
		const flagged = w.db.$client
			.prepare(
				"SELECT after_json FROM audit_log WHERE action = 'payment.flagged' AND entity_id = ?"
			)
			.pluck()
			.get(String(paymentId)) as string;
		expect(JSON.parse(flagged)).toMatchObject({
			reported: { amountMinor: 100, currency: 'HUF' },
			expected: { amountMinor: 10_700_000, currency: 'HUF' }
		});
		// the correct amount arriving later does not post a flagged payment either: a human decides
		expect(deliver(w.db, 'checkout.session.completed', session).body.outcome).toBe('already_final');
		expect(
			deliver(w.db, 'checkout.session.completed', { ...session, currency: 'eur' }).body.outcome
		).toBe('already_final');
		expect(count(w.db, "SELECT count(*) FROM ledger_entries WHERE kind='payment'")).toBe(0);
		expect(count(w.db, 'SELECT balance_minor FROM claims WHERE id=?', w.claimId)).toBe(10_700_000);
	});

	it('the success page check and the webhook both fulfil, idempotently', async () => {
		const { sessionId } = await w.pay();
		const session = fake.pay(sessionId);
		const check = await gw.sessionEvent(sessionId);
		expect(reconcile(w.db, check!).outcome).toBe('posted');
		expect(reconcile(w.db, (await gw.sessionEvent(sessionId))!).outcome).toBe('duplicate');
		expect(deliver(w.db, 'checkout.session.completed', session).body.outcome).toBe('already_final');
		expect(count(w.db, "SELECT -sum(amount_minor) FROM ledger_entries WHERE kind='payment'")).toBe(
			10_700_000
		);
	});

	it('a repeated start with the same payment id reuses the session (idempotency key)', async () => {
		const { paymentId, sessionId } = await w.pay(5_000_000, 'partial');
		const createdAt = w.db.$client
			.prepare('SELECT created_at FROM payments WHERE id=?')
			.pluck()
			.get(paymentId);
		const again = await gw.createHostedPage({
			paymentId,
			idempotencyKey: `payment-${paymentId}-${createdAt}`,
			amountMinor: 5_000_000,
			currency: 'HUF',
			description: 'x',
			successUrl: 'https://a/b',
			cancelUrl: 'https://a/c',
			locale: 'hu'
		});
		expect(again.providerRef).toBe(sessionId);
	});

	it('a Stripe outage when starting marks the payment failed and reports a translated error', async () => {
		fake.failNext(10);
		await expect(
			startPayment(
				w.db,
				w.debtor(),
				{ claimId: w.claimId, amountMinor: 10_700_000, purpose: 'full' },
				gw
			)
		).rejects.toMatchObject({ key: 'payments.error.gatewayDown' });
		fake.failNext(0);
		expect(count(w.db, "SELECT count(*) FROM payments WHERE status='failed'")).toBe(1);
	});
});
