/**
 * The Stripe path end to end over HTTP: the built server in Stripe mode talks to a local
 * Stripe-shaped server through the real `stripe` client; a debtor's "pay in full" redirects to the
 * Checkout Session; Stripe's signed webhook to POST /api/webhooks/stripe settles the claim once,
 * however often it is delivered, and a forged one is refused with 400. The cardholder then disputes
 * the payment with their bank: the operators see the chargeback with its evidence deadline; lost,
 * the debt is owed again and the debtor reads that their bank took the payment back.
 */
import { test, expect, request as pwRequest } from '@playwright/test';
import Stripe from 'stripe';
import Database from '../../src/lib/server/db/sqlite';
import { startStripeServer, stripeEvent } from '../helpers/stripe-server';
import { demo, E2E_DB, extraPort, extraServer, insertLink, staffPage } from './access-helpers';

const SECRET = 'whsec_e2e_test_secret';

test('Stripe checkout and webhooks through the real server', async ({ browser }) => {
	test.setTimeout(90_000);
	const fake = await startStripeServer();
	const port = extraPort(4);
	const origin = `http://localhost:${port}`;
	const srv = await extraServer(port, {
		ORIGIN: origin,
		PAYMENT_GATEWAY: 'stripe',
		STRIPE_SECRET_KEY: 'sk_test_e2e',
		STRIPE_WEBHOOK_SECRET: SECRET,
		STRIPE_API_HOST: '127.0.0.1',
		STRIPE_API_PORT: String(fake.port),
		STRIPE_API_PROTOCOL: 'http',
		RENDEZ_DAILY_TIMER: '0'
	});
	const db = new Database(E2E_DB);
	try {
		// an open HUF claim of a person no other spec uses (not in the firm reminder, where the
		// whole-loop spec picks its claim: this one is owed again after the chargeback), and a link
		// of our own for them
		const c = db
			.prepare(
				`SELECT c.id, c.balance_minor AS balance, d.id AS debtorId, d.birth_date AS birthDate FROM claims c JOIN debtors d ON d.id = c.debtor_id
				 WHERE c.status = 'open' AND c.currency = 'HUF' AND c.balance_minor > 0 AND c.balance_minor % 100 = 0 AND d.kind = 'person'
				   AND d.birth_date IS NOT NULL AND (SELECT count(*) FROM claims x WHERE x.debtor_id = d.id) = 1
				   AND c.stage != 'firm_reminder'
				   AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.claim_id = c.id)
				 ORDER BY c.id LIMIT 1`
			)
			.get() as { id: number; balance: number; debtorId: number; birthDate: string };
		const token = insertLink(c.debtorId);

		const ctx = await pwRequest.newContext({
			baseURL: origin,
			extraHTTPHeaders: { origin, accept: 'text/html' }
		});
		expect((await ctx.get(`/p/${token}`, { maxRedirects: 0 })).status()).toBe(303);
		const answered = await ctx.post('/p?/answer', {
			form: { answer: c.birthDate },
			maxRedirects: 0
		});
		expect(answered.status(), await answered.text()).toBe(303);
		expect(answered.headers()['location']).toBe('/my');

		// pay in full: the server creates a Checkout Session and sends the browser there
		const pay = await ctx.post(`/my/claims/${c.id}?/pay`, {
			form: { mode: 'full', fullMinor: String(c.balance) },
			maxRedirects: 0
		});
		expect(pay.status()).toBe(303);
		const location = pay.headers()['location'];
		expect(location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_/);
		const sessionId = location.split('/').pop()!;
		const session = fake.sessions.get(sessionId)!;
		expect(session.amount_total).toBe(c.balance);
		expect(session.currency).toBe('huf');

		const deliver = (payload: string, secret = SECRET) =>
			fetch(`${origin}/api/webhooks/stripe`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret })
				},
				body: payload
			});
		const paid = JSON.stringify(stripeEvent('checkout.session.completed', fake.pay(sessionId)));

		// a forged signature: 400, nothing posted
		expect((await deliver(paid, 'whsec_someone_else')).status).toBe(400);
		const paymentsPosted = () =>
			db
				.prepare("SELECT count(*) FROM ledger_entries WHERE claim_id = ? AND kind = 'payment'")
				.pluck()
				.get(c.id) as number;
		expect(paymentsPosted()).toBe(0);

		// the real one, delivered three times: posted once, the claim is paid to the forint
		for (let i = 0; i < 3; i++) expect((await deliver(paid)).status).toBe(200);
		const claim = db
			.prepare('SELECT status, balance_minor AS balance FROM claims WHERE id = ?')
			.get(c.id) as { status: string; balance: number };
		expect(claim).toEqual({ status: 'paid', balance: 0 });
		expect(
			db
				.prepare(
					"SELECT -sum(amount_minor) FROM ledger_entries WHERE claim_id = ? AND kind = 'payment'"
				)
				.pluck()
				.get(c.id)
		).toBe(c.balance);
		expect(
			db
				.prepare('SELECT count(*) FROM settlement_certificates WHERE claim_id = ?')
				.pluck()
				.get(c.id)
		).toBe(1);

		// the cardholder disputes the payment with their bank: the payment stands while it decides
		const dispute = (status: string) => ({
			id: `du_e2e_${c.id}`,
			object: 'dispute',
			amount: c.balance,
			currency: 'huf',
			payment_intent: session.payment_intent,
			reason: 'fraudulent',
			status,
			evidence_details: { due_by: Math.floor(Date.now() / 1000) + 10 * 86_400 }
		});
		const opened = await deliver(
			JSON.stringify(stripeEvent('charge.dispute.created', dispute('needs_response')))
		);
		expect(await opened.json()).toEqual({ received: true, outcome: 'opened' });
		const op = await staffPage(browser, demo.operator);
		await op.goto('/ops/payments');
		const card = op.getByTestId('chargebacks');
		await expect(
			card.getByRole('row').filter({ hasText: /a bank dönt|the bank is deciding/ })
		).toHaveCount(1);
		await expect(card).toContainText(/a kártyabirtokos nem ismeri el|does not recognise it/);

		// lost: the bank took the money back, the debt is owed again, and the debtor is told why
		const lost = await deliver(
			JSON.stringify(stripeEvent('charge.dispute.closed', dispute('lost')))
		);
		expect(await lost.json()).toEqual({ received: true, outcome: 'lost' });
		expect(
			db.prepare('SELECT status, balance_minor AS balance FROM claims WHERE id = ?').get(c.id)
		).toEqual({ status: 'open', balance: c.balance });
		await op.reload();
		await expect(card).toContainText(/a bank visszavette|the bank took it back/);
		await op.context().close();
		const mine = await (await ctx.get(`/my/claims/${c.id}`)).text();
		expect(mine).toContain('a kártyabank visszaterhelte');
		await ctx.dispose();
	} finally {
		db.close();
		srv.stop();
		await fake.close();
	}
});
