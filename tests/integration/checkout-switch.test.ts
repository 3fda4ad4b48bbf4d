/**
 * A changed order: a debtor who opened "pay in full", went back without paying and now asks for a
 * part payment (or the other way round) is not told to wait for the open checkout to expire. As
 * Stripe advises, the abandoned Checkout Session is expired at Stripe first, then the new one is
 * opened. A session the debtor completed is never expired (the money may be coming); parallel
 * requests still hold no more than is owed; money that still arrives for an expired checkout is
 * booked, not lost. Through the real service and the real `stripe` client against the local
 * Stripe-shaped server, and the demo gateway.
 */
import { describe, expect, it, vi } from 'vitest';
import { deliver, FULL, fake, gw, refusal, useStripeWorld } from '../helpers/stripe-fixtures';
import { demoAnswer } from '../helpers/payment-fixtures';
import { CHECKOUT_TTL_MS } from '../../src/lib/domain/checkout';
import type { PaymentGateway } from '../../src/lib/server/payments/gateway';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import { startPayment } from '../../src/lib/server/services/payments';
import { checkout } from '../../src/lib/server/payments/checkout';
import { ConflictError } from '../../src/lib/server/services/errors';

describe('a changed order expires the abandoned checkout and opens the new one', () => {
	const w = useStripeWorld({
		day: '2026-04-06',
		step: 7 * CHECKOUT_TTL_MS,
		rules: { minPartialPaymentMinor: 100_000 }
	});
	const start = (amountMinor: number, purpose: 'full' | 'partial', g: PaymentGateway = gw) =>
		w.start(amountMinor, purpose, g, { replaceAbandoned: true });
	const row = (id: number) =>
		w.db.$client
			.prepare('SELECT status, provider_ref AS providerRef FROM payments WHERE id = ?')
			.get(id) as { status: string; providerRef: string | null };
	const q = (sql: string, ...args: unknown[]) =>
		w.db.$client
			.prepare(sql)
			.pluck()
			.get(...args);
	const pendingTotal = () =>
		q(
			"SELECT coalesce(sum(amount_minor), 0) FROM payments WHERE claim_id = ? AND status = 'pending'",
			w.claimId
		) as number;
	const expireCalls = (sessionId: string) =>
		fake.requests.filter((r) => r.path === `/v1/checkout/sessions/${sessionId}/expire`).length;

	it('pay in full abandoned, then a part payment: the old session is expired at Stripe and here, a new one opened', async () => {
		const full = await start(FULL, 'full');
		const oldSession = row(full.paymentId).providerRef!;
		expect(fake.sessions.get(oldSession)!.status).toBe('open');

		const part = await start(3_000_000, 'partial');
		expect(part.paymentId).not.toBe(full.paymentId);
		expect(fake.sessions.get(oldSession)!.status).toBe('expired');
		expect(row(full.paymentId).status).toBe('expired');
		const newSession = row(part.paymentId).providerRef!;
		expect(newSession).not.toBe(oldSession);
		expect(part.redirectUrl).toBe(fake.sessions.get(newSession)!.url);
		expect(fake.sessions.get(newSession)!.status).toBe('open');
		expect(fake.sessions.get(newSession)!.amount_total).toBe(3_000_000);
		expect(pendingTotal()).toBe(3_000_000);
		// audited by the debtor who asked, with the state before and after
		const audit = w.db.$client
			.prepare(
				"SELECT actor_kind AS kind, actor_id AS actorId, before_json AS b, after_json AS a FROM audit_log WHERE action = 'payment.expired_for_new_checkout' AND entity_id = ?"
			)
			.get(String(full.paymentId)) as { kind: string; actorId: number; b: string; a: string };
		expect(audit.kind).toBe('debtor');
		expect(audit.actorId).toBe(w.debtorId);
		expect(JSON.parse(audit.b)).toEqual({ status: 'pending' });
		expect(JSON.parse(audit.a)).toMatchObject({ status: 'expired', providerRef: oldSession });

		// and back: the part payment abandoned, pay in full after all
		const again = await start(FULL, 'full');
		expect(row(part.paymentId).status).toBe('expired');
		expect(fake.sessions.get(newSession)!.status).toBe('expired');
		expect(row(again.paymentId).status).toBe('pending');
		expect(pendingTotal()).toBe(FULL);

		// Stripe's own "expired" event for the session we expired changes nothing
		expect(
			deliver(w.db, 'checkout.session.expired', fake.sessions.get(oldSession)!).body.outcome
		).toBe('already_final');
	});

	it('a session the debtor already completed is not expired, and the other amount is refused', async () => {
		const full = await start(FULL, 'full');
		const session = row(full.paymentId).providerRef!;
		// the debtor paid; Stripe's event has not reached us yet
		fake.pay(session);
		const refused = await refusal(start(3_000_000, 'partial'));
		expect(refused.key).toBe('payments.error.pendingCheckout');
		expect(expireCalls(session)).toBe(1);
		expect(fake.sessions.get(session)!.status).toBe('complete');
		expect(row(full.paymentId).status).toBe('pending');
		expect(q('SELECT count(*) FROM payments')).toBe(1);
		expect(
			q("SELECT count(*) FROM audit_log WHERE action = 'payment.expired_for_new_checkout'")
		).toBe(0);
		// the event then books it in full
		expect(
			deliver(w.db, 'checkout.session.completed', fake.sessions.get(session)!).body.outcome
		).toBe('posted');
		expect(q('SELECT balance_minor FROM claims WHERE id = ?', w.claimId)).toBe(0);
	});

	it('money in flight is not even asked to expire; Stripe out of reach keeps the checkout and refuses', async () => {
		const full = await start(FULL, 'full');
		const session = row(full.paymentId).providerRef!;
		// Stripe cannot be asked: the checkout stays as it is and the request is refused as before
		fake.failNext(3);
		expect((await refusal(start(3_000_000, 'partial'))).key).toBe('payments.error.pendingCheckout');
		expect(fake.sessions.get(session)!.status).toBe('open');
		expect(row(full.paymentId).status).toBe('pending');

		// completed by bank debit: "completed, unpaid" told to us, the money is on its way
		expect(
			deliver(w.db, 'checkout.session.completed', {
				...fake.sessions.get(session)!,
				status: 'complete'
			}).body.outcome
		).toBe('awaiting');
		const before = expireCalls(session);
		expect((await refusal(start(3_000_000, 'partial'))).key).toBe('payments.error.paymentInFlight');
		expect(expireCalls(session)).toBe(before);
		expect(row(full.paymentId).status).toBe('pending');
	});

	it('20 parallel requests of different amounts never hold more than the balance, and each row matches its session', async () => {
		const amounts = Array.from({ length: 20 }, (_, i) =>
			i % 5 === 0 ? FULL : 1_000_000 + ((i * 1_300_000) % 8_000_000)
		);
		const settled = await Promise.allSettled(
			amounts.map((a) => start(a, a === FULL ? 'full' : 'partial'))
		);
		for (const s of settled)
			if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(ConflictError);
		expect(settled.some((s) => s.status === 'fulfilled')).toBe(true);
		expect(pendingTotal()).toBeLessThanOrEqual(FULL);
		// what Stripe would let be paid is what we hold: every pending row's session is open, every
		// row we marked expired has its session expired
		const rows = w.db.$client
			.prepare('SELECT status, provider_ref AS ref, amount_minor AS amount FROM payments')
			.all() as { status: string; ref: string; amount: number }[];
		const open = rows.filter((r) => r.status === 'pending');
		for (const r of open) expect(fake.sessions.get(r.ref)!.status).toBe('open');
		for (const r of rows.filter((r) => r.status === 'expired'))
			expect(fake.sessions.get(r.ref)!.status).toBe('expired');
		const payable = [...fake.sessions.values()].filter(
			(s) => s.status === 'open' && rows.some((r) => r.ref === s.id)
		);
		expect(payable.reduce((a, s) => a + s.amount_total, 0)).toBeLessThanOrEqual(FULL);
	});

	it('a late success for the expired checkout is booked, and the money beyond the balance becomes a refund task', async () => {
		const full = await start(FULL, 'full');
		const oldSession = row(full.paymentId).providerRef!;
		const part = await start(3_000_000, 'partial');
		expect(row(full.paymentId).status).toBe('expired');

		// the debtor had pressed "pay" on the old page just before it closed: Stripe took the money
		expect(deliver(w.db, 'checkout.session.completed', fake.pay(oldSession)).body.outcome).toBe(
			'posted'
		);
		expect(row(full.paymentId).status).toBe('succeeded');
		expect(q('SELECT balance_minor FROM claims WHERE id = ?', w.claimId)).toBe(0);

		// and the part payment was paid too: all of it is owed back
		const newSession = row(part.paymentId).providerRef!;
		expect(deliver(w.db, 'checkout.session.completed', fake.pay(newSession)).body.outcome).toBe(
			'posted'
		);
		expect(
			w.db.$client
				.prepare('SELECT payment_id AS p, amount_minor AS a, status FROM refund_tasks')
				.all()
		).toEqual([{ p: part.paymentId, a: 3_000_000, status: 'open' }]);
	});

	it('the demo gateway: the abandoned page is expired, a later approval of it books nothing', async () => {
		const demo = new DemoGateway();
		const full = await start(FULL, 'full', demo);
		const part = await start(2_000_000, 'partial', demo);
		expect(part.paymentId).not.toBe(full.paymentId);
		expect(part.redirectUrl).toBe(`/pay/demo/${part.paymentId}`);
		expect(row(full.paymentId).status).toBe('expired');
		expect(row(part.paymentId).status).toBe('pending');
		expect(demoAnswer(w.db, full.paymentId, FULL, 'approve').outcome).toBe('already_final');
		expect(row(full.paymentId).status).toBe('expired');
		expect(q('SELECT balance_minor FROM claims WHERE id = ?', w.claimId)).toBe(FULL);
		expect(demoAnswer(w.db, part.paymentId, 2_000_000, 'approve').outcome).toBe('posted');
		expect(q('SELECT balance_minor FROM claims WHERE id = ?', w.claimId)).toBe(FULL - 2_000_000);
	});

	it("the portal's pay form replaces the abandoned checkout (the service alone still refuses)", async () => {
		const demo = new DemoGateway();
		const full = await start(FULL, 'full', demo);
		// a caller that does not say the order changed gets today's refusal
		const plain = await refusal(
			startPayment(
				w.db,
				w.debtor(),
				{
					claimId: w.claimId,
					amountMinor: 2_000_000,
					purpose: 'partial',
					origin: 'https://rendez.example'
				},
				demo
			)
		);
		expect(plain.key).toBe('payments.error.pendingCheckout');
		expect(row(full.paymentId).status).toBe('pending');
		// the pay form (its gateway is the configured one, the demo gateway here) says so
		vi.stubEnv('PAYMENT_GATEWAY', 'demo');
		const sent = await checkout(
			w.db,
			w.debtor(),
			{ claimId: w.claimId, amountMinor: 2_000_000, purpose: 'partial' },
			{ origin: 'https://rendez.example', lang: 'hu', currency: 'HUF' },
			{ amount: '20000' }
		).then(
			() => null,
			(r: unknown) => r as { status: number; location: string }
		);
		vi.unstubAllEnvs();
		const next = q('SELECT max(id) FROM payments') as number;
		expect(next).not.toBe(full.paymentId);
		expect(sent).toMatchObject({ status: 303, location: `/pay/demo/${next}` });
		expect(row(full.paymentId).status).toBe('expired');
	});
});
