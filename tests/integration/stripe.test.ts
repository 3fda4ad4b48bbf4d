/**
 * The Stripe gateway end to end through the real `stripe` client, pointed at a local Stripe-shaped
 * HTTP server; webhooks signed with stripe.webhooks.generateTestHeaderString.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { freshDb, manualClock } from '../helpers/db';
import { startStripeServer, stripeEvent, type FakeStripe } from '../helpers/stripe-server';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { StripeGateway, stripeClient } from '../../src/lib/server/payments/stripe';
import type { PaymentGateway } from '../../src/lib/server/payments/gateway';
import { handleStripeWebhook } from '../../src/lib/server/payments/webhook';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import { refundPayment, retryRefund } from '../../src/lib/server/services/refunds';
import { ConflictError } from '../../src/lib/server/services/errors';
import { statementFor } from '../../src/lib/server/services/ledger';

const SECRET = 'whsec_test_secret';
let fake: FakeStripe;
let stripe: Stripe;
let gw: StripeGateway;

beforeAll(async () => {
	fake = await startStripeServer();
	stripe = stripeClient({
		gateway: 'stripe',
		stripeSecretKey: 'sk_test_rendez',
		stripeApiHost: '127.0.0.1',
		stripeApiPort: fake.port,
		stripeApiProtocol: 'http'
	});
	gw = new StripeGateway(stripe);
});
afterAll(() => fake.close());

function signed(payload: object, secret = SECRET) {
	const body = JSON.stringify(payload);
	return { body, sig: stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
}

const count = (db: DB, sql: string, ...args: unknown[]) =>
	db.$client
		.prepare(sql)
		.pluck()
		.get(...args) as number;

describe('Stripe gateway', () => {
	let db: DB;
	let claimId: number;
	let debtorId: number;
	let tick = 0;
	beforeEach(() => {
		// a distinct instant per test: the fake Stripe server lives across tests, as an account would
		manualClock('2026-03-02', 10).advance(++tick * 1000);
		db = freshDb();
		const cr = makeCreditor(db);
		debtorId = makeDebtor(db);
		claimId = makeClaim(db, cr, debtorId, {
			principal: 10_000_000,
			interest: 450_000,
			fee: 150_000,
			cost: 100_000
		});
	});
	const debtor = () => ({ kind: 'debtor' as const, debtorId });

	async function pay(amountMinor = 10_700_000, purpose: 'full' | 'partial' = 'full') {
		const r = await startPayment(
			db,
			debtor(),
			{ claimId, amountMinor, purpose, origin: 'https://rendez.example' },
			gw
		);
		const sessionId = db.$client
			.prepare('SELECT provider_ref FROM payments WHERE id=?')
			.pluck()
			.get(r.paymentId) as string;
		return { ...r, sessionId };
	}

	it('creates a Checkout Session (mode payment, claim currency, minor units, idempotency key = payment id) and posts once paid', async () => {
		const { paymentId, redirectUrl, sessionId } = await pay();
		expect(redirectUrl).toBe(`https://checkout.stripe.com/c/pay/${sessionId}`);
		const req = fake.requests.find(
			(r) =>
				r.path === '/v1/checkout/sessions' && r.form['metadata[payment_id]'] === String(paymentId)
		)!;
		const createdAt = db.$client
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
		expect(req.form['cancel_url']).toBe(`https://rendez.example/my/claims/${claimId}?cancelled=1`);

		const session = fake.pay(sessionId);
		const { body, sig } = signed(stripeEvent('checkout.session.completed', session));
		const res = handleStripeWebhook(db, body, sig, SECRET);
		expect(res).toEqual({ status: 200, body: { received: true, outcome: 'posted' } });
		const claim = db.$client
			.prepare('SELECT status, balance_minor, collected_minor FROM claims WHERE id=?')
			.get(claimId) as Record<string, unknown>;
		expect(claim).toEqual({ status: 'paid', balance_minor: 0, collected_minor: 10_700_000 });
		const s = statementFor(db, claimId);
		expect(s.paid).toEqual({
			principal: 10_000_000,
			interest: 450_000,
			fee: 150_000,
			cost: 100_000
		});
		expect(
			count(db, 'SELECT count(*) FROM settlement_certificates WHERE claim_id=?', claimId)
		).toBe(1);
		const p = db.$client
			.prepare('SELECT status, receipt_number, provider_payment_ref FROM payments WHERE id=?')
			.get(paymentId) as Record<string, string>;
		expect(p.status).toBe('succeeded');
		expect(p.receipt_number).toMatch(/^RZ-2026-\d{7}$/);
		expect(p.provider_payment_ref).toBe(session.payment_intent);
	});

	it('a forged signature gets 400 and posts nothing', async () => {
		const { sessionId } = await pay();
		const session = fake.pay(sessionId);
		const { body, sig } = signed(
			stripeEvent('checkout.session.completed', session),
			'whsec_attacker'
		);
		expect(handleStripeWebhook(db, body, sig, SECRET).status).toBe(400);
		// a correctly signed body that was altered afterwards
		const good = signed(stripeEvent('checkout.session.completed', session));
		expect(
			handleStripeWebhook(db, good.body.replace('10700000', '10700001'), good.sig, SECRET).status
		).toBe(400);
		expect(handleStripeWebhook(db, good.body, null, SECRET).status).toBe(400);
		expect(count(db, "SELECT count(*) FROM ledger_entries WHERE kind='payment'")).toBe(0);
		expect(count(db, 'SELECT count(*) FROM webhook_events')).toBe(0);
		expect(count(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(10_700_000);
	});

	it('the same event delivered 10 times is posted once', async () => {
		const { sessionId } = await pay(5_000_000, 'partial');
		const { body, sig } = signed(stripeEvent('checkout.session.completed', fake.pay(sessionId)));
		const outcomes = Array.from(
			{ length: 10 },
			() => handleStripeWebhook(db, body, sig, SECRET).body.outcome
		);
		expect(outcomes[0]).toBe('posted');
		expect(outcomes.slice(1).every((o) => o === 'duplicate')).toBe(true);
		expect(count(db, "SELECT count(*) FROM ledger_entries WHERE kind='payment'")).toBeGreaterThan(
			0
		);
		expect(count(db, "SELECT -sum(amount_minor) FROM ledger_entries WHERE kind='payment'")).toBe(
			5_000_000
		);
		expect(count(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(5_700_000);
		expect(count(db, 'SELECT count(*) FROM webhook_events')).toBe(1);
	});

	it('handles events out of order: a late "expired" or "unpaid completed" never undoes a payment; async success posts once', async () => {
		const { paymentId, sessionId } = await pay();
		const session = fake.pay(sessionId);
		// async payment: success arrives before the "completed (unpaid)" notice
		const ok = signed(stripeEvent('checkout.session.async_payment_succeeded', session));
		const unpaid = signed(
			stripeEvent('checkout.session.completed', { ...session, payment_status: 'unpaid' })
		);
		const expired = signed(
			stripeEvent('checkout.session.expired', {
				...session,
				status: 'expired',
				payment_status: 'unpaid'
			})
		);
		const failed = signed(
			stripeEvent('checkout.session.async_payment_failed', { ...session, payment_status: 'unpaid' })
		);
		expect(handleStripeWebhook(db, ok.body, ok.sig, SECRET).body.outcome).toBe('posted');
		expect(handleStripeWebhook(db, unpaid.body, unpaid.sig, SECRET).body.outcome).toBe('awaiting');
		expect(handleStripeWebhook(db, expired.body, expired.sig, SECRET).body.outcome).toBe(
			'already_final'
		);
		expect(handleStripeWebhook(db, failed.body, failed.sig, SECRET).body.outcome).toBe(
			'already_final'
		);
		expect(count(db, 'SELECT status FROM payments WHERE id=?', paymentId)).toBe(
			'succeeded' as unknown as number
		);
		expect(count(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(0);

		// another payment: completed (unpaid, async) first, then failure
		const second = await startPayment(
			db,
			debtor(),
			{
				claimId: makeClaim(db, makeCreditor(db, 'Más Bank'), debtorId, { principal: 1_000_000 }),
				amountMinor: 1_000_000,
				purpose: 'full'
			},
			gw
		);
		const s2id = db.$client
			.prepare('SELECT provider_ref FROM payments WHERE id=?')
			.pluck()
			.get(second.paymentId) as string;
		const s2 = fake.sessions.get(s2id)!;
		const c2 = signed(
			stripeEvent('checkout.session.completed', {
				...s2,
				status: 'complete',
				payment_status: 'unpaid'
			})
		);
		const f2 = signed(
			stripeEvent('checkout.session.async_payment_failed', {
				...s2,
				status: 'complete',
				payment_status: 'unpaid'
			})
		);
		expect(handleStripeWebhook(db, c2.body, c2.sig, SECRET).body.outcome).toBe('awaiting');
		expect(handleStripeWebhook(db, f2.body, f2.sig, SECRET).body.outcome).toBe('failed');
		expect(count(db, 'SELECT status FROM payments WHERE id=?', second.paymentId)).toBe(
			'failed' as unknown as number
		);
	});

	it('an amount or currency mismatch flags the payment and posts nothing', async () => {
		const { paymentId, sessionId } = await pay();
		const session = fake.pay(sessionId);
		const { body, sig } = signed(
			stripeEvent('checkout.session.completed', { ...session, amount_total: 100 })
		);
		expect(handleStripeWebhook(db, body, sig, SECRET).body.outcome).toBe('flagged');
		const p = db.$client
			.prepare('SELECT status, flag_reason FROM payments WHERE id=?')
			.get(paymentId) as Record<string, string>;
		expect(p.status).toBe('flagged');
		// stored as a code with the reported amount (our row keeps the expected one); the audit has both
		expect(p.flag_reason).toBe('amount_mismatch:100:HUF');
		const flagged = db.$client
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
		const again = signed(stripeEvent('checkout.session.completed', session));
		expect(handleStripeWebhook(db, again.body, again.sig, SECRET).body.outcome).toBe(
			'already_final'
		);
		const cur = signed(stripeEvent('checkout.session.completed', { ...session, currency: 'eur' }));
		expect(handleStripeWebhook(db, cur.body, cur.sig, SECRET).body.outcome).toBe('already_final');
		expect(count(db, "SELECT count(*) FROM ledger_entries WHERE kind='payment'")).toBe(0);
		expect(count(db, 'SELECT balance_minor FROM claims WHERE id=?', claimId)).toBe(10_700_000);
	});

	it('the success page check and the webhook both fulfil, idempotently', async () => {
		const { sessionId } = await pay();
		const session = fake.pay(sessionId);
		const check = await gw.sessionEvent(sessionId);
		expect(reconcile(db, check!).outcome).toBe('posted');
		expect(reconcile(db, (await gw.sessionEvent(sessionId))!).outcome).toBe('duplicate');
		const { body, sig } = signed(stripeEvent('checkout.session.completed', session));
		expect(handleStripeWebhook(db, body, sig, SECRET).body.outcome).toBe('already_final');
		expect(count(db, "SELECT -sum(amount_minor) FROM ledger_entries WHERE kind='payment'")).toBe(
			10_700_000
		);
	});

	it('a repeated start with the same payment id reuses the session (idempotency key)', async () => {
		const { paymentId, sessionId } = await pay(5_000_000, 'partial');
		const createdAt = db.$client
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

	it('refunds through Stripe and reverses the allocation on the ledger', async () => {
		const { paymentId, sessionId } = await pay();
		const { body, sig } = signed(stripeEvent('checkout.session.completed', fake.pay(sessionId)));
		handleStripeWebhook(db, body, sig, SECRET);
		const op = { kind: 'operator' as const, userId: 1 };
		db.$client
			.prepare(
				"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
			)
			.run();
		const r = await refundPayment(
			db,
			op,
			{ paymentId, amountMinor: 10_100_000, reason: 'kétszer fizetett' },
			gw
		);
		expect(r.status).toBe('succeeded');
		expect(fake.refunds.at(-1)).toMatchObject({
			amount: 10_100_000,
			idempotencyKey: `refund-${r.id}-${r.createdAt}`
		});
		const s = statementFor(db, claimId);
		// reversed principal first: all 100 000 Ft of principal and 1 000 Ft of interest come back
		expect(s.refunded).toEqual({ principal: 10_000_000, interest: 100_000, fee: 0, cost: 0 });
		const claim = db.$client
			.prepare('SELECT status, balance_minor, collected_minor FROM claims WHERE id=?')
			.get(claimId);
		expect(claim).toEqual({ status: 'open', balance_minor: 10_100_000, collected_minor: 600_000 });
	});

	it("a refund whose answer is lost stays pending; Stripe's refund.created books it once, and sending it again refunds nothing twice", async () => {
		const { paymentId, sessionId } = await pay();
		handleStripeWebhook(
			db,
			...(Object.values(signed(stripeEvent('checkout.session.completed', fake.pay(sessionId)))) as [
				string,
				string
			]),
			SECRET
		);
		db.$client
			.prepare(
				"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
			)
			.run();
		const op = { kind: 'operator' as const, userId: 1 };
		const made = fake.refunds.length;
		fake.dropRefundAnswers = true;
		try {
			const e = await refundPayment(
				db,
				op,
				{ paymentId, amountMinor: 300_000, reason: 'téves terhelés' },
				gw
			).catch((x) => x);
			expect((e as ConflictError).key).toBe('payments.refund.error.noAnswer');
		} finally {
			fake.dropRefundAnswers = false;
		}
		// Stripe made it (every retry carried the same key: one refund)
		expect(fake.refunds).toHaveLength(made + 1);
		const refundId = Number(fake.refunds[made].metadata.refund_id);
		expect(db.$client.prepare('SELECT status FROM refunds WHERE id=?').pluck().get(refundId)).toBe(
			'pending'
		);
		expect(count(db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(0);
		const created = signed(
			stripeEvent('refund.created', fake.refundObject(fake.refunds[made].id, 'succeeded'))
		);
		for (let i = 0; i < 3; i++) handleStripeWebhook(db, created.body, created.sig, SECRET);
		expect(db.$client.prepare('SELECT status FROM refunds WHERE id=?').pluck().get(refundId)).toBe(
			'succeeded'
		);
		expect(count(db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(300_000);
		expect(
			count(db, 'SELECT count(*) FROM ledger_entries WHERE refund_id=?', refundId)
		).toBeGreaterThan(0);
		await expect(retryRefund(db, op, refundId, gw)).rejects.toBeInstanceOf(ConflictError);
		expect(fake.refunds).toHaveLength(made + 1);
	});

	it('a refund Stripe accepts as pending is booked; when it later fails, the booking is taken back once and a refund task opens', async () => {
		const { paymentId, sessionId } = await pay();
		handleStripeWebhook(
			db,
			...(Object.values(signed(stripeEvent('checkout.session.completed', fake.pay(sessionId)))) as [
				string,
				string
			]),
			SECRET
		);
		db.$client
			.prepare(
				"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
			)
			.run();
		const op = { kind: 'operator' as const, userId: 1 };
		const before = statementFor(db, claimId);
		fake.refundStatus = 'pending';
		try {
			const r = await refundPayment(
				db,
				op,
				{ paymentId, amountMinor: 300_000, reason: 'téves terhelés' },
				gw
			);
			expect(r.status).toBe('succeeded');
			expect(
				db.$client.prepare('SELECT status, balance_minor FROM claims WHERE id=?').get(claimId)
			).toEqual({ status: 'open', balance_minor: 300_000 });
			const providerRef = fake.refunds.at(-1)!.id;
			expect(fake.refunds.at(-1)!.metadata).toEqual({
				payment_id: String(paymentId),
				refund_id: String(r.id)
			});

			// a refund that succeeds later changes nothing (it is booked already)
			const ok = signed(stripeEvent('refund.updated', fake.refundObject(providerRef, 'succeeded')));
			expect(handleStripeWebhook(db, ok.body, ok.sig, SECRET).body.outcome).toBe('already_final');

			// the bank sends the money back to Stripe: refund.failed, delivered three times
			const failed = signed(stripeEvent('refund.failed', fake.refundObject(providerRef, 'failed')));
			expect(handleStripeWebhook(db, failed.body, failed.sig, SECRET)).toEqual({
				status: 200,
				body: { received: true, outcome: 'reversed' }
			});
			for (let i = 0; i < 2; i++)
				expect(handleStripeWebhook(db, failed.body, failed.sig, SECRET).body.outcome).toBe(
					'duplicate'
				);
			// a forged one is refused and changes nothing
			const forged = signed(
				stripeEvent('refund.failed', fake.refundObject(providerRef, 'failed')),
				'whsec_wrong'
			);
			expect(handleStripeWebhook(db, forged.body, forged.sig, SECRET).status).toBe(400);

			// the debt is as before the refund, to the minor unit, and the claim is settled again
			const after = statementFor(db, claimId);
			expect(after.refunded).toEqual({ principal: 0, interest: 0, fee: 0, cost: 0 });
			expect(after.balance).toEqual(before.balance);
			expect(
				db.$client
					.prepare('SELECT status, balance_minor, collected_minor FROM claims WHERE id=?')
					.get(claimId)
			).toEqual({ status: 'paid', balance_minor: 0, collected_minor: 10_700_000 });
			expect(count(db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(0);
			expect(db.$client.prepare('SELECT status FROM refunds WHERE id=?').pluck().get(r.id)).toBe(
				'failed'
			);
			// the reversing entries name the ones they reverse
			expect(
				count(
					db,
					'SELECT count(*) FROM ledger_entries WHERE refund_id=? AND amount_minor < 0 AND reverses_id IN (SELECT id FROM ledger_entries WHERE refund_id=? AND amount_minor > 0)',
					r.id,
					r.id
				)
			).toBe(
				count(
					db,
					'SELECT count(*) FROM ledger_entries WHERE refund_id=? AND amount_minor > 0',
					r.id
				)
			);
			// the money still has to go back: an open refund task with the C11 deadline (5 days)
			expect(
				db.$client
					.prepare(
						"SELECT amount_minor, due_date FROM refund_tasks WHERE payment_id=? AND status='open'"
					)
					.all(paymentId)
			).toEqual([{ amount_minor: 300_000, due_date: '2026-03-07' }]);
			expect(
				count(
					db,
					"SELECT count(*) FROM audit_log WHERE action='refund.failed' AND entity_id=?",
					String(r.id)
				)
			).toBe(1);
			// the operator can refund again: the retry is computed from the ledger as it is now
			fake.refundStatus = 'succeeded';
			await refundPayment(db, op, { paymentId, amountMinor: 300_000, reason: 'újra' }, gw);
			expect(statementFor(db, claimId).refunded).toEqual({
				principal: 300_000,
				interest: 0,
				fee: 0,
				cost: 0
			});
		} finally {
			fake.refundStatus = 'succeeded';
		}
	});

	it("a failure that overtakes Stripe's answer to the refund request is not booked", async () => {
		const { paymentId, sessionId } = await pay();
		const paid = signed(stripeEvent('checkout.session.completed', fake.pay(sessionId)));
		handleStripeWebhook(db, paid.body, paid.sig, SECRET);
		db.$client
			.prepare(
				"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
			)
			.run();
		const op = { kind: 'operator' as const, userId: 1 };
		// the answer to our request arrives only after Stripe's webhook about the same refund
		const racing: PaymentGateway = {
			name: 'stripe',
			createHostedPage: (req) => gw.createHostedPage(req),
			async refund(req) {
				const res = await gw.refund(req);
				const failed = signed(
					stripeEvent('refund.failed', fake.refundObject(res.providerRef, 'failed'))
				);
				expect(handleStripeWebhook(db, failed.body, failed.sig, SECRET).body.outcome).toBe(
					'failed'
				);
				return res;
			}
		};
		fake.refundStatus = 'pending';
		try {
			await expect(
				refundPayment(db, op, { paymentId, amountMinor: 300_000, reason: 'téves terhelés' }, racing)
			).rejects.toMatchObject({ key: 'payments.refund.error.gateway' });
		} finally {
			fake.refundStatus = 'succeeded';
		}
		expect(statementFor(db, claimId).refunded).toEqual({
			principal: 0,
			interest: 0,
			fee: 0,
			cost: 0
		});
		expect(
			db.$client.prepare('SELECT status, balance_minor FROM claims WHERE id=?').get(claimId)
		).toEqual({ status: 'paid', balance_minor: 0 });
		expect(count(db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(0);
		expect(db.$client.prepare('SELECT status, provider_ref FROM refunds').all()).toEqual([
			{ status: 'failed', provider_ref: fake.refunds.at(-1)!.id }
		]);
	});

	it('a refund Stripe refuses outright (4xx) fails at once instead of waiting for an answer', async () => {
		const { paymentId, sessionId } = await pay();
		handleStripeWebhook(
			db,
			...(Object.values(signed(stripeEvent('checkout.session.completed', fake.pay(sessionId)))) as [
				string,
				string
			]),
			SECRET
		);
		db.$client
			.prepare(
				"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
			)
			.run();
		// a PaymentIntent Stripe does not know: it answers 400 "No such payment_intent"
		db.$client
			.prepare("UPDATE payments SET provider_payment_ref = 'pi_unknown' WHERE id = ?")
			.run(paymentId);
		const e = await refundPayment(
			db,
			{ kind: 'operator', userId: 1 },
			{ paymentId, amountMinor: 100_000, reason: 'téves terhelés' },
			gw
		).catch((x) => x);
		expect((e as ConflictError).key).toBe('payments.refund.error.gateway');
		expect(
			db.$client.prepare('SELECT status FROM refunds WHERE payment_id = ?').pluck().all(paymentId)
		).toEqual(['failed']);
		expect(count(db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(0);
	});

	it('a refund event for a refund we did not make is recorded and ignored', async () => {
		const ev = signed(
			stripeEvent('refund.failed', {
				id: 're_elsewhere',
				object: 'refund',
				amount: 100,
				status: 'failed',
				metadata: { refund_id: '999', payment_id: '999' }
			})
		);
		expect(handleStripeWebhook(db, ev.body, ev.sig, SECRET).body.outcome).toBe('unknown_refund');
		const other = signed(
			stripeEvent('refund.failed', {
				id: 're_no_meta',
				object: 'refund',
				amount: 100,
				status: 'failed',
				metadata: {}
			})
		);
		expect(handleStripeWebhook(db, other.body, other.sig, SECRET).body).toEqual({
			received: true,
			handled: false
		});
		expect(count(db, 'SELECT count(*) FROM ledger_entries WHERE refund_id IS NOT NULL')).toBe(0);
	});

	it('a Stripe outage when starting marks the payment failed and reports a translated error', async () => {
		fake.failNext(10);
		await expect(
			startPayment(db, debtor(), { claimId, amountMinor: 10_700_000, purpose: 'full' }, gw)
		).rejects.toMatchObject({ key: 'payments.error.gatewayDown' });
		fake.failNext(0);
		expect(count(db, "SELECT count(*) FROM payments WHERE status='failed'")).toBe(1);
	});
});
