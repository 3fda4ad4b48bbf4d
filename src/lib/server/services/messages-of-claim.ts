/**
 * What the debtor and the creditor see of the messages about one claim (issue 17 item 4):
 * - the debtor: the messages and letters about one of their own claims;
 * - the creditor: the contacts on one of its claims by channel and outcome, without SMS or e-mail
 *   text (creditor-claims.ts scopes the claim).
 * The staff's views and acts on messages are in `message-views.ts`.
 */
import type { Actor } from '$lib/domain/actor';
import type { MessageStatus } from '$lib/domain/delivery';
import { templateFor, type MessageChannel } from '$lib/domain/messages';
import { formatInstantDate } from '$lib/format';
import { translate, type Lang } from '$lib/i18n';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { creditorIdOf, isReferenceSession } from './actor';
import { NotFoundError } from './errors';
import { debtorInScope } from './owned';

/** the statuses of a message that left us (an uncertain one may have reached the debtor) */
const LEFT_US = `('sent', 'delivered', 'unknown')`;

const debtorMessagesStmt = perConnection((c) =>
	c.prepare(
		`SELECT id, channel, template_key AS templateKey, language AS lang, subject, coalesce(sent_at, created_at) AS at FROM messages
		 WHERE claim_id = ? AND debtor_id = ? AND status IN ${LEFT_US}
		 ORDER BY created_at DESC, id DESC LIMIT 100`
	)
);

/**
 * Contacts recorded before messages left through Rendez (imported or demo history: only in
 * contact_events), on a channel with no message of the claim: the claim's story says "we sent you a
 * letter", so its list says so too (as the case timeline does). Negative ids: no text to open.
 */
const earlierContactsStmt = perConnection((c) =>
	c.prepare(
		`SELECT -e.id AS id, e.channel, coalesce(e.template, '') AS templateKey, '' AS lang,
		        NULL AS subject, e.occurred_at AS at
		   FROM contact_events e
		  WHERE e.claim_id = ? AND e.debtor_id = ? AND e.direction = 'outbound'
		    AND e.channel IN ('sms', 'email', 'letter') AND e.outcome IN ('sent', 'delivered')
		    AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.claim_id = e.claim_id AND m.channel = e.channel)
		  ORDER BY e.occurred_at DESC LIMIT 100`
	)
);

export interface DebtorMessages {
	title: string;
	none: string;
	cols: [string, string, string];
	rows: { id: number; date: string; channel: string; what: string; href: string | null }[];
}

/**
 * A message's subject in the reader's language: as sent when it was sent in that language, else
 * the template's own subject in the reader's language (message-texts / letter-texts) where it has
 * one without placeholders, else as sent.
 */
function subjectFor(
	r: { channel: MessageChannel; templateKey: string; lang: string; subject: string | null },
	lang: Lang
): string | null {
	if (!r.subject || r.lang === lang) return r.subject;
	const own = templateFor(r.templateKey, r.channel, lang)?.subject;
	return own && !own.includes('{') ? own : r.subject;
}

/**
 * The messages and letters sent about one of the debtor's own claims, newest first, written out
 * in the debtor's language on the server (no texts for the phone to download): the date, the
 * channel, the subject in their language (their own claim: they may read it) or, for an SMS, a neutral description;
 * a letter links to its PDF. Another debtor's claim, or another claim's messages, never appear.
 */
export function claimMessages(db: DB, actor: Actor, claimId: number, lang: Lang): DebtorMessages {
	const debtorId = debtorInScope(db, actor, 'claim', claimId);
	type Row = {
		id: number;
		channel: MessageChannel;
		templateKey: string;
		lang: string;
		subject: string | null;
		at: number;
	};
	// the messages newest first, then the contacts recorded from before them
	const rows = [
		...(debtorMessagesStmt(db).all(claimId, debtorId) as Row[]),
		...(earlierContactsStmt(db).all(claimId, debtorId) as Row[])
	];
	const tr = (k: string, p?: Record<string, string>) => translate(lang, k, p);
	// a letter carries the personal link: a reference session sees that it was sent, not the letter
	const letterKey = isReferenceSession(actor)
		? 'portal.messages.letterScoped'
		: 'portal.messages.pdf';
	return {
		title: tr('portal.messages.title'),
		none: tr('portal.messages.none'),
		cols: [tr('portal.messages.date'), tr('portal.messages.channel'), tr('portal.messages.what')],
		rows: rows.map((r) => {
			const what = subjectFor(r, lang) || tr(`portal.messages.${r.channel}`);
			// a letter we hold the text of (a recorded contact has none to open)
			const letter = r.channel === 'letter' && r.id > 0;
			return {
				id: r.id,
				date: formatInstantDate(r.at, lang),
				channel: tr(`portal.messages.channel.${r.channel}`),
				what: letter ? tr(letterKey, { subject: what }) : what,
				href: letter && !isReferenceSession(actor) ? `/my/claims/${claimId}/letters/${r.id}` : null
			};
		})
	};
}

