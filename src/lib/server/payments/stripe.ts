/**
 * Stripe Checkout: one Checkout Session (mode `payment`) per payment, our payment id as the
 * idempotency key and in metadata. Webhook events and the success-page check both map to a
 * `GatewayEvent` for `reconcile`.
 */
import Stripe from 'stripe';
import type {
	ExpireResult,
	ChargebackEvent,
	GatewayEvent,
	HostedPage,
	HostedPageRequest,
	PaymentGateway,
	RefundEvent,
	RefundRequest,
	RefundResult
} from './gateway';
import type { PaymentConfig } from './config';

export function stripeClient(cfg: PaymentConfig): Stripe {
	if (!cfg.stripeSecretKey) throw new Error('STRIPE_SECRET_KEY is not set');
	return new Stripe(cfg.stripeSecretKey, {
		...(cfg.stripeApiHost ? { host: cfg.stripeApiHost } : {}),
		...(cfg.stripeApiPort ? { port: cfg.stripeApiPort } : {}),
		...(cfg.stripeApiProtocol ? { protocol: cfg.stripeApiProtocol } : {}),
		maxNetworkRetries: 2,
		timeout: 20_000
	});
}

export class StripeGateway implements PaymentGateway {
	readonly name = 'stripe' as const;
	constructor(private stripe: Stripe) {}

	async createHostedPage(req: HostedPageRequest): Promise<HostedPage> {
		const session = await this.stripe.checkout.sessions.create(
			{
				mode: 'payment',
				client_reference_id: String(req.paymentId),
				metadata: { payment_id: String(req.paymentId) },
				payment_intent_data: { metadata: { payment_id: String(req.paymentId) } },
				line_items: [
					{
						quantity: 1,
						price_data: {
							currency: req.currency.toLowerCase(),
							unit_amount: req.amountMinor,
							product_data: { name: req.description }
						}
					}
				],
				locale: req.locale,
				// one open session per payment, payable until our checkout expiry (domain/checkout.ts)
				...(req.expiresAt ? { expires_at: Math.floor(req.expiresAt / 1000) } : {}),
				success_url: `${req.successUrl}${req.successUrl.includes('?') ? '&' : '?'}session_id={CHECKOUT_SESSION_ID}`,
				cancel_url: req.cancelUrl
			},
			{ idempotencyKey: req.idempotencyKey }
		);
		if (!session.url) throw new Error('Stripe returned a session without a URL');
		return { providerRef: session.id, url: session.url };
	}

	/**
	 * A refusal Stripe stated (4xx: an amount over what is left, a disputed charge, no such
	 * payment) is final and answers 'failed'; only a lost or broken connection or Stripe's own
	 * error (5xx) is thrown, which leaves our refund pending (no answer) to be sent again.
	 */
	async refund(req: RefundRequest): Promise<RefundResult> {
		if (!req.providerPaymentRef) return { providerRef: '', status: 'failed' };
		let r: Stripe.Refund;
		try {
			r = await this.stripe.refunds.create(
				{
					payment_intent: req.providerPaymentRef,
					amount: req.amountMinor,
					metadata: { payment_id: String(req.paymentId), refund_id: String(req.refundId) }
				},
				{ idempotencyKey: req.idempotencyKey }
			);
		} catch (e) {
			if (
				e instanceof Stripe.errors.StripeError &&
				e.statusCode != null &&
				e.statusCode >= 400 &&
				e.statusCode < 500 &&
				e.statusCode !== 429
			) {
				return { providerRef: '', status: 'failed' };
			}
			throw e;
		}
		return { providerRef: r.id, status: refundOutcome(r) };
	}

	/**
	 * Expires an open Checkout Session. Stripe refuses (400) a session that is no longer open; then
	 * the session itself says whether it expired already or was completed by the debtor.
	 */
	async expireHostedPage(sessionId: string): Promise<ExpireResult> {
		try {
			const s = await this.stripe.checkout.sessions.expire(sessionId);
			return s.status === 'complete' ? 'complete' : 'expired';
		} catch (e) {
			if (!(e instanceof Stripe.errors.StripeInvalidRequestError)) throw e;
			const s = await this.stripe.checkout.sessions.retrieve(sessionId);
			if (s.status === 'expired') return 'expired';
			if (s.status === 'complete') return 'complete';
			throw e;
		}
	}

	/** The success page's own check: what the session says now. */
	async sessionEvent(sessionId: string): Promise<GatewayEvent | null> {
		const s = await this.stripe.checkout.sessions.retrieve(sessionId);
		return sessionToEvent(
			s,
			`check:${s.id}:${s.status}:${s.payment_status}`,
			'checkout.session.retrieved'
		);
	}
}

const HANDLED = new Set([
	'checkout.session.completed',
	'checkout.session.async_payment_succeeded',
	'checkout.session.async_payment_failed',
	'checkout.session.expired'
]);

