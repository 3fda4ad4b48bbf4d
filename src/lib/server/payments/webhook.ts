/**
 * POST /api/webhooks/stripe, minus the HTTP: verify the signature on the raw body, map the event,
 * then reconcile a payment or settle a refund's later outcome. Unknown-but-signed event types are
 * acknowledged (200) so Stripe stops retrying.
 */
import type { DB } from '../db/client';
import { logEvent } from '../log';
import { reconcile } from '../services/payments';
import { refundOutcome } from '../services/refunds';
import { stripeEventToGateway, stripeRefundEvent, verifyStripeWebhook } from './stripe';

export function handleStripeWebhook(
	db: DB,
	rawBody: string,
	signature: string | null,
	secret: string | undefined
): { status: number; body: Record<string, unknown> } {
	if (!secret) {
		logEvent('error', 'stripe_webhook_unconfigured');
		return { status: 500, body: { error: 'webhook secret not configured' } };
	}
	let event;
	try {
		event = verifyStripeWebhook(rawBody, signature, secret);
	} catch {
		logEvent('warn', 'stripe_webhook_bad_signature');
		return { status: 400, body: { error: 'invalid signature' } };
	}
	const refund = stripeRefundEvent(event);
	if (refund) {
		const res = refundOutcome(db, refund);
		logEvent('info', 'stripe_webhook', {
			eventId: event.id,
			type: event.type,
			refundId: refund.refundId,
			outcome: res.outcome
		});
		return { status: 200, body: { received: true, outcome: res.outcome } };
	}
	const ev = stripeEventToGateway(event);
	if (!ev) return { status: 200, body: { received: true, handled: false } };
	const res = reconcile(db, ev);
	logEvent('info', 'stripe_webhook', {
		eventId: event.id,
		type: event.type,
		paymentId: res.paymentId,
		outcome: res.outcome
	});
	return { status: 200, body: { received: true, outcome: res.outcome } };
}
