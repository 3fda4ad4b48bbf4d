/**
 * Printed letters (issue 17, item 1): the print batches and what becomes of their letters. A batch
 * is made in `letter-writing.ts`; here it is listed, downloaded as one PDF of all letters and a CSV
 * manifest for the print house, and confirmed as handed over, which sends its letters: a contact
 * event each, and the engine's planned action done. A letter the post brings back marks it
 * bounced and the postal address invalid. The debtor downloads their copy of a sent letter.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { actorId } from '$lib/domain/actor';
import { csvLine, BOM } from '$lib/domain/csv';
import { hideLinkTokens, withLink } from '$lib/domain/kept-text';
import { translate } from '$lib/i18n';
import type { DB } from '../db/client';
import {
	claims,
	contactEvents,
	creditors,
	letterBatches,
	letterContents,
	messages,
	plannedActions
} from '../db/schema';
import { clock } from '../clock';
import { lettersPdf, type LetterContent } from '../letters';
import type { PdfFile } from '../pdf';
import { assertAgencyStaff, assertLinkSession } from './actor';
import { audit } from './audit';
import { applyDeliveryReport } from './deliveries';
import { ConflictError, NotFoundError } from './errors';
import { dueLetters } from './letter-writing';
import { writeTx } from './tx';

// ------------------------------------------------------------------------------------------------
// Lists for /ops/letters

export interface BatchView {
	id: number;
	day: string;
	state: 'making' | 'open' | 'handed_over';
	letterCount: number;
	/** due letters the re-check cancelled */
	cancelledCount: number;
	createdAt: number;
	createdBy: string | null;
	handedOverAt: number | null;
	handedOverBy: string | null;
}

const BATCH_SELECT = `
	SELECT b.id, b.day, b.state, b.letter_count AS letterCount, b.cancelled_count AS cancelledCount,
	       b.created_at AS createdAt,
	       cu.name AS createdBy, b.handed_over_at AS handedOverAt, hu.name AS handedOverBy
	  FROM letter_batches b
	  LEFT JOIN staff_users cu ON cu.id = b.created_by
	  LEFT JOIN staff_users hu ON hu.id = b.handed_over_by`;

/** The batches, newest first (at most `limit`). */
export function listBatches(db: DB, actor: Actor, limit = 30): BatchView[] {
	assertAgencyStaff(actor);
	return db.$client.prepare(`${BATCH_SELECT} ORDER BY b.id DESC LIMIT ?`).all(limit) as BatchView[];
}

/** Queued letters due now, not yet in a batch (what "make today's batch" would take). */
export function dueLetterCount(db: DB, actor: Actor): number {
	assertAgencyStaff(actor);
	const row = db
		.select({ n: sql<number>`count(*)` })
		.from(messages)
		.where(dueLetters(clock().now()))
		.get();
	return row?.n ?? 0;
}

export interface BatchLetter {
	messageId: number;
	status: string;
	reference: string;
	name: string;
	postalCode: string;
	city: string;
	address: string;
	templateKey: string;
}

/** A batch to print or hand over: not one the jobs worker is still writing. */
function batchRow(db: DB, batchId: number) {
	const b = db.select().from(letterBatches).where(eq(letterBatches.id, batchId)).get();
	if (!b) throw new NotFoundError('letter batch');
	if (b.state === 'making') throw new ConflictError('ops.letters.error.making');
	return b;
}

/** The address as printed (`toAddress`): name / street / postal code and city. */
function recipientOf(toAddress: string | null) {
	const [name = '', address = '', place = ''] = (toAddress ?? '').split('\n');
	const cut = place.indexOf(' ');
	return {
		name,
		address,
		postalCode: cut < 0 ? place : place.slice(0, cut),
		city: cut < 0 ? '' : place.slice(cut + 1)
	};
}

function lettersOf(db: DB, batchId: number): BatchLetter[] {
	return db
		.select({
			messageId: messages.id,
			status: messages.status,
			reference: claims.reference,
			toAddress: messages.toAddress,
			templateKey: messages.templateKey
		})
		.from(messages)
		.innerJoin(claims, eq(claims.id, messages.claimId))
		.where(eq(messages.letterBatchId, batchId))
		.orderBy(asc(messages.id))
		.all()
		.map(({ toAddress, ...r }) => ({ ...r, ...recipientOf(toAddress) }));
}

