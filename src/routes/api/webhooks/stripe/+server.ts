/**
 * Stripe webhooks: the signature is verified on the raw body (request.text(), never re-serialised
 * JSON) with STRIPE_WEBHOOK_SECRET; then the one reconciliation runs. Without the secret: 503,
 * body unread.
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { env } from '$env/dynamic/private';
import { getDb } from '$lib/server/db';
import { stripeWebhookResponse } from '$lib/server/payments/webhook';

export const POST: RequestHandler = async ({ request }) => {
	const res = await stripeWebhookResponse(getDb, request, env.STRIPE_WEBHOOK_SECRET?.trim());
	return json(res.body, { status: res.status });
};
