/**
 * The Stripe tests' world: the real `stripe` client pointed at a local Stripe-shaped server that
 * lives across a file's tests (as an account would), and a debtor with one claim per test.
 * `fake`, `stripe` and `gw` are live bindings, set by useFakeStripe()'s beforeAll.
 */
import { afterAll, beforeAll } from 'vitest';
import type Stripe from 'stripe';
import type { DB } from '../../src/lib/server/db/client';
import { StripeGateway, stripeClient } from '../../src/lib/server/payments/stripe';
import { startPayment } from '../../src/lib/server/services/payments';
import { freshDb, manualClock } from './db';
import { makeClaim, makeCreditor, makeDebtor } from './portal-fixtures';
import { startStripeServer, type FakeStripe } from './stripe-server';

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

export function signed(payload: object, secret = SECRET) {
	const body = JSON.stringify(payload);
	return { body, sig: stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
}

export { scalar as count } from './db';

let tick = 0;
/** A distinct instant per test (the fake server keeps its sessions), a debtor and a claim. */
export function stripeWorld(): { db: DB; debtorId: number; claimId: number } {
	manualClock('2026-03-02', 10).advance(++tick * 1000);
	const db = freshDb();
	const debtorId = makeDebtor(db);
	const claimId = makeClaim(db, makeCreditor(db), debtorId, {
		principal: 10_000_000,
		interest: 450_000,
		fee: 150_000,
		cost: 100_000
	});
	return { db, debtorId, claimId };
}

/** Starts a Checkout through the gateway; returns the payment and its session id. */
export async function payByStripe(
	db: DB,
	debtorId: number,
	claimId: number,
	amountMinor = 10_700_000,
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
