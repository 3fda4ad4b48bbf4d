/**
 * POST /api/webhooks/stripe, minus the HTTP: verify the signature on the raw body, map the event,
 * then reconcile a payment, settle a refund's later outcome, or follow a chargeback. Unknown-but-signed event types are
 * acknowledged (200) so Stripe stops retrying.
 */
import type Stripe from 'stripe';
import type { DB } from '../db/client';
import { logEvent } from '../log';
import { reconcile } from '../services/payments';
import { refundOutcome } from '../services/refunds';
import { chargebackOutcome } from '../services/chargebacks';
import {
	stripeChargebackEvent,
	stripeEventToGateway,
	stripeRefundEvent,
	verifyStripeWebhook
} from './stripe';

let unconfiguredLogged = false;

/** The largest event body taken (bytes): Stripe's events are a few KB, a long invoice a few hundred. */
export const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * The endpoint itself. Without a signing secret nothing can be verified, so the request is
 * answered 503 before its body is read (anyone may post up to the body limit here) and the
 * misconfiguration is logged once per process, not once per request. `db` is opened only for a
 * request that has to reach the database.
 */
export async function stripeWebhookResponse(
	db: () => DB,
	request: Request,
	secret: string | undefined
): Promise<{ status: number; body: Record<string, unknown> }> {
	if (!secret) {
		if (!unconfiguredLogged) {
			unconfiguredLogged = true;
			logEvent('error', 'stripe_webhook_unconfigured');
		}
		return { status: 503, body: { error: 'webhook not configured' } };
	}
	const raw = await request.text();
	return handleStripeWebhook(db(), raw, request.headers.get('stripe-signature'), secret);
}

/** Signed, but not an event we can read: `data` or `data.object` missing or not an object. */
function malformed(event: Stripe.Event): boolean {
	const data = (event as { data?: unknown }).data;
	if (typeof data !== 'object' || data === null) return true;
	const object = (data as { object?: unknown }).object;
	return typeof object !== 'object' || object === null || Array.isArray(object);
}

export function handleStripeWebhook(
	db: DB,
	rawBody: string,
	signature: string | null,
	secret: string | undefined
): { status: number; body: Record<string, unknown> } {
	if (!secret) return { status: 503, body: { error: 'webhook not configured' } };
	let event;
	try {
		event = verifyStripeWebhook(rawBody, signature, secret);
	} catch {
		logEvent('warn', 'stripe_webhook_bad_signature');
		return { status: 400, body: { error: 'invalid signature' } };
	}
	// signed by Stripe's secret but without an object: nothing to reconcile, and no retry helps
	if (malformed(event)) {
		logEvent('warn', 'stripe_webhook_malformed', { eventId: event.id, type: event.type });
		return { status: 400, body: { error: 'malformed event' } };
	}
	/** acknowledged with what came of it, and logged by ids only (no personal data) */
	const answered = (ids: Record<string, number | null>, outcome: string) => {
		logEvent('info', 'stripe_webhook', { eventId: event.id, type: event.type, ...ids, outcome });
		return { status: 200, body: { received: true, outcome } };
	};
	const refund = stripeRefundEvent(event);
	if (refund) return answered({ refundId: refund.refundId }, refundOutcome(db, refund).outcome);
	const chargeback = stripeChargebackEvent(event);
	if (chargeback) {
		const res = chargebackOutcome(db, chargeback);
		return answered({ disputeId: res.disputeId }, res.outcome);
	}
	const ev = stripeEventToGateway(event);
	if (!ev) return { status: 200, body: { received: true, handled: false } };
	const res = reconcile(db, ev);
	return answered({ paymentId: res.paymentId }, res.outcome);
}
