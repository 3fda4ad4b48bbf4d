/**
 * Creditor webhooks (issue 20, item 6): which events a creditor may subscribe to, how an audited
 * state change becomes one of them, and when a failed delivery is tried again. Pure: the signing
 * (HMAC-SHA256 over "timestamp.body", the scheme Stripe uses) and the sending live in the server.
 */
import { isPublicHost } from './public-address';

export const WEBHOOK_EVENTS = [
	'payment.posted',
	'plan.agreed',
	'plan.broken',
	'dispute.opened',
	/** upheld, corrected (partly upheld: the amount corrected) or rejected: the change's `status` says which */
	'dispute.answered',
	'stage.changed',
	'claim.paid',
	'claim.recalled'
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What the audit trail records, as the event a creditor hears; null when it is not one. */
export function eventOfAudit(
	action: string,
	after: Record<string, unknown> | null
): WebhookEvent | null {
	switch (action) {
		case 'payment.succeeded':
			return 'payment.posted';
		case 'plan.activate':
			return 'plan.agreed';
		case 'plan.break':
			return 'plan.broken';
		case 'dispute.open':
			return 'dispute.opened';
		case 'dispute.upheld':
		case 'dispute.corrected':
		case 'dispute.rejected':
			return 'dispute.answered';
		case 'claim.stage':
			return 'stage.changed';
		case 'claim.status':
			return after?.status === 'paid' ? 'claim.paid' : null;
		case 'claim.recall':
			return 'claim.recalled';
		default:
			return null;
	}
}

/** The audit actions that are events (the fan-out reads only these rows of the audit log). */
export const EVENT_ACTIONS = [
	'payment.succeeded',
	'plan.activate',
	'plan.break',
	'dispute.open',
	'dispute.upheld',
	'dispute.corrected',
	'dispute.rejected',
	'claim.stage',
	'claim.status',
	'claim.recall'
] as const;

/**
 * Whether an address may receive webhooks: https, or http only where the setting allows it (a
 * local receiver in tests and the demo); never a host that is not public (domain/public-address:
 * a private, loopback, link-local, shared, reserved or documentation address in any of its
 * written forms, localhost, a name without a dot), unless allowed: the server must not be a way
 * into the agency's network. What a name resolves to is checked again when a delivery is sent.
 */
export function webhookUrlProblem(raw: string, allowLocal: boolean): string | null {
	let u: URL;
	try {
		u = new URL(raw);
	} catch {
		return 'webhooks.url.invalid';
	}
	if (u.username || u.password) return 'webhooks.url.invalid';
	if (u.protocol !== 'https:' && !(allowLocal && u.protocol === 'http:'))
		return 'webhooks.url.https';
	if (!allowLocal && !isPublicHost(u.hostname)) return 'webhooks.url.local';
	return null;
}

/**
 * Why a delivery was not sent at all (`webhook_deliveries.last_error`): its address is, or its
 * name resolves to, an address that is not public; or the address is no longer accepted (an
 * http:// one saved while the setting allowed it). The creditor's page says so in words.
 */
export const DELIVERY_REFUSALS = ['address_refused', 'url_refused'] as const;
export type DeliveryRefusal = (typeof DELIVERY_REFUSALS)[number];

export function deliveryRefusal(lastError: string | null): DeliveryRefusal | null {
	return DELIVERY_REFUSALS.find((r) => r === lastError) ?? null;
}

/** Minutes to wait after the n-th failed attempt (1-based); after the last, the delivery fails. */
export const RETRY_MINUTES = [1, 5, 30, 120, 360, 720, 1440] as const;

export function nextAttemptDelayMs(failedAttempts: number): number | null {
	const m = RETRY_MINUTES[failedAttempts - 1];
	return m === undefined ? null : m * 60_000;
}
