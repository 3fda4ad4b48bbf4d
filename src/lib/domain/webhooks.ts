/**
 * Creditor webhooks (issue 20, item 6): which events a creditor may subscribe to, how an audited
 * state change becomes one of them, and when a failed delivery is tried again. Pure: the signing
 * (HMAC-SHA256 over "timestamp.body", the scheme Stripe uses) and the sending live in the server.
 */
export const WEBHOOK_EVENTS = [
	'payment.posted',
	'plan.agreed',
	'plan.broken',
	'dispute.opened',
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
		case 'payment.direct':
			return 'payment.posted';
		case 'plan.activate':
			return 'plan.agreed';
		case 'plan.break':
			return 'plan.broken';
		case 'dispute.open':
			return 'dispute.opened';
		case 'dispute.answer':
		case 'dispute.decide':
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

/** The audit entities whose rows name a claim (the event's claim is found through them). */
export const AUDIT_ENTITIES_WITH_CLAIM = ['claim', 'payment', 'plan', 'dispute'] as const;

/** Minutes to wait after the n-th failed attempt (1-based); after the last, the delivery fails. */
export const RETRY_MINUTES = [1, 5, 30, 120, 360, 720, 1440] as const;

export function nextAttemptDelayMs(failedAttempts: number): number | null {
	const m = RETRY_MINUTES[failedAttempts - 1];
	return m === undefined ? null : m * 60_000;
}
