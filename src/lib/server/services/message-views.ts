/**
 * What people see of the messages that left Rendez (issue 17 item 4):
 * - operators and admins: every message at /ops/messages (search by debtor or claim, filter by
 *   status and channel), one message with the exact text sent and its hash, and two acts: send a
 *   failed, bounced or uncertain message again (a new queued copy with its own dedupe key, which
 *   the dispatcher checks against the contact rules like any other), cancel a queued one;
 * - the debtor: the messages and letters about one of their own claims;
 * - the creditor: the contacts on one of its claims by channel and outcome, without SMS or e-mail
 *   text (creditor-claims.ts scopes the claim).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { MESSAGE_STATUSES, type MessageSource, type MessageStatus } from '$lib/domain/delivery';
import { MESSAGE_CHANNELS, type MessageChannel } from '$lib/domain/messages';
import { searchPlan } from '$lib/domain/search';
import type { DB } from '../db/client';
import { messages } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { assertAgencyStaff } from './actor';
import { ConflictError, NotFoundError } from './errors';
import { writeTx } from './tx';
import { perConnection } from '../db/per-connection';
import { creditorIdOf, debtorIdOf } from './actor';
import { translate, type Lang } from '$lib/i18n';
import { formatInstantDate } from '$lib/format';

export const MESSAGES_PAGE_SIZE = 50;
/** the statuses a message may be sent again from */
export const RESENDABLE: readonly MessageStatus[] = ['failed', 'bounced', 'unknown'];

export interface MessageFilter {
	q?: string | null;
	status?: MessageStatus | null;
	channel?: MessageChannel | null;
	page?: number;
}

export interface MessageRow {
	id: number;
	debtorId: number;
	/** '' for an anonymised debtor */
	debtorName: string;
	claimId: number | null;
	reference: string | null;
	channel: MessageChannel;
	templateKey: string;
	status: MessageStatus;
	statusReason: string | null;
	scheduledAt: number;
	sentAt: number | null;
}

export interface MessageList {
	rows: MessageRow[];
	total: number;
	page: number;
	pages: number;
	/** the search text was too short to search (nothing was filtered by it) */
	tooShort: boolean;
}

const ROW_COLUMNS = `m.id, m.debtor_id AS debtorId,
	CASE WHEN d.anonymized_at IS NULL THEN d.name ELSE '' END AS debtorName,
	m.claim_id AS claimId, c.reference, m.channel, m.template_key AS templateKey, m.status,
	m.status_reason AS statusReason, m.scheduled_at AS scheduledAt, m.sent_at AS sentAt`;

/** For /ops/messages: newest first, a page at a time. */
export function listMessages(db: DB, actor: Actor, f: MessageFilter = {}): MessageList {
	assertAgencyStaff(actor);
	const where: string[] = [];
	const args: unknown[] = [];
	let tooShort = false;
	const q = (f.q ?? '').trim();
	if (q) {
		const plan = searchPlan(q);
		if (plan.tooShort) tooShort = true;
		else {
			const either: string[] = [];
			if (plan.debtors) {
				either.push(
					'm.debtor_id IN (SELECT rowid FROM search_debtors WHERE search_debtors MATCH ?)'
				);
				args.push(plan.debtors);
			}
			if (plan.claims) {
				either.push('m.claim_id IN (SELECT rowid FROM search_claims WHERE search_claims MATCH ?)');
				args.push(plan.claims);
			}
			where.push(either.length ? `(${either.join(' OR ')})` : '0');
		}
	}
	if (f.status) {
		where.push('m.status = ?');
		args.push(f.status);
	}
	if (f.channel) {
		where.push('m.channel = ?');
		args.push(f.channel);
	}
	const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
	const c = db.$client;
	const total = c
		.prepare(`SELECT count(*) FROM messages m ${w}`)
		.pluck()
		.get(...args) as number;
	const pages = Math.max(1, Math.ceil(total / MESSAGES_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.floor(f.page ?? 1)), pages);
	const rows = c
		.prepare(
			`SELECT ${ROW_COLUMNS}
			 FROM messages m
			 JOIN debtors d ON d.id = m.debtor_id
			 LEFT JOIN claims c ON c.id = m.claim_id
			 ${w}
			 ORDER BY m.created_at DESC, m.id DESC
			 LIMIT ${MESSAGES_PAGE_SIZE} OFFSET ${(page - 1) * MESSAGES_PAGE_SIZE}`
		)
		.all(...args) as MessageRow[];
	return { rows, total, page, pages, tooShort };
}