/** One batch with its letters. */
export function batchDetail(db: DB, actor: Actor, batchId: number) {
	assertAgencyStaff(actor);
	const b = db.$client.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(batchId) as
		BatchView | undefined;
	if (!b) throw new NotFoundError('letter batch');
	return { batch: b, letters: lettersOf(db, batchId) };
}

// ------------------------------------------------------------------------------------------------
// The PDF and the manifest

function contentOf(db: DB, messageId: number): LetterContent {
	const r = db
		.select({ m: messages, lc: letterContents, claim: claims, creditorName: creditors.name })
		.from(messages)
		.innerJoin(letterContents, eq(letterContents.messageId, messages.id))
		.innerJoin(claims, eq(claims.id, messages.claimId))
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.where(eq(messages.id, messageId))
		.get();
	if (!r || r.m.body == null) throw new NotFoundError('letter');
	return {
		lang: r.m.lang,
		date: r.lc.letterDate,
		recipient: recipientOf(r.m.toAddress),
		reference: r.claim.reference,
		creditorName: r.creditorName,
		// the printed text: the link put back while the batch is not yet handed over
		subject: withLink(r.m.subject ?? '', r.lc.portalUrl),
		body: withLink(r.m.body, r.lc.portalUrl),
		portalUrl: r.lc.portalUrl,
		// a letter that asks for no payment was written with no payment QR
		payment: !r.lc.qrPayload
			? null
			: {
					currency: r.lc.currency,
					amountMinor: r.lc.amountMinor,
					accountName: r.lc.accountName,
					iban: r.lc.iban,
					bic: r.lc.bic,
					qrPayload: r.lc.qrPayload
				}
	};
}

async function batchLetters(db: DB, batchId: number) {
	const letters = lettersOf(db, batchId);
	const contents = letters.map((l) => contentOf(db, l.messageId));
	const title = `${translate('hu', 'letters.pdf.batchTitle')} #${batchId}`;
	const pdf = await lettersPdf(title, contents);
	return { letters, pdf };
}

/** Every letter of the batch in one PDF, each from a new page. */
export async function batchPdf(db: DB, actor: Actor, batchId: number): Promise<PdfFile> {
	assertAgencyStaff(actor);
	const b = batchRow(db, batchId);
	const { pdf } = await batchLetters(db, batchId);
	return { bytes: pdf.bytes, filename: `levelek-${b.day}-${b.id}.pdf` };
}

/** A letter as its manifest row sees it: with its batch and the pages it takes in the PDF. */
type ManifestRow = BatchLetter & { batchId: number; pages: number };

/** The manifest's columns: each one's header and what a letter's row says in it. */
const MANIFEST_COLUMNS: [header: string, cell: (r: ManifestRow) => string | number][] = [
	['batch_id', (r) => r.batchId],
	['message_id', (r) => r.messageId],
	['name', (r) => r.name],
	// the address lines as printed in the window: name / street / postal code and city
	['address_line_1', (r) => r.name],
	['address_line_2', (r) => r.address],
	['address_line_3', (r) => `${r.postalCode} ${r.city}`],
	['postal_code', (r) => r.postalCode],
	['city', (r) => r.city],
	['reference', (r) => r.reference],
	['pages', (r) => r.pages]
];

/**
 * The print house's manifest: one row per letter, in the PDF's order, with its address lines (as
 * printed in the window) and the number of pages it takes. UTF-8 with BOM, ';'-separated.
 */
export async function batchManifest(
	db: DB,
	actor: Actor,
	batchId: number
): Promise<{ text: string; filename: string }> {
	assertAgencyStaff(actor);
	const b = batchRow(db, batchId);
	const { letters, pdf } = await batchLetters(db, batchId);
	let text = BOM + csvLine(MANIFEST_COLUMNS.map(([header]) => header));
	letters.forEach((l, i) => {
		const r: ManifestRow = { ...l, batchId: b.id, pages: pdf.pages[i] };
		text += csvLine(MANIFEST_COLUMNS.map(([, cell]) => cell(r)));
	});
	return { text, filename: `levelek-${b.day}-${b.id}.csv` };
}

// ------------------------------------------------------------------------------------------------
// Handed over, returned

/**
 * The operator confirms the print house has the batch: the batch is handed over and each of its
 * letters sent (a contact event each; the engine's planned action done). Once only.
 */
