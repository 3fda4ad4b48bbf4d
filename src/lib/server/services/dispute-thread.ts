/**
 * A dispute's thread (disputes.ts): after the opening and the operator's decision, the debtor and
 * the operators write further replies; the debtor is told of each answer. Both sides read the
 * whole thread in time order.
 */
import { asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { attachments, claims, creditors, debtors, disputeMessages, disputes } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { NotFoundError, ValidationError } from './errors';
import { writeTx } from './tx';
import { debtorClaim, latestRequest } from './claim-state';
import { assertAgencyStaff, assertDebtor } from './actor';
import { enqueue } from './outbox';
import { paged, type PageWindow } from './paging';
import { checkFile, storeAttachment, type Errors } from './dispute-files';
import { correctionOf, outstandingOf, type Correction } from './dispute-correction';

/** A dispute by its id (any status), or NotFoundError. */
export function disputeById(db: DB, disputeId: number) {
	const d = db.select().from(disputes).where(eq(disputes.id, disputeId)).get();
	if (!d) throw new NotFoundError('dispute');
	return d;
}

/**
 * The debtor is told through their channel that an answer is waiting (a neutral message, C3: the
 * link to the dispute page, nothing about the claim). One message per answer.
 */
export function notifyAnswered(
	db: DB,
	d: { id: number; claimId: number; debtorId: number },
	what: string | number,
	now: number
) {
	enqueue(db, {
		debtorId: d.debtorId,
		claimId: d.claimId,
		template: 'dispute_answered',
		params: { path: `/my/claims/${d.claimId}/dispute` },
		dedupeKey: `dispute_answered:${d.id}:${what}`,
		now
	});
}

const REPLY_MAX = 4000;

function checkReply(body: string, file: Uint8Array | null | undefined) {
	const errors: Errors = {};
	const text = body.trim();
	if (text.length > REPLY_MAX) errors.body = { key: 'portal.dispute.error.tooLong' };
	const f = checkFile(file, errors);
	if (!errors.body && !errors.file && text.length === 0 && !f.file)
		errors.body = { key: 'portal.dispute.error.replyEmpty' };
	if (Object.keys(errors).length) throw new ValidationError(errors);
	return { text, ...f };
}

/**
 * The debtor's reply in the thread of the claim's latest dispute: text, a document, or both. The
 * dispute keeps its status; the reply waits in the operators' queue until one of them answers.
 */
export function replyToDispute(
	db: DB,
	actor: Actor,
	input: { claimId: number; body: string; file?: Uint8Array | null }
) {
	assertDebtor(actor);
	const { text, file, mime } = checkReply(input.body, input.file);
	return writeTx(db, () => {
		const claim = debtorClaim(db, actor, input.claimId);
		const d = latestRequest(db, disputes, claim.id);
		if (!d) throw new NotFoundError('dispute');
		const now = clock().now();
		const attachmentId = storeAttachment(db, file, mime, now);
		const row = db
			.insert(disputeMessages)
			.values({ disputeId: d.id, author: 'debtor', body: text, attachmentId, createdAt: now })
			.returning()
			.get();
		audit(db, actor, {
			action: 'dispute.reply',
			entity: 'dispute',
			entityId: d.id,
			after: { messageId: row.id, attachmentId }
		});
		return row;
	});
}

/** An operator's further answer in a dispute's thread (any status); the debtor is told. */
export function operatorReply(db: DB, actor: Actor, input: { disputeId: number; body: string }) {
	assertAgencyStaff(actor);
	const text = input.body.trim();
	if (text.length < 5) throw new ValidationError({ body: { key: 'portal.dispute.error.answer' } });
	if (text.length > REPLY_MAX)
		throw new ValidationError({ body: { key: 'portal.dispute.error.tooLong' } });
	return writeTx(db, () => {
		const d = disputeById(db, input.disputeId);
		const now = clock().now();
		const row = db
			.insert(disputeMessages)
			.values({
				disputeId: d.id,
				author: 'operator',
				staffUserId: 'userId' in actor ? actor.userId : null,
				body: text,
				createdAt: now
			})
			.returning()
			.get();
		audit(db, actor, {
			action: 'dispute.operator_reply',
			entity: 'dispute',
			entityId: d.id,
			after: { messageId: row.id }
		});
		notifyAnswered(db, d, row.id, now);
		return row;
	});
}

export interface ThreadEntry {
	/** opened: the dispute itself; answer: the operator's decision; then the replies */
	kind: 'opened' | 'answer' | 'debtor' | 'operator';
	/** the message id of a reply (attachments of replies are fetched by it) */
	messageId: number | null;
	body: string;
	attachment: { mime: string; sizeBytes: number } | null;
	at: number;
	/** the decision's correction, when the dispute was partly upheld: what was taken off */
	correction?: Correction | null;
}

function threadOf(db: DB, d: typeof disputes.$inferSelect): ThreadEntry[] {
	const msgs = db
		.select({
			id: disputeMessages.id,
			author: disputeMessages.author,
			body: disputeMessages.body,
			createdAt: disputeMessages.createdAt,
			mime: attachments.mime,
			sizeBytes: attachments.sizeBytes
		})
		.from(disputeMessages)
		.leftJoin(attachments, eq(attachments.id, disputeMessages.attachmentId))
		.where(eq(disputeMessages.disputeId, d.id))
		.orderBy(asc(disputeMessages.id))
		.all();
	const opening = d.attachmentId
		? db
				.select({ mime: attachments.mime, sizeBytes: attachments.sizeBytes })
				.from(attachments)
				.where(eq(attachments.id, d.attachmentId))
				.get()
		: undefined;
	const entries: ThreadEntry[] = [
		{
			kind: 'opened',
			messageId: null,
			body: d.details,
			attachment: opening ?? null,
			at: d.createdAt
		}
	];
	if (d.answer != null && d.answeredAt != null)
		entries.push({
			kind: 'answer',
			messageId: null,
			body: d.answer,
			attachment: null,
			at: d.answeredAt,
			correction: d.status === 'corrected' ? correctionOf(db, d) : null
		});
	for (const m of msgs)
		entries.push({
			kind: m.author,
			messageId: m.id,
			body: m.body,
			attachment: m.mime && m.sizeBytes != null ? { mime: m.mime, sizeBytes: m.sizeBytes } : null,
			at: m.createdAt
		});
	// the decision may come after replies sent while the dispute was open: in time order
	return entries.sort((a, b) => a.at - b.at || (a.messageId ?? 0) - (b.messageId ?? 0));
}

/** The debtor's view of the claim's latest dispute: its state and the whole thread. */
export function disputeThreadForDebtor(db: DB, actor: Actor, claimId: number) {
	assertDebtor(actor);
	const claim = debtorClaim(db, actor, claimId);
	const d = latestRequest(db, disputes, claim.id);
	if (!d) return null;
	return {
		id: d.id,
		reason: d.reason,
		status: d.status,
		answerDueDate: d.answerDueDate,
		thread: threadOf(db, d)
	};
}

/** Disputes on a page of the operators' queue: each carries its whole thread. */
export const DISPUTES_PAGE_SIZE = 20;

/**
 * The operators' queue, a page at a time: open disputes (by answer deadline), then decided ones
 * where the debtor's reply is the last word (oldest first); each with its thread.
 */
export function disputesForOps(db: DB, actor: Actor, input: { page?: number } = {}) {
	assertAgencyStaff(actor);
	const lastIsDebtor = sql`(SELECT author FROM dispute_messages m WHERE m.dispute_id = ${disputes.id} ORDER BY m.id DESC LIMIT 1) = 'debtor'`;
	const where = sql`${disputes.status} = 'open' OR ${lastIsDebtor}`;
	const total = db.select({ n: count() }).from(disputes).where(where).get()?.n ?? 0;
	return paged(input.page, DISPUTES_PAGE_SIZE, total, (w) => {
		const page = disputesForQueue(db, where, w);
		// an open dispute may be answered by correcting the amount: what is outstanding per component
		const outstanding = outstandingOf(
			db,
			page.filter(({ d }) => d.status === 'open').map(({ d }) => d.claimId)
		);
		return page.map(({ d, summary }) => {
			const thread = threadOf(db, d);
			return {
				...summary,
				status: d.status,
				awaitingReply: thread[thread.length - 1].kind === 'debtor',
				outstanding: outstanding.get(d.claimId) ?? null,
				thread
			};
		});
	});
}

/**
 * Disputes for an operators' list, by answer deadline, each with what every list shows of it: its
 * claim's reference, the debtor's name ('' once anonymised), the creditor, the claim's balance,
 * the reason, the deadline.
 */
export function disputesForQueue(
	db: DB,
	where: SQL,
	window: PageWindow = { limit: -1, offset: 0 }
) {
	return db
		.select({
			d: disputes,
			reference: claims.reference,
			balanceMinor: claims.balanceMinor,
			currency: claims.currency,
			creditor: creditors.name,
			debtor: sql<string>`CASE WHEN ${debtors.anonymizedAt} IS NULL THEN ${debtors.name} ELSE '' END`
		})
		.from(disputes)
		.innerJoin(claims, eq(claims.id, disputes.claimId))
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.innerJoin(debtors, eq(debtors.id, disputes.debtorId))
		.where(where)
		.orderBy(asc(disputes.answerDueDate), asc(disputes.id))
		.limit(window.limit)
		.offset(window.offset)
		.all()
		.map(({ d, reference, balanceMinor, currency, creditor, debtor }) => ({
			d,
			summary: {
				id: d.id,
				claimId: d.claimId,
				debtorId: d.debtorId,
				reference,
				debtor,
				creditor,
				balanceMinor,
				currency,
				reason: d.reason,
				answerDueDate: d.answerDueDate,
				createdAt: d.createdAt
			}
		}));
}
