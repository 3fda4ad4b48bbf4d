/**
 * One interface for taking money: a hosted payment page per payment, and refunds. Two
 * implementations: `stripe` (Checkout Sessions) and `demo` (a local page that approves or declines).
 * Both feed the same reconciliation (services/payments.ts `reconcile`).
 */
import type { Currency } from '$lib/domain/money';

export interface HostedPageRequest {
	paymentId: number;
	/**
	 * Stable for one payment row: `payment-<id>-<created ms>`. The creation instant keeps two
	 * databases (a re-seeded demo, staging) that share one Stripe account from colliding on id 1.
	 */
	idempotencyKey: string;
	amountMinor: number;
	currency: Currency;
	/** shown on the hosted page: the claim reference, never personal data */
	description: string;
	successUrl: string;
	cancelUrl: string;
	locale: 'hu' | 'en';
	/** when the page stops taking payment (ms); Stripe: the session's `expires_at` */
	expiresAt?: number;
}

export interface HostedPage {
	/** provider's id for the hosted page (Stripe: Checkout Session id) */
	providerRef: string;
	url: string;
}

export interface RefundRequest {
	paymentId: number;
	refundId: number;
	/** stable for one refund row: `refund-<id>-<created ms>` */
	idempotencyKey: string;
	amountMinor: number;
	currency: Currency;
	/** provider's payment id (Stripe: PaymentIntent id), when known */
	providerPaymentRef: string | null;
	providerRef: string | null;
}

export interface RefundResult {
	providerRef: string;
	status: 'succeeded' | 'pending' | 'failed';
}

export interface PaymentGateway {
	readonly name: 'stripe' | 'demo';
	createHostedPage(req: HostedPageRequest): Promise<HostedPage>;
	refund(req: RefundRequest): Promise<RefundResult>;
	/**
	 * Closes a hosted page the debtor abandoned, so it can no longer be paid (Stripe: expire the
	 * Checkout Session). 'expired' when it is closed now (or already was); 'complete' when the
	 * debtor completed it, so the money may be on its way and the payment must keep holding.
	 * Throws when the provider could not be asked. Optional: a gateway without it expires nothing.
	 */
	expireHostedPage?(providerRef: string): Promise<ExpireResult>;
}

export type ExpireResult = 'expired' | 'complete';

/** What a provider told us about a payment, in our terms. Every gateway maps its events to this. */
export interface GatewayEvent {
	/** 'direct': a payment the creditor reports the debtor made to them */
	provider: 'stripe' | 'demo' | 'direct';
	/** unique per delivery source: a repeated delivery carries the same id */
	eventId: string;
	/** provider's event type, recorded as is */
	type: string;
	outcome: 'succeeded' | 'failed' | 'expired' | 'pending';
	paymentId: number;
	amountMinor: number;
	currency: string;
	providerRef?: string | null;
	providerPaymentRef?: string | null;
}

/**
 * What a provider told us later about a refund it had accepted (Stripe: `refund.failed`,
 * `refund.updated`): our refund id from its metadata, the provider's refund id, the new state.
 */
export interface RefundEvent {
	provider: 'stripe';
	eventId: string;
	type: string;
	refundId: number;
	/** our payment id from the metadata, and the provider's payment the refund is of */
	paymentId: number;
	providerRef: string;
	providerPaymentRef: string | null;
	outcome: 'succeeded' | 'failed' | 'pending';
}

/**
 * What a provider told us about a cardholder's dispute of a payment (a chargeback; Stripe's
 * `charge.dispute.*`), in our terms: `open` while the bank decides, `won` when the money stays
 * with us (or an inquiry closed without a chargeback), `lost` when the bank took it back.
 */
export interface ChargebackEvent {
	provider: 'stripe';
	eventId: string;
	type: string;
	/** the provider's dispute id */
	disputeId: string;
	/** the provider's payment the dispute is of (our payments.provider_payment_ref) */
	providerPaymentRef: string;
	amountMinor: number;
	currency: string;
	status: 'open' | 'won' | 'lost';
	reason: string | null;
	/** by when evidence must reach the bank (ms), if the provider says */
	evidenceDueBy: number | null;
}