export function handOverBatch(db: DB, actor: Actor, input: { batchId: number }) {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const b = batchRow(db, input.batchId);
		if (b.state === 'handed_over') throw new ConflictError('ops.letters.error.handedOver');
		const now = clock().now();
		db.update(letterBatches)
			.set({ state: 'handed_over', handedOverBy: actorId(actor), handedOverAt: now })
			.where(eq(letterBatches.id, b.id))
			.run();
		const rows = db
			.select({ m: messages, stage: claims.stage })
			.from(messages)
			.innerJoin(claims, eq(claims.id, messages.claimId))
			.where(and(eq(messages.letterBatchId, b.id), eq(messages.status, 'queued')))
			.all();
		// the print house has the letters: their links are kept no longer (the PDF is made again
		// from here on, for the debtor's copy, with the link's kept form `/p/…`)
		const links = db
			.select({ id: letterContents.messageId, url: letterContents.portalUrl })
			.from(letterContents)
			.innerJoin(messages, eq(messages.id, letterContents.messageId))
			.where(eq(messages.letterBatchId, b.id))
			.all();
		for (const l of links)
			db.update(letterContents)
				.set({ portalUrl: hideLinkTokens(l.url) })
				.where(eq(letterContents.messageId, l.id))
				.run();
		for (const { m, stage } of rows) {
			db.update(messages)
				.set({
					status: 'sent',
					sentAt: now,
					// a returned letter is reported against this id (deliveries.ts)
					providerId: `letter-${m.id}`,
					updatedAt: now
				})
				.where(eq(messages.id, m.id))
				.run();
			db.insert(contactEvents)
				.values({
					claimId: m.claimId!,
					debtorId: m.debtorId,
					channel: 'letter',
					stage,
					direction: 'outbound',
					outcome: 'sent',
					template: m.templateKey,
					occurredAt: now
				})
				.run();
			if (m.source === 'engine' && m.sourceId != null) {
				db.update(plannedActions)
					.set({ state: 'done', doneAt: now })
					.where(and(eq(plannedActions.id, m.sourceId), eq(plannedActions.state, 'planned')))
					.run();
			}
		}
		audit(db, actor, {
			action: 'letter_batch.handed_over',
			entity: 'letter_batch',
			entityId: b.id,
			before: { state: b.state },
			after: { state: 'handed_over', sent: rows.length }
		});
		return { sent: rows.length };
	});
}

/** The post brought a letter back: it bounced, and the debtor's postal address is marked invalid. */
export function markLetterReturned(db: DB, actor: Actor, input: { messageId: number }) {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const m = db
			.select()
			.from(messages)
			.where(and(eq(messages.id, input.messageId), eq(messages.channel, 'letter')))
			.get();
		if (!m) throw new NotFoundError('letter');
		if (m.status === 'bounced') throw new ConflictError('ops.letters.error.returned');
		if (m.status !== 'sent' && m.status !== 'delivered' && m.status !== 'unknown')
			throw new ConflictError('ops.letters.error.notSent');
		// a delivered letter can still come back: the report's forward-only rule keeps 'delivered',
		// but the address is marked invalid all the same
		applyDeliveryReport(db, 'letter', {
			providerId: m.providerId ?? `letter-${m.id}`,
			status: 'bounced',
			addressInvalid: true,
			detail: 'returned'
		});
		audit(db, actor, {
			action: 'letter.returned',
			entity: 'message',
			entityId: m.id,
			before: { status: m.status },
			after: { returned: true, postalInvalid: true }
		});
		return { debtorId: m.debtorId };
	});
}

// ------------------------------------------------------------------------------------------------
// The debtor's copy

/**
 * A letter sent to the debtor about their claim, as the PDF that was printed (else 404). Not to a
 * session signed in by a claim reference: the letter carries the address and the personal link,
 * which would open every creditor's claims (409).
 */
export async function debtorLetterPdf(
	db: DB,
	actor: Actor,
	input: { claimId: number; messageId: number }
): Promise<PdfFile> {
	assertLinkSession(actor);
	const m = db
		.select({ id: messages.id, status: messages.status })
		.from(messages)
		.where(
			and(
				eq(messages.id, input.messageId),
				eq(messages.channel, 'letter'),
				eq(messages.claimId, input.claimId),
				eq(messages.debtorId, actor.debtorId),
				inArray(messages.status, ['sent', 'delivered', 'bounced', 'unknown'])
			)
		)
		.get();
	if (!m) throw new NotFoundError('letter');
	const content = contentOf(db, m.id);
	const { bytes } = await lettersPdf(content.subject, [content]);
	return {
		bytes,
		filename: `level-${content.reference.replace(/[^A-Za-z0-9-]/g, '_')}-${m.id}.pdf`
	};
}
