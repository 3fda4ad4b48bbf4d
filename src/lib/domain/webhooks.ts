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
			return 'payment.posted';
		case 'plan.activate':
			return 'plan.agreed';
		case 'plan.break':
			return 'plan.broken';
		case 'dispute.open':
			return 'dispute.opened';
		case 'dispute.upheld':
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
	'dispute.rejected',
	'claim.stage',
	'claim.status',
	'claim.recall'
] as const;

/**
 * Whether an address may receive webhooks: https, or http only where the setting allows it (a
 * local receiver in tests and the demo); never a bare IP in a private, loopback or link-local
 * range, nor localhost, unless allowed (the server must not be a way into the agency's network).
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
	const h = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	const local =
		h === 'localhost' ||
		h.endsWith('.localhost') ||
		/^(127\.|10\.|192\.168\.|169\.254\.|0\.)/.test(h) ||
		/^172\.(1[6-9]|2\d|3[01])\./.test(h) ||
		h === '::1' ||
		/^f[cd][0-9a-f]{2}:/.test(h) ||
		/^fe80:/.test(h);
	if (local && !allowLocal) return 'webhooks.url.local';
	return null;
}

/** Minutes to wait after the n-th failed attempt (1-based); after the last, the delivery fails. */
export const RETRY_MINUTES = [1, 5, 30, 120, 360, 720, 1440] as const;

export function nextAttemptDelayMs(failedAttempts: number): number | null {
	const m = RETRY_MINUTES[failedAttempts - 1];
	return m === undefined ? null : m * 60_000;
}
