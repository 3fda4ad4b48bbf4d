/**
 * The Stripe tests' world: the real `stripe` client pointed at a local Stripe-shaped server that
 * lives across a file's tests (as an account would), and a debtor with one claim per test.
 * `fake`, `stripe` and `gw` are live bindings, set by useFakeStripe()'s beforeAll.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type Stripe from 'stripe';
import type { DB } from '../../src/lib/server/db/client';
import { StripeGateway, stripeClient } from '../../src/lib/server/payments/stripe';
import { startPayment } from '../../src/lib/server/services/payments';
import type { PaymentGateway } from '../../src/lib/server/payments/gateway';
import { ConflictError } from '../../src/lib/server/services/errors';
import type { ManualClock } from '../../src/lib/domain/clock';
import type { CreditorRules } from '../../src/lib/domain/rules';
import { freshDb, manualClock } from './db';
import { makeClaim, makeCreditor, makeDebtor } from './portal-fixtures';
import { startStripeServer, stripeEvent, type FakeStripe } from './stripe-server';
import { useWorld } from './world';
import { handleStripeWebhook } from '../../src/lib/server/payments/webhook';

export const SECRET = 'whsec_test_secret';
export let fake: FakeStripe;
export let stripe: Stripe;
export let gw: StripeGateway;

export function useFakeStripe(): void {
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
}

/** A Stripe event of `type` around `object`, its body signed with `secret` (ours unless told). */
export function signedEvent(
	type: string,
	object: Parameters<typeof stripeEvent>[1],
	secret = SECRET
) {
	const body = JSON.stringify(stripeEvent(type, object));
	return { body, sig: stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
}

export { scalar as count } from './db';

/** What the claim is charged, by component (as a statement lists what was paid or refunded). */
export const CHARGES = { principal: 10_000_000, interest: 450_000, fee: 150_000, cost: 100_000 };
/** The claim's balance: CHARGES in all. */
export const FULL = 10_700_000;

type StripeWorldOptions = { day?: string; step?: number; rules?: Partial<CreditorRules> };

let tick = 0;
/**
 * A distinct instant per test (the fake server keeps its sessions: each test starts `step` ms
 * after the last one, from `day` 10:00), a debtor and a claim of FULL; `rules`: the creditor's.
 */
export function stripeWorld({ day = '2026-03-02', step = 1000, rules }: StripeWorldOptions = {}): {
	db: DB;
	debtorId: number;
	claimId: number;
	clock: ManualClock;
} {
	const clock = manualClock(day, 10);
	clock.advance(++tick * step);
	const db = freshDb();
	const debtorId = makeDebtor(db);
	const claimId = makeClaim(db, makeCreditor(db, undefined, rules), debtorId, CHARGES);
	return { db, debtorId, claimId, clock };
}

/**
 * A Stripe suite's world: the fake server for the file (useFakeStripe) and, before each test, a
 * fresh stripeWorld(options). The fields are the running test's; `pay` starts a Checkout for the
 * claim, `debtor` is the debtor as the actor, `receive` posts a body and its signature to our
 * webhook handler (with our secret).
 */
export function useStripeWorld(options: StripeWorldOptions = {}) {
	useFakeStripe();
	const w = useWorld(() => stripeWorld(options));
	const debtor = () => ({ kind: 'debtor' as const, debtorId: w.debtorId });
	return Object.assign(w, {
		debtor,
		receive: (body: string, sig: string | null) => handleStripeWebhook(w.db, body, sig, SECRET),
		pay: (amountMinor?: number, purpose?: 'full' | 'partial') =>
			payByStripe(w.db, w.debtorId, w.claimId, amountMinor, purpose),
		/** The debtor starts paying `amountMinor` of the claim through `gateway` (Stripe unless told). */
		start: (
			amountMinor: number,
			purpose: 'full' | 'partial',
			gateway: PaymentGateway = gw,
			more: { replaceAbandoned?: boolean } = {}
		) =>
			startPayment(
				w.db,
				debtor(),
				{ claimId: w.claimId, amountMinor, purpose, origin: 'https://rendez.example', ...more },
				gateway
			)
	});
}

/** Signs a Stripe event of `type` around `object` and hands it to our webhook handler. */
export function deliver(db: DB, type: string, object: Parameters<typeof stripeEvent>[1]) {
	const { body, sig } = signedEvent(type, object);
	return handleStripeWebhook(db, body, sig, SECRET);
}

/** Awaits a promise that must be refused with a ConflictError; returns the error. */
export async function refusal(p: Promise<unknown>): Promise<ConflictError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(ConflictError);
	return e as ConflictError;
}

/** Starts a Checkout through the gateway; returns the payment and its session id. */
export async function payByStripe(
	db: DB,
	debtorId: number,
	claimId: number,
	amountMinor = FULL,
	purpose: 'full' | 'partial' = 'full'
) {
	const debtor = { kind: 'debtor' as const, debtorId };
	const r = await startPayment(
		db,
		debtor,
		{ claimId, amountMinor, purpose, origin: 'https://rendez.example' },
		gw
	);
	const sessionId = db.$client
		.prepare('SELECT provider_ref FROM payments WHERE id=?')
		.pluck()
		.get(r.paymentId) as string;
	return { ...r, sessionId };
}