/** Maps a (verified) Stripe event to ours; null for events we do not handle. */
export function stripeEventToGateway(event: Stripe.Event): GatewayEvent | null {
	if (!HANDLED.has(event.type)) return null;
	const s = event.data.object as Stripe.Checkout.Session;
	return sessionToEvent(s, event.id, event.type);
}

function sessionToEvent(
	s: Stripe.Checkout.Session,
	eventId: string,
	type: string
): GatewayEvent | null {
	const paymentId = Number(s.metadata?.payment_id ?? s.client_reference_id);
	if (!Number.isSafeInteger(paymentId) || paymentId <= 0) return null;
	let outcome: GatewayEvent['outcome'];
	if (type === 'checkout.session.async_payment_failed') outcome = 'failed';
	else if (type === 'checkout.session.expired' || s.status === 'expired') outcome = 'expired';
	else if (s.payment_status === 'paid' || s.payment_status === 'no_payment_required')
		outcome = 'succeeded';
	else outcome = 'pending';
	return {
		provider: 'stripe',
		eventId,
		type,
		outcome,
		paymentId,
		amountMinor: s.amount_total ?? -1,
		currency: (s.currency ?? '').toUpperCase(),
		providerRef: s.id,
		providerPaymentRef:
			typeof s.payment_intent === 'string' ? s.payment_intent : (s.payment_intent?.id ?? null)
	};
}

/** A Stripe refund's status in our words: succeeded, failed (also canceled), else still pending. */
function refundOutcome(r: Stripe.Refund): 'succeeded' | 'failed' | 'pending' {
	if (r.status === 'succeeded') return 'succeeded';
	return r.status === 'failed' || r.status === 'canceled' ? 'failed' : 'pending';
}

// refund.created and refund.updated book a refund whose answer never reached us (see sendRefund)
const REFUND_EVENTS = new Set([
	'refund.created',
	'refund.failed',
	'refund.updated',
	'charge.refund.updated'
]);

/**
 * Maps a (verified) Stripe refund event to ours; null for other events and for refunds we did not
 * make (no refund id of ours in the metadata).
 */
export function stripeRefundEvent(event: Stripe.Event): RefundEvent | null {
	if (!REFUND_EVENTS.has(event.type)) return null;
	const r = event.data.object as Stripe.Refund;
	const refundId = Number(r.metadata?.refund_id);
	const paymentId = Number(r.metadata?.payment_id);
	if (!Number.isSafeInteger(refundId) || refundId <= 0 || !Number.isSafeInteger(paymentId) || !r.id)
		return null;
	const providerPaymentRef =
		typeof r.payment_intent === 'string' ? r.payment_intent : (r.payment_intent?.id ?? null);
	return {
		provider: 'stripe',
		eventId: event.id,
		type: event.type,
		refundId,
		paymentId,
		providerRef: r.id,
		providerPaymentRef,
		outcome: refundOutcome(r)
	};
}

// funds_withdrawn / funds_reinstated carry the dispute too: whichever arrives first tells us of it
const DISPUTE_EVENTS = new Set([
	'charge.dispute.created',
	'charge.dispute.updated',
	'charge.dispute.closed',
	'charge.dispute.funds_withdrawn',
	'charge.dispute.funds_reinstated'
]);

/**
 * A dispute's status in our words. An inquiry closed without a chargeback (`warning_closed`) and
 * one the card network stopped (`prevented`) moved no money: they end as won, as `won` does.
 */
function disputeStatus(s: string): ChargebackEvent['status'] {
	if (s === 'lost') return 'lost';
	return s === 'won' || s === 'warning_closed' || s === 'prevented' ? 'won' : 'open';
}

/** Maps a (verified) Stripe dispute event to ours; null for other events and unreadable ones. */
export function stripeChargebackEvent(event: Stripe.Event): ChargebackEvent | null {
	if (!DISPUTE_EVENTS.has(event.type)) return null;
	const d = event.data.object as Stripe.Dispute;
	const pi = typeof d.payment_intent === 'string' ? d.payment_intent : d.payment_intent?.id;
	if (!d.id || !pi || !Number.isSafeInteger(d.amount) || d.amount <= 0) return null;
	const due = d.evidence_details?.due_by;
	return {
		provider: 'stripe',
		eventId: event.id,
		type: event.type,
		disputeId: d.id,
		providerPaymentRef: pi,
		amountMinor: d.amount,
		currency: (d.currency ?? '').toUpperCase(),
		status: disputeStatus(String(d.status)),
		reason: typeof d.reason === 'string' ? d.reason.slice(0, 64) : null,
		evidenceDueBy: Number.isSafeInteger(due) && due ? due * 1000 : null
	};
}

/** Verifies the signature on the raw body; throws on a bad or missing signature. */
export function verifyStripeWebhook(
	rawBody: string,
	signature: string | null,
	secret: string
): Stripe.Event {
	if (!signature) throw new Error('missing signature');
	return Stripe.webhooks.constructEvent(rawBody, signature, secret);
}
