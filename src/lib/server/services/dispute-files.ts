/**
 * The documents of a dispute (disputes.ts): what the debtor sends is a PDF, JPEG or PNG by its
 * first bytes (not its name), at most 5 MB, stored once; operators fetch them back.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { attachments, disputeMessages, disputes } from '../db/schema';
import { assertAgencyStaff } from './actor';
import { NotFoundError, ValidationError } from './errors';

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export type Mime = 'application/pdf' | 'image/jpeg' | 'image/png';

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

export type Errors = ConstructorParameters<typeof ValidationError>[0];

/** A document the debtor sends: PDF, JPEG or PNG by its first bytes, at most 5 MB. */
export function checkFile(input: Uint8Array | null | undefined, errors: Errors) {
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

export function storeAttachment(db: DB, file: Uint8Array | null, mime: Mime | null, now: number) {
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