/** A message's status as a contact's outcome (queued and cancelled ones were no contact). */
const MESSAGE_OUTCOME: Partial<Record<MessageStatus, string>> = {
	sent: 'sent',
	unknown: 'sent',
	delivered: 'delivered',
	failed: 'failed',
	bounced: 'failed',
	blocked: 'blocked'
};
/** the outcomes in the order the creditor reads them; anything else is 'other' */
export const CONTACT_OUTCOMES = [
	'sent',
	'delivered',
	'failed',
	'no_answer',
	'conversation',
	'promise',
	'refused',
	'moved',
	'blocked',
	'other'
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
const CONTACT_CHANNELS = ['sms', 'email', 'letter', 'call', 'visit'] as const;

export interface ClaimContacts {
	/** the outcomes that occur, in order */
	outcomes: ContactOutcome[];
	byChannel: { channel: string; counts: Partial<Record<ContactOutcome, number>>; total: number }[];
	/** newest first: a message names its template in words, never its text */
	list: {
		at: number;
		channel: string;
		kind: 'message' | 'event';
		/** the message's template key, or the stage the contact was made in */
		what: string;
		direction: 'outbound' | 'inbound';
		outcome: ContactOutcome;
	}[];
}

const asOutcome = (o: string): ContactOutcome =>
	(CONTACT_OUTCOMES as readonly string[]).includes(o) ? (o as ContactOutcome) : 'other';

/**
 * The contacts on one of the creditor's claims, by channel and outcome, and their list. Calls and
 * visits come from contact_events; SMS, e-mail and letters from the messages (which carry the
 * delivery outcome) where the claim has any on that channel, else from contact_events (the record
 * before messages left Rendez, and the seed's history) — so a message the dispatcher also records
 * as a contact is counted once. No SMS or e-mail text: the template's name only.
 */
export function claimContacts(db: DB, actor: Actor, claimId: number): ClaimContacts {
	const creditorId = creditorIdOf(actor);
	const c = db.$client;
	const owner = c.prepare('SELECT creditor_id FROM claims WHERE id = ?').pluck().get(claimId);
	if (owner !== creditorId) throw new NotFoundError('claim');
	const msgs = c
		.prepare(
			`SELECT channel, template_key AS what, status, coalesce(sent_at, settled_at, scheduled_at) AS at
			 FROM messages WHERE claim_id = ? AND status NOT IN ('queued', 'sending', 'cancelled')`
		)
		.all(claimId) as { channel: MessageChannel; what: string; status: MessageStatus; at: number }[];
	const fromMessages = new Set(msgs.map((m) => m.channel));
	const events = (
		c
			.prepare(
				`SELECT channel, stage AS what, direction, outcome, occurred_at AS at
				 FROM contact_events WHERE claim_id = ?`
			)
			.all(claimId) as {
			channel: string;
			what: string;
			direction: 'outbound' | 'inbound';
			outcome: string;
			at: number;
		}[]
	).filter((e) => !(e.direction === 'outbound' && fromMessages.has(e.channel as MessageChannel)));
	const list: ClaimContacts['list'] = [
		...msgs.map((m) => ({
			at: m.at,
			channel: m.channel,
			kind: 'message' as const,
			what: m.what,
			direction: 'outbound' as const,
			outcome: asOutcome(MESSAGE_OUTCOME[m.status] ?? 'other')
		})),
		...events.map((e) => ({
			at: e.at,
			channel: e.channel,
			kind: 'event' as const,
			what: e.what,
			direction: e.direction,
			outcome: asOutcome(e.outcome)
		}))
	].sort((a, b) => b.at - a.at);
	const counts = new Map<string, Partial<Record<ContactOutcome, number>>>();
	const seen = new Set<ContactOutcome>();
	for (const r of list) {
		const row = counts.get(r.channel) ?? {};
		row[r.outcome] = (row[r.outcome] ?? 0) + 1;
		counts.set(r.channel, row);
		seen.add(r.outcome);
	}
	const channels = [
		...CONTACT_CHANNELS.filter((ch) => counts.has(ch)),
		...[...counts.keys()].filter((ch) => !(CONTACT_CHANNELS as readonly string[]).includes(ch))
	];
	return {
		outcomes: CONTACT_OUTCOMES.filter((o) => seen.has(o)),
		byChannel: channels.map((channel) => {
			const cs = counts.get(channel)!;
			return { channel, counts: cs, total: Object.values(cs).reduce((a, b) => a + (b ?? 0), 0) };
		}),
		list
	};
}
