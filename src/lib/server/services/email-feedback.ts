/**
 * What comes back from e-mails: bounces (a mail server's pipe posts the raw DSN to
 * /api/messages/bounces) and one-click unsubscribes (RFC 8058: a POST to the link in the
 * List-Unsubscribe header, without a session; the token in the link is the HMAC of the message id).
 */
import { systemActor } from '$lib/domain/actor';
import type { MessageStatus } from '$lib/domain/delivery';
import type { Lang } from '$lib/domain/messages';
import type { DB } from '../db/client';
import type { MessageChannelAdapter } from '../channels/types';
import { checkUnsubscribeToken } from '../channels/tokens';
import { clock } from '../clock';
import { audit } from './audit';
import { applyDeliveryReport } from './deliveries';
import { writeTx } from './tx';

/** A bounce larger than this is not read (a DSN with the returned headers is a few kB). */
export const MAX_BOUNCE_BYTES = 1024 * 1024;

/**
 * The bounce endpoint: 503 when no e-mail channel is configured, 401 without the shared secret,
 * 413 when too large, else 200 with the statuses the reports led to (a report for a message we
 * never sent is ignored, not an error: the mail server should not retry it).
 */
export async function bounceResponse(
	db: () => DB,
	email: MessageChannelAdapter | undefined,
	request: Request
): Promise<{ status: number; body: { applied?: (MessageStatus | null)[]; error?: string } }> {
	if (!email) return { status: 503, body: { error: 'email_not_configured' } };
	const req = { url: request.url, headers: request.headers, body: '' };
	if (!email.verifyCallback(req)) return { status: 401, body: { error: 'unauthorised' } };
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_BOUNCE_BYTES) return { status: 413, body: { error: 'too_large' } };
	const body = await request.text();
	if (body.length > MAX_BOUNCE_BYTES) return { status: 413, body: { error: 'too_large' } };
	const reports = email.parseReport({ ...req, body });
	const handle = db();
	return {
		status: 200,
		body: { applied: reports.map((r) => applyDeliveryReport(handle, 'email', r)) }
	};
}

interface UnsubscribeTarget {
	debtorId: number;
	lang: Lang;
	optedOut: boolean;
}

function target(db: DB, messageId: number, token: string): UnsubscribeTarget | null {
	if (!Number.isSafeInteger(messageId) || !checkUnsubscribeToken(messageId, token)) return null;
	const row = db.$client
		.prepare(
			`SELECT m.debtor_id AS debtorId, m.language AS lang, coalesce(p.opt_out_email, 0) AS optedOut
			   FROM messages m LEFT JOIN contact_preferences p ON p.debtor_id = m.debtor_id
			  WHERE m.id = ? AND m.channel = 'email'`
		)
		.get(messageId) as { debtorId: number; lang: Lang; optedOut: number } | undefined;
	return row ? { debtorId: row.debtorId, lang: row.lang, optedOut: !!row.optedOut } : null;
}

/** For the confirm page: is the link good, and has the debtor already stopped e-mails? */
export function unsubscribeLinkState(
	db: DB,
	messageId: number,
	token: string
): { valid: false } | { valid: true; lang: Lang; optedOut: boolean } {
	const t = target(db, messageId, token);
	return t ? { valid: true, lang: t.lang, optedOut: t.optedOut } : { valid: false };
}

/**
 * Opts the message's debtor out of e-mail at once (C8). False for a link that is not ours; a
 * second click changes nothing and is not audited again.
 */
export function unsubscribeByLink(db: DB, messageId: number, token: string): boolean {
	return writeTx(db, () => {
		const t = target(db, messageId, token);
		if (!t) return false;
		if (t.optedOut) return true;
		const now = clock().now();
		db.$client
			.prepare(
				`INSERT INTO contact_preferences (debtor_id, updated_at) VALUES (?, ?) ON CONFLICT (debtor_id) DO NOTHING`
			)
			.run(t.debtorId, now);
		db.$client
			.prepare(
				`UPDATE contact_preferences SET opt_out_email = 1, updated_at = ? WHERE debtor_id = ?`
			)
			.run(now, t.debtorId);
		audit(db, systemActor('email-unsubscribe'), {
			action: 'contact_preferences.email_unsubscribe',
			entity: 'debtor',
			entityId: t.debtorId,
			after: { optOutEmail: true, messageId }
		});
		return true;
	});
}
