/**
 * Stripe webhooks: the signature is verified on the raw body (request.text(), never re-serialised
 * JSON) with STRIPE_WEBHOOK_SECRET; then the one reconciliation runs.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { env } from '$env/dynamic/private';
import { getDb } from '$lib/server/db';
import { handleStripeWebhook } from '$lib/server/payments/webhook';

export const POST: RequestHandler = async ({ request }) => {
	const raw = await request.text();
	const res = handleStripeWebhook(
		getDb(),
		raw,
		request.headers.get('stripe-signature'),
		env.STRIPE_WEBHOOK_SECRET
	);
	return json(res.body, { status: res.status });
};
