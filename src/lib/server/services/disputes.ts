/**
 * Disputes (C7): the debtor says why, optionally with a document (PDF/JPEG/PNG up to 5 MB, checked
 * by its first bytes, not its name); the claim goes on hold until an operator answers (30 days).
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { attachments, claims, disputeMessages, disputes } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { writeTx } from './tx';
import { actingClaim, changeStatus, debtorClaim } from './claim-state';
import { assertAgencyStaff, assertDebtor } from './actor';
import { endHoldsOf, holdForDispute } from './holds';
import { enqueue } from './outbox';

export const DISPUTE_REASONS = [
	'not_mine',
	'already_paid',
	'wrong_amount',
	'statute_barred',
	'other'
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ANSWER_DAYS = 30;

type Mime = 'application/pdf' | 'image/jpeg' | 'image/png';

/** What the content is, by its magic bytes; null for anything else. */
export function sniffMime(b: Uint8Array): Mime | null {
	if (
		b.length >= 5 &&
		b[0] === 0x25 &&
		b[1] === 0x50 &&
		b[2] === 0x44 &&
		b[3] === 0x46 &&
		b[4] === 0x2d
	)
		return 'application/pdf';
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (b.length >= 8 && png.every((v, i) => b[i] === v)) return 'image/png';
	return null;
}

type Errors = ConstructorParameters<typeof ValidationError>[0];

/** A document the debtor sends: PDF, JPEG or PNG by its first bytes, at most 5 MB. */
function checkFile(input: Uint8Array | null | undefined, errors: Errors) {
	let mime: Mime | null = null;
	const file = input && input.length > 0 ? input : null;
	if (file) {
		if (file.length > MAX_ATTACHMENT_BYTES)
			errors.file = {
				key: 'portal.dispute.error.fileTooBig',
				params: { mb: MAX_ATTACHMENT_BYTES / (1024 * 1024) }
			};
		else if (!(mime = sniffMime(file))) errors.file = { key: 'portal.dispute.error.fileType' };
	}
	return { file, mime };
}

function storeAttachment(db: DB, file: Uint8Array | null, mime: Mime | null, now: number) {
	if (!file || !mime) return null;
	return db
		.insert(attachments)
		.values({
			mime,
			sizeBytes: file.length,
			sha256: createHash('sha256').update(file).digest('hex'),
			content: Buffer.from(file),
			createdAt: now
		})
		.returning({ id: attachments.id })
		.get().id;
}

export interface DisputeInput {
	claimId: number;
	reason: string;
	details: string;
	file?: Uint8Array | null;
}

export function openDispute(db: DB, actor: Actor, input: DisputeInput) {
	// the debtor, or staff recording a dispute raised on a call (actingClaim below checks who)
	if (actor.kind !== 'debtor') assertAgencyStaff(actor);
	const errors: ConstructorParameters<typeof ValidationError>[0] = {};
	const reason = DISPUTE_REASONS.find((r) => r === input.reason);
	const details = input.details.trim();
	if (!reason) errors.reason = { key: 'portal.dispute.error.reason' };
	if (details.length > 4000) errors.details = { key: 'portal.dispute.error.tooLong' };
	else if (reason === 'other' && details.length < 5)
		errors.details = { key: 'portal.dispute.error.explain' };
	const { file, mime } = checkFile(input.file, errors);
	if (Object.keys(errors).length) throw new ValidationError(errors);
	return writeTx(db, () => {
		const claim = actingClaim(db, actor, input.claimId);
		if (claim.status === 'paid' || claim.status === 'closed')
			throw new ConflictError('portal.dispute.error.closed');
		const already = db
			.select({ id: disputes.id })
			.from(disputes)
			.where(and(eq(disputes.claimId, claim.id), eq(disputes.status, 'open')))
			.get();
		if (already) throw new ConflictError('portal.dispute.error.alreadyOpen');
		const now = clock().now();
		const attachmentId = storeAttachment(db, file, mime, now);
		const row = db
			.insert(disputes)
			.values({
				claimId: claim.id,
				debtorId: claim.debtorId,
				reason: reason!,
				details,
				attachmentId,
				answerDueDate: addDays(localDate(now), ANSWER_DAYS),
				createdAt: now
			})
			.returning()
			.get();
		audit(db, actor, {
			action: 'dispute.open',
			entity: 'dispute',
			entityId: row.id,
			after: { claimId: claim.id, reason, attachmentId }
		});
		changeStatus(db, actor, claim.id, 'disputed', `dispute ${row.id}`);
		holdForDispute(db, actor, claim.id, row.id);
		return row;
	});
}

export function openDisputesForOps(db: DB, actor: Actor) {
	assertAgencyStaff(actor);
	return db
		.select({
			id: disputes.id,
			claimId: disputes.claimId,
			debtorId: disputes.debtorId,
			reference: claims.reference,
			reason: disputes.reason,
			details: disputes.details,
			attachmentId: disputes.attachmentId,
			answerDueDate: disputes.answerDueDate,
			createdAt: disputes.createdAt
		})
		.from(disputes)
		.innerJoin(claims, eq(claims.id, disputes.claimId))
		.where(eq(disputes.status, 'open'))
		.orderBy(asc(disputes.answerDueDate))
		.all();
}