export interface MessageDetail extends MessageRow {
	lang: 'hu' | 'en';
	source: MessageSource;
	/** the template version the text was made from: 0 the built-in text, null not made yet */
	templateVersion: number | null;
	toAddress: string | null;
	subject: string | null;
	body: string | null;
	bodyHash: string | null;
	attempts: number;
	settledAt: number | null;
	createdAt: number;
	/** the message this one sends again (a staff resend) */
	copyOf: number | null;
	canResend: boolean;
	canCancel: boolean;
}

/** One message with the exact text sent and its hash. Operators and admins. */
export function getMessage(db: DB, actor: Actor, id: number): MessageDetail {
	assertAgencyStaff(actor);
	const m = db.$client
		.prepare(
			`SELECT ${ROW_COLUMNS}, m.language AS lang, m.source, m.source_id AS sourceId,
			        m.body, m.template_version_id AS templateVersionId, tv.version AS templateVersion,
			        m.to_address AS toAddress, m.subject, m.body_hash AS bodyHash, m.attempts,
			        m.settled_at AS settledAt, m.created_at AS createdAt
			 FROM messages m
			 JOIN debtors d ON d.id = m.debtor_id
			 LEFT JOIN claims c ON c.id = m.claim_id
			 LEFT JOIN template_versions tv ON tv.id = m.template_version_id
			 WHERE m.id = ?`
		)
		.get(id) as
		| (Omit<MessageDetail, 'copyOf' | 'canResend' | 'canCancel' | 'templateVersion'> & {
				sourceId: number | null;
				templateVersionId: number | null;
				templateVersion: number | null;
		  })
		| undefined;
	if (!m) throw new NotFoundError('message');
	const { sourceId, templateVersionId, ...rest } = m;
	return {
		...rest,
		// a rendered text without a version row is the built-in text (version 0)
		templateVersion: templateVersionId === null ? (m.body === null ? null : 0) : m.templateVersion,
		copyOf: m.source === 'staff' ? sourceId : null,
		canResend: RESENDABLE.includes(m.status) && !pendingCopy(db, m.id),
		canCancel: m.status === 'queued'
	};
}

/** A queued or sending copy of this message, made by an earlier resend. */
function pendingCopy(db: DB, id: number): boolean {
	return !!db.$client
		.prepare(
			`SELECT 1 FROM messages WHERE source = 'staff' AND source_id = ?
			   AND status IN ('queued', 'sending') LIMIT 1`
		)
		.get(id);
}

/**
 * Sends a failed, bounced or uncertain message again: a new queued message with the same debtor,
 * claim, channel, template and language and a new dedupe key. Its text, address and link are made
 * at send time, and the dispatcher checks the contact rules (C1, C2, C7, C8) again. Returns the
 * new message's id.
 */
