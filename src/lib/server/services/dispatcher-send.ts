/**
 * The dispatcher's last step inside the claim's transaction (dispatcher.ts tells the whole story):
 * a message that may go gets its text fixed, with a fresh portal link (or a contact code) minted
 * into it, and is handed out as 'sending' under a lease.
 */
import { stmt } from '../db/per-connection';
import { mintContactCode } from './contact-details';
import { toE164 } from '$lib/domain/phone';
import { CODE_MARK, keptText, LINK_MARK, type Secret } from '$lib/domain/kept-text';
import type { DB } from '../db/client';
import { mintAccessLink, type IdentityQuestion } from '../auth/links';
import { unsubscribePath } from '../channels/tokens';
import { renderTemplate, type RenderedMessage } from './templates';
import {
	actor,
	blockNoTemplate,
	closeMessage,
	LEASE_MS,
	recordContact,
	settleSource,
	updateMessage,
	type ClaimResult,
	type DispatchOptions,
	type MessageRow
} from './dispatcher-messages';

/** The debtor's addresses a message is sent to. */
export interface Addresses {
	email: string | null;
	phone: string | null;
}

/**
 * Fixes the message's text and address and holds it as 'sending' under a lease (audited). The text
 * is kept without its `secrets` (kept-text.ts); the hash is of the text as sent.
 */
function markSending(
	db: DB,
	o: DispatchOptions,
	m: MessageRow,
	now: number,
	channel: 'sms' | 'email',
	to: string,
	text: RenderedMessage,
	secrets: readonly Secret[],
	after: Record<string, unknown>
) {
	updateMessage(
		db,
		m,
		{
			status: 'sending',
			channel,
			to_address: to,
			subject: keptText(text.subject, secrets) ?? null,
			body: keptText(text.body, secrets),
			body_hash: text.bodyHash,
			template_version_id: text.templateVersionId,
			lease_until: now + (o.leaseMs ?? LEASE_MS),
			attempts: m.attempts + 1,
			status_reason: null
		},
		'message.sending',
		{ status: 'sending', channel, ...after, bodyHash: text.bodyHash }
	);
}

/** The claimed message, as its channel will take it. */
function claimedResult(
	m: MessageRow,
	channel: 'sms' | 'email',
	to: string,
	text: RenderedMessage,
	unsubscribe: string,
	contactEventId: number | null
): ClaimResult {
	return {
		kind: 'claimed',
		claimed: {
			messageId: m.id,
			channel,
			contactEventId,
			out: {
				messageId: m.id,
				to,
				lang: m.lang,
				subject: text.subject,
				text: text.body,
				unsubscribeUrl: channel === 'email' ? unsubscribe : undefined
			}
		}
	};
}

/** An SMS goes to the number in E.164, the form a STOP reply comes back from (applySmsStop). */
const addressFor = (channel: 'sms' | 'email', address: string) =>
	channel === 'email' ? address : (toE164(address) ?? address);

/**
 * The code that confirms a new e-mail address or phone number (contact-details.ts). It is not a
 * collection contact: it names nothing about a debt, goes only to the new address the debtor typed
 * on their own page, at once (they are waiting for it), and does not count toward C2. The code is
 * made now and only its hash is kept; the message keeps the text sent without the code.
 */
export function sendContactCode(
	db: DB,
	o: DispatchOptions,
	m: MessageRow,
	now: number
): ClaimResult {
	const drop = (reason: string) => {
		closeMessage(db, m, 'cancelled', reason, now);
		settleSource(db, m, 'cancelled');
		return { kind: 'decided', messageId: m.id, decision: 'cancel' } as const;
	};
	let minted: { code: string; to: string; channel: 'email' | 'sms' };
	try {
		minted = mintContactCode(db, m.source_id ?? 0);
	} catch {
		return drop('change_expired');
	}
	if (!o.channels[minted.channel]) return drop('no_channel');
	const origin = o.origin.replace(/\/$/, '');
	const unsubscribe = `${origin}${unsubscribePath(m.id)}`;
	const text = renderTemplate(db, m.template_key, minted.channel, m.lang, {
		code: minted.code,
		link: `${origin}/my/details`,
		unsubscribe
	});
	if (!text) return drop('no_template');
	const to = addressFor(minted.channel, minted.to);
	markSending(db, o, m, now, minted.channel, to, text, [[minted.code, CODE_MARK]], {});
	return claimedResult(m, minted.channel, to, text, unsubscribe, null);
}

/** The identity question an access-link message asks, as the outbox row that asked for it says. */
function questionOf(db: DB, m: MessageRow): IdentityQuestion | undefined {
	if (m.source !== 'link' || m.source_id == null) return undefined;
	const row = stmt(db, `SELECT params_json FROM outbox WHERE id = ?`).get(m.source_id) as
		{ params_json: string } | undefined;
	try {
		return row
			? (JSON.parse(row.params_json) as { question?: IdentityQuestion }).question
			: undefined;
	} catch {
		return undefined;
	}
}

/** A collection message that may go now: a fresh link in its text, its contact recorded. */
export function send(
	db: DB,
	o: DispatchOptions,
	m: MessageRow,
	d: Addresses,
	channel: 'sms' | 'email',
	now: number
): ClaimResult {
	const origin = o.origin.replace(/\/$/, '');
	const question = questionOf(db, m);
	const unsubscribe = `${origin}${unsubscribePath(m.id)}`;
	// the template must exist before a link is minted for it
	const probe = renderTemplate(db, m.template_key, channel, m.lang, {
		link: `${origin}/p/x`,
		unsubscribe
	});
	if (!probe) return blockNoTemplate(db, m, channel, now);
	// a fresh link, minted now: the plain token exists only in what is sent (kept without it)
	const link = mintAccessLink(db, actor, m.debtor_id, question ? { question } : {});
	const text = renderTemplate(db, m.template_key, channel, m.lang, {
		link: `${origin}${link.path}`,
		unsubscribe
	})!;
	const to = addressFor(channel, channel === 'email' ? d.email! : d.phone!);
	markSending(db, o, m, now, channel, to, text, [[link.token, LINK_MARK]], {
		templateVersion: text.version
	});
	const contactEventId = recordContact(db, m, channel, 'sent', null);
	return claimedResult(m, channel, to, text, unsubscribe, contactEventId);
}
