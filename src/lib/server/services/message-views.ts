/**
 * What operators and admins see of the messages that left Rendez (issue 17 item 4): every message
 * at /ops/messages (search by debtor or claim, filter by status and channel), one message with the
 * text sent (as kept: without its link's token or code, kept-text.ts) and its hash, and two acts:
 * send a failed, bounced or uncertain message again (a new queued copy with its own dedupe key,
 * which the dispatcher checks against the contact rules like any other and writes with a fresh
 * link), cancel a queued one. A reminder about a claim that is paid, closed or on hold is not
 * offered again (C7: `resendRefusal`), and the dispatcher stops such a copy too. What the debtor and the creditor see of one claim's
 * messages is in `messages-of-claim.ts`.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { MESSAGE_STATUSES, type MessageSource, type MessageStatus } from '$lib/domain/delivery';
import { MESSAGE_CHANNELS, type MessageChannel } from '$lib/domain/messages';
import { searchPlan } from '$lib/domain/search';
import { hideLinkTokens } from '$lib/domain/kept-text';
import { localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { messages } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { assertAgencyStaff } from './actor';
import { claimStopNow } from './dispatcher-claim';
import { ConflictError, NotFoundError } from './errors';
import { paged, type Paged } from './paging';
import { writeTx } from './tx';

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

export interface MessageList extends Paged<MessageRow> {
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
	const page = paged(
		f.page,
		MESSAGES_PAGE_SIZE,
		total,
		(win) =>
			c
				.prepare(
					`SELECT ${ROW_COLUMNS}
				 FROM messages m
				 JOIN debtors d ON d.id = m.debtor_id
				 LEFT JOIN claims c ON c.id = m.claim_id
				 ${w}
				 ORDER BY m.created_at DESC, m.id DESC
				 LIMIT ? OFFSET ?`
				)
				.all(...args, win.limit, win.offset) as MessageRow[]
	);
	return { ...page, tooShort };
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
	/**
	 * Why a failed, bounced or uncertain message is not offered to be sent again (an i18n key):
	 * its claim is paid, closed or on hold (C7), a copy already waits, or it was a link or a code
	 * the debtor asked for. Null when it may be, or when its status never allows it.
	 */
	resendRefusal: ResendRefusal | null;
	canCancel: boolean;
}

/**
 * One message with the text sent and its hash (of the text as sent). Operators and admins. No
 * link's token shows, not even in a text kept before tokens were taken out of it.
 */
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
		| (Omit<
				MessageDetail,
				'copyOf' | 'canResend' | 'resendRefusal' | 'canCancel' | 'templateVersion'
		  > & {
				sourceId: number | null;
				templateVersionId: number | null;
				templateVersion: number | null;
		  })
		| undefined;
	if (!m) throw new NotFoundError('message');
	const { sourceId, templateVersionId, ...rest } = m;
	const refusal = RESENDABLE.includes(m.status) ? resendRefusal(db, m) : null;
	return {
		...rest,
		subject: rest.subject === null ? null : hideLinkTokens(rest.subject),
		body: rest.body === null ? null : hideLinkTokens(rest.body),
		// a rendered text without a version row is the built-in text (version 0)
		templateVersion: templateVersionId === null ? (m.body === null ? null : 0) : m.templateVersion,
		copyOf: m.source === 'staff' ? sourceId : null,
		canResend: RESENDABLE.includes(m.status) && refusal === null,
		resendRefusal: refusal,
		canCancel: m.status === 'queued'
	};
}

export type ResendRefusal =
	| 'ops.messages.resendAskedFor'
	| 'ops.messages.resendPaid'
	| 'ops.messages.resendHold'
	| 'ops.messages.resendPending';

/** Messages the debtor asked for: they ask again on their page (a code or link must be theirs). */
const ASKED_FOR = ['contact_code', 'access_link'];

/**
 * Why a failed, bounced or uncertain message may not be sent again now (an i18n key), or null. The
 * dispatcher checks C7 again when the copy is due (dispatcher-claim.ts); this is the same check,
 * made before offering it, so a reminder about a paid claim is never offered.
 */
function resendRefusal(
	db: DB,
	m: { id: number; templateKey: string; claimId: number | null }
): ResendRefusal | null {
	if (ASKED_FOR.includes(m.templateKey)) return 'ops.messages.resendAskedFor';
	if (m.claimId != null) {
		const { stop } = claimStopNow(db, m.templateKey, m.claimId, localDate(clock().now()));
		if (stop === 'c7_paid') return 'ops.messages.resendPaid';
		if (stop) return 'ops.messages.resendHold';
	}
	if (pendingCopy(db, m.id)) return 'ops.messages.resendPending';
	return null;
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
		const refusal = resendRefusal(db, m);
		if (refusal) throw new ConflictError(refusal);
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

export { MESSAGE_CHANNELS, MESSAGE_STATUSES };