export function resendMessage(db: DB, actor: Actor, id: number): { id: number } {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const m = db.select().from(messages).where(eq(messages.id, id)).get();
		if (!m) throw new NotFoundError('message');
		if (!RESENDABLE.includes(m.status)) throw new ConflictError('ops.messages.notResendable');
		if (pendingCopy(db, id)) throw new ConflictError('ops.messages.resendPending');
		const copies = db
			.select({ n: sql<number>`count(*)` })
			.from(messages)
			.where(and(eq(messages.source, 'staff'), eq(messages.sourceId, id)))
			.get()!.n;
		const now = clock().now();
		const row = db
			.insert(messages)
			.values({
				debtorId: m.debtorId,
				claimId: m.claimId,
				channel: m.channel,
				templateKey: m.templateKey,
				lang: m.lang,
				source: 'staff',
				sourceId: m.id,
				dedupeKey: `resend:${m.id}:${Number(copies) + 1}`,
				status: 'queued',
				scheduledAt: now,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: messages.id })
			.get();
		audit(db, actor, {
			action: 'message.resend',
			entity: 'message',
			entityId: row.id,
			before: { message: m.id, status: m.status, statusReason: m.statusReason },
			after: { message: row.id, copyOf: m.id, status: 'queued' }
		});
		return { id: row.id };
	});
}

/** Cancels a queued message (one a dispatcher has already taken is no longer queued). */
export function cancelMessage(db: DB, actor: Actor, id: number): void {
	assertAgencyStaff(actor);
	writeTx(db, () => {
		const now = clock().now();
		const r = db
			.update(messages)
			.set({
				status: 'cancelled',
				statusReason: 'cancelled_by_staff',
				settledAt: now,
				updatedAt: now
			})
			.where(and(eq(messages.id, id), eq(messages.status, 'queued')))
			.run();
		if (r.changes === 0) {
			const m = db.select({ id: messages.id }).from(messages).where(eq(messages.id, id)).get();
			if (!m) throw new NotFoundError('message');
			throw new ConflictError('ops.messages.notCancellable');
		}
		audit(db, actor, {
			action: 'message.cancel',
			entity: 'message',
			entityId: id,
			before: { status: 'queued' },
			after: { status: 'cancelled', statusReason: 'cancelled_by_staff' }
		});
	});
}

/** the statuses of a message that left us (an uncertain one may have reached the debtor) */
const LEFT_US = `('sent', 'delivered', 'unknown')`;

const debtorMessagesStmt = perConnection((c) =>
	c.prepare(
		`SELECT id, channel, subject, coalesce(sent_at, created_at) AS at FROM messages
		 WHERE claim_id = ? AND debtor_id = ? AND status IN ${LEFT_US}
		 ORDER BY created_at DESC, id DESC LIMIT 100`
	)
);

export interface DebtorMessages {
	title: string;
	none: string;
	cols: [string, string, string];
	rows: { id: number; date: string; channel: string; what: string; href: string | null }[];
}

/**
 * The messages and letters sent about one of the debtor's own claims, newest first, written out
 * in the debtor's language on the server (no texts for the phone to download): the date, the
 * channel, the subject (their own claim: they may read it) or, for an SMS, a neutral description;
 * a letter links to its PDF. Another debtor's claim, or another claim's messages, never appear.
 */
export function claimMessages(db: DB, actor: Actor, claimId: number, lang: Lang): DebtorMessages {
	const debtorId = debtorIdOf(actor);
	const rows = debtorMessagesStmt(db).all(claimId, debtorId) as {
		id: number;
		channel: MessageChannel;
		subject: string | null;
		at: number;
	}[];
	const tr = (k: string, p?: Record<string, string>) => translate(lang, k, p);
	return {
		title: tr('portal.messages.title'),
		none: tr('portal.messages.none'),
		cols: [tr('portal.messages.date'), tr('portal.messages.channel'), tr('portal.messages.what')],
		rows: rows.map((r) => {
			const what = r.subject || tr(`portal.messages.${r.channel}`);
			const letter = r.channel === 'letter';
			return {
				id: r.id,
				date: formatInstantDate(r.at, lang),
				channel: tr(`portal.messages.channel.${r.channel}`),
				what: letter ? tr('portal.messages.pdf', { subject: what }) : what,
				href: letter ? `/my/claims/${claimId}/letters/${r.id}` : null
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

export { MESSAGE_CHANNELS, MESSAGE_STATUSES };
