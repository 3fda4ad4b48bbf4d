/**
 * The Stripe webhook endpoint at its edges (issue 15 item 4): unconfigured, it answers 503 without
 * reading the body and logs once; a validly signed event without an object answers 400, not 500.
 * Through the route's own POST and the real `stripe` library's signing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Stripe from 'stripe';
import { freshDb, manualClock } from '../helpers/db';
import { stripeEvent } from '../helpers/stripe-server';
import { stripeWebhookResponse } from '../../src/lib/server/payments/webhook';

const SECRET = 'whsec_endpoint_secret';
const stripe = new Stripe('sk_test_rendez');

/** A request whose body records whether anyone started reading it. */
function trackedRequest(body: string, headers: Record<string, string> = {}) {
	const state = { pulled: false };
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				state.pulled = true;
				controller.enqueue(new TextEncoder().encode(body));
				controller.close();
			}
			// nothing is pulled until someone reads
		},
		{ highWaterMark: 0 }
	);
	const request = new Request('http://localhost/api/webhooks/stripe', {
		method: 'POST',
		body: stream,
		headers,
		duplex: 'half'
	} as RequestInit);
	return { request, state };
}

function signed(payload: unknown) {
	const body = JSON.stringify(payload);
	return {
		body,
		sig: stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET })
	};
}

describe('Stripe webhook endpoint', () => {
	const saved = process.env.STRIPE_WEBHOOK_SECRET;
	let errors: ReturnType<typeof vi.spyOn>;
	beforeAll(() => {
		manualClock('2026-03-02', 10);
		errors = vi.spyOn(console, 'error').mockImplementation(() => {});
	});
	afterEach(() => {
		if (saved === undefined) delete process.env.STRIPE_WEBHOOK_SECRET;
		else process.env.STRIPE_WEBHOOK_SECRET = saved;
	});
	afterAll(() => errors.mockRestore());

	it('without a webhook secret the route answers 503, reads no body and logs once per process', async () => {
		delete process.env.STRIPE_WEBHOOK_SECRET;
		const { POST } = await import('../../src/routes/api/webhooks/stripe/+server');
		const before = errors.mock.calls.length;
		for (let i = 0; i < 5; i++) {
			const { request, state } = trackedRequest('x'.repeat(1024 * 1024), {
				'stripe-signature': 't=1,v1=abc'
			});
			const res = await POST({ request } as unknown as Parameters<typeof POST>[0]);
			expect(res.status).toBe(503);
			expect(state.pulled).toBe(false);
			expect(request.bodyUsed).toBe(false);
		}
		const logged = errors.mock.calls
			.slice(before)
			.filter((c: unknown[]) => String(c[0]).includes('stripe_webhook_unconfigured'));
		expect(logged).toHaveLength(1);
	});

	it('a validly signed event with "data": null, no data, or no object answers 400 (never 500)', async () => {
		const db = freshDb();
		const base = stripeEvent('checkout.session.completed', {});
		const shapes = [
			{ ...base, data: null },
			{ ...base, data: undefined },
			{ ...base, data: {} },
			{ ...base, data: { object: null } },
			{ ...base, type: 'refund.updated', data: null },
			{ ...base, type: 'customer.created', data: { object: 'x' } }
		];
		for (const payload of shapes) {
			const { body, sig } = signed(payload);
			const { request } = trackedRequest(body, { 'stripe-signature': sig });
			const res = await stripeWebhookResponse(() => db, request, SECRET);
			expect(res).toEqual({ status: 400, body: { error: 'malformed event' } });
		}
		expect(db.$client.prepare('SELECT count(*) FROM webhook_events').pluck().get()).toBe(0);
		// a well-formed event of a type we do not handle is still acknowledged
		const ok = signed(stripeEvent('customer.created', { id: 'cus_1' }));
		const res = await stripeWebhookResponse(
			() => db,
			trackedRequest(ok.body, { 'stripe-signature': ok.sig }).request,
			SECRET
		);
		expect(res).toEqual({ status: 200, body: { received: true, handled: false } });
		db.$client.close();
	});
});