/** The operator's answer: upheld closes the claim, rejected puts it back into the process. */
export function answerDispute(
	db: DB,
	actor: Actor,
	input: { disputeId: number; outcome: string; answer: string }
) {
	assertAgencyStaff(actor);
	const answer = input.answer.trim();
	const errors: ConstructorParameters<typeof ValidationError>[0] = {};
	if (input.outcome !== 'upheld' && input.outcome !== 'rejected')
		errors.outcome = { key: 'form.required' };
	if (answer.length < 5) errors.answer = { key: 'portal.dispute.error.answer' };
	if (Object.keys(errors).length) throw new ValidationError(errors);
	const outcome = input.outcome as 'upheld' | 'rejected';
	return writeTx(db, () => {
		const d = db.select().from(disputes).where(eq(disputes.id, input.disputeId)).get();
		if (!d) throw new NotFoundError('dispute');
		if (d.status !== 'open') throw new ConflictError('portal.dispute.error.answered');
		const now = clock().now();
		db.update(disputes)
			.set({
				status: outcome,
				answer,
				answeredBy: 'userId' in actor ? actor.userId : null,
				answeredAt: now
			})
			.where(eq(disputes.id, d.id))
			.run();
		audit(db, actor, {
			action: `dispute.${outcome}`,
			entity: 'dispute',
			entityId: d.id,
			before: { status: 'open' },
			after: { status: outcome }
		});
		changeStatus(
			db,
			actor,
			d.claimId,
			outcome === 'upheld' ? 'closed' : 'open',
			`dispute ${d.id} ${outcome}`
		);
		endHoldsOf(db, actor, 'dispute', d.id, outcome);
		notifyAnswered(db, d, 'answer', now);
		return { ...d, status: outcome };
	});
}

/**
 * The debtor is told through their channel that an answer is waiting (a neutral message, C3: the
 * link to the dispute page, nothing about the claim). One message per answer.
 */
function notifyAnswered(
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

/** The debtor's latest dispute on their claim, or null. */
function latestDispute(db: DB, claimId: number) {
	return (
		db
			.select()
			.from(disputes)
			.where(eq(disputes.claimId, claimId))
			.orderBy(desc(disputes.id))
			.limit(1)
			.get() ?? null
	);
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
		const d = latestDispute(db, claim.id);
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
		const d = db.select().from(disputes).where(eq(disputes.id, input.disputeId)).get();
		if (!d) throw new NotFoundError('dispute');
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
			at: d.answeredAt
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
	const d = latestDispute(db, claim.id);
	if (!d) return null;
	return {
		id: d.id,
		reason: d.reason,
		status: d.status,
		answerDueDate: d.answerDueDate,
		thread: threadOf(db, d)
	};
}

/**
 * The operators' queue: open disputes (by answer deadline), then decided ones where the debtor's
 * reply is the last word (oldest first); each with its thread.
 */
export function disputesForOps(db: DB, actor: Actor) {
	assertAgencyStaff(actor);
	const lastIsDebtor = sql`(SELECT author FROM dispute_messages m WHERE m.dispute_id = ${disputes.id} ORDER BY m.id DESC LIMIT 1) = 'debtor'`;
	const rows = db
		.select({ d: disputes, reference: claims.reference })
		.from(disputes)
		.innerJoin(claims, eq(claims.id, disputes.claimId))
		.where(sql`${disputes.status} = 'open' OR ${lastIsDebtor}`)
		.orderBy(asc(disputes.answerDueDate), asc(disputes.id))
		.all();
	return rows.map(({ d, reference }) => {
		const thread = threadOf(db, d);
		return {
			id: d.id,
			claimId: d.claimId,
			debtorId: d.debtorId,
			reference,
			reason: d.reason,
			status: d.status,
			answerDueDate: d.answerDueDate,
			createdAt: d.createdAt,
			awaitingReply: thread[thread.length - 1].kind === 'debtor',
			thread
		};
	});
}

/**
 * The attachment of a dispute (its opening) or of one of its replies, for operators; the message
 * must belong to the dispute.
 */
export function disputeAttachment(
	db: DB,
	actor: Actor,
	disputeId: number,
	messageId: number | null = null
) {
	assertAgencyStaff(actor);
	let attachmentId: number | null | undefined;
	if (messageId == null)
		attachmentId = db
			.select({ a: disputes.attachmentId })
			.from(disputes)
			.where(eq(disputes.id, disputeId))
			.get()?.a;
	else
		attachmentId = db
			.select({ a: disputeMessages.attachmentId })
			.from(disputeMessages)
			.where(and(eq(disputeMessages.id, messageId), eq(disputeMessages.disputeId, disputeId)))
			.get()?.a;
	if (!attachmentId) throw new NotFoundError('attachment');
	return db.select().from(attachments).where(eq(attachments.id, attachmentId)).get()!;
}
