/**
 * Printed letters (issue 17, item 1): the daily print batch and what becomes of its letters.
 *
 * The dispatcher queues letter messages (channel 'letter', status 'queued') and never sends them;
 * an operator makes today's batch here. At that moment each due letter is checked again (C7: the
 * claim still unpaid and not on hold; C8: letters not stopped; the postal address not known to be
 * wrong): one that fails is cancelled with the reason, one that passes is written — a fresh portal
 * link minted for it, its text rendered and stored with its SHA-256, the amount, deadline and
 * payment QR fixed (letter_contents) — and joins the batch. The batch downloads as one PDF of all
 * letters and a CSV manifest for the print house. When the operator confirms the batch was
 * handed over, its letters are sent: a contact event each, and the engine's planned action done.
 * A letter the post brings back marks it bounced and the postal address invalid.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { actorId } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import { csvLine, BOM } from '$lib/domain/csv';
import { formatDate } from '$lib/format';
import { stopsOn, suppressedOn, type Hold, type HoldEffect } from '$lib/domain/holds';
import { formatMoney, type Currency } from '$lib/domain/money';
import { NEXT_STEPS, render, templateFor, type Lang } from '$lib/domain/messages';
import { nextStepFor } from '$lib/domain/next-step';
import { collectionIban, paymentQrPayload, type CollectionAccount } from '$lib/domain/payment-qr';
import { translate } from '$lib/i18n';
import type { DB } from '../db/client';
import {
	claims,
	contactEvents,
	contactPreferences,
	creditors,
	debtors,
	holds,
	letterBatches,
	letterContents,
	messages,
	plannedActions,
	templateVersions
} from '../db/schema';
import { mintAccessLink } from '../auth/links';
import { clock } from '../clock';
import { collectionAccount } from '../collection-account';
import { lettersPdf, type LetterContent } from '../letters';
import type { PdfFile } from '../pdf';
import { assertAgencyStaff, assertDebtor } from './actor';
import { audit } from './audit';
import { applyDeliveryReport } from './deliveries';
import { loadClaim } from './engine-facts';
import { ConflictError, NotFoundError } from './errors';
import { versionBody } from './strategy-versions';
import { writeTx } from './tx';

/** Days a letter gives when the engine names no later step (e.g. the legal stage's notice). */
export const LETTER_DEADLINE_DAYS = 15;

export type LetterCancelReason = 'c7_paid' | 'c7_hold' | 'c8_opted_out' | 'postal_invalid';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

// ------------------------------------------------------------------------------------------------
// The C7 / C8 re-check at batch time

function holdsOf(db: DB, claimId: number): Hold[] {
	return db
		.select()
		.from(holds)
		.where(eq(holds.claimId, claimId))
		.all()
		.map((h) => ({
			kind: h.kind,
			start: h.startDate,
			end: h.endDate,
			effect: JSON.parse(h.effectJson) as HoldEffect
		}));
}

type ClaimRow = typeof claims.$inferSelect;

/** Why this letter may not go out today, or null when it may. */
function refusal(
	db: DB,
	claim: ClaimRow,
	debtorId: number,
	today: string
): LetterCancelReason | null {
	if (claim.status === 'paid' || claim.status === 'closed' || claim.balanceMinor <= 0)
		return 'c7_paid';
	if (claim.status !== 'open') return 'c7_hold'; // disputed, in a plan: held by its status
	const hs = holdsOf(db, claim.id);
	if (stopsOn(hs, today).length > 0 || suppressedOn(hs, today).has('letter')) return 'c7_hold';
	const prefs = db
		.select({ optOut: contactPreferences.optOutLetter, invalid: contactPreferences.postalInvalid })
		.from(contactPreferences)
		.where(eq(contactPreferences.debtorId, debtorId))
		.get();
	if (prefs?.optOut) return 'c8_opted_out';
	if (prefs?.invalid) return 'postal_invalid';
	return null;
}

// ------------------------------------------------------------------------------------------------
// Writing one letter

/** The deadline the letter gives and the day of the next step it names (the engine's own date). */
function deadlineOf(db: DB, claimId: number, today: string): { deadline: string; stepOn: string } {
	const loaded = loadClaim(db, claimId);
	if (loaded?.versionId != null) {
		const next = nextStepFor(loaded.facts, versionBody(db, loaded.versionId), today).next;
		if (next && next.date > today) return { deadline: addDays(next.date, -1), stepOn: next.date };
	}
	const deadline = addDays(today, LETTER_DEADLINE_DAYS);
	return { deadline, stepOn: addDays(deadline, 1) };
}

/** '2026. december 7' for "…-ig" in Hungarian (the day's dot goes before a suffix); English as is. */
function deadlineText(date: string, lang: Lang): string {
	const s = formatDate(date, lang);
	return lang === 'hu' ? s.replace(/\.$/, '') : s;
}

/** The template's current text: the newest edited version, else the built-in one (version 0). */
function letterTemplate(db: DB, key: string, lang: Lang) {
	const edited = db
		.select()
		.from(templateVersions)
		.where(
			and(
				eq(templateVersions.key, key),
				eq(templateVersions.channel, 'letter'),
				eq(templateVersions.lang, lang)
			)
		)
		.orderBy(desc(templateVersions.version))
		.limit(1)
		.get();
	if (edited) return { text: { subject: edited.subject ?? '', body: edited.body }, id: edited.id };
	const builtIn = templateFor(key, 'letter', lang);
	return builtIn ? { text: builtIn, id: null } : null;
}

interface Written {
	subject: string;
	body: string;
	toAddress: string;
	templateVersionId: number | null;
	contents: typeof letterContents.$inferInsert;
}

function writeLetter(
	db: DB,
	actor: Actor,
	m: typeof messages.$inferSelect,
	claim: ClaimRow,
	today: string,
	origin: string,
	account: CollectionAccount
): Written | null {
	const lang = m.lang;
	const tpl = letterTemplate(db, m.templateKey, lang);
	if (!tpl) return null;
	const debtor = db.select().from(debtors).where(eq(debtors.id, m.debtorId)).get()!;
	const creditor = db
		.select({ name: creditors.name })
		.from(creditors)
		.where(eq(creditors.id, claim.creditorId))
		.get()!;
	const { deadline, stepOn } = deadlineOf(db, claim.id, today);
	const link = mintAccessLink(db, actor, m.debtorId);
	const portalUrl = `${origin.replace(/\/$/, '')}${link.path}`;
	const currency = claim.currency as Currency;
	const amountMinor = claim.balanceMinor;
	const text = render(tpl.text, 'letter', {
		name: debtor.name,
		reference: claim.reference,
		creditor: creditor.name,
		amount: formatMoney(amountMinor, currency, lang),
		deadline: deadlineText(deadline, lang),
		nextStep: NEXT_STEPS[lang].legal_handover.replace('{date}', formatDate(stepOn, lang)),
		link: portalUrl
	});
	const qrPayload = paymentQrPayload(account, {
		currency,
		amountMinor,
		reference: claim.reference,
		validUntil: deadline
	});
	return {
		subject: text.subject ?? '',
		body: text.body,
		toAddress: [debtor.name, debtor.address, `${debtor.postalCode} ${debtor.city}`].join('\n'),
		templateVersionId: tpl.id,
		contents: {
			messageId: m.id,
			letterDate: today,
			portalUrl,
			currency,
			amountMinor,
			deadline,
			accountName: account.name,
			iban: collectionIban(account, currency),
			bic: account.bic,
			qrPayload
		}
	};
}

// ------------------------------------------------------------------------------------------------
// Today's batch

export interface BatchResult {
	batchId: number | null;
	letterCount: number;
	cancelled: number;
}

/**
 * Takes every queued letter due now into a new batch (after the C7/C8 re-check; the others are
 * cancelled with their reason). No due letter: no batch. `origin` is the site's address for the
 * portal links (the request's own).
 */
export function buildTodaysBatch(db: DB, actor: Actor, input: { origin: string }): BatchResult {
	assertAgencyStaff(actor);
	const account = collectionAccount();
	return writeTx(db, () => {
		const now = clock().now();
		const today = localDate(now);
		const due = db
			.select()
			.from(messages)
			.where(
				and(
					eq(messages.channel, 'letter'),
					eq(messages.status, 'queued'),
					isNull(messages.letterBatchId),
					lte(messages.scheduledAt, now)
				)
			)
			.orderBy(asc(messages.id))
			.all();
		let batchId: number | null = null;
		let letterCount = 0;
		let cancelled = 0;
		const cancel = (m: typeof messages.$inferSelect, reason: string) => {
			db.update(messages)
				.set({ status: 'cancelled', statusReason: reason, settledAt: now, updatedAt: now })
				.where(eq(messages.id, m.id))
				.run();
			audit(db, actor, {
				action: 'message.cancelled',
				entity: 'message',
				entityId: m.id,
				before: { status: m.status },
				after: { status: 'cancelled', reason }
			});
			cancelled++;
		};
		for (const m of due) {
			const claim =
				m.claimId == null
					? undefined
					: db.select().from(claims).where(eq(claims.id, m.claimId)).get();
			if (!claim || claim.debtorId !== m.debtorId) {
				cancel(m, 'no_claim');
				continue;
			}
			const why = refusal(db, claim, m.debtorId, today);
			if (why) {
				cancel(m, why);
				continue;
			}
			const w = writeLetter(db, actor, m, claim, today, input.origin, account);
			if (!w) {
				cancel(m, 'no_template');
				continue;
			}
			if (batchId === null) {
				batchId = db
					.insert(letterBatches)
					.values({ day: today, createdBy: actorId(actor), createdAt: now })
					.returning({ id: letterBatches.id })
					.get().id;
			}
			db.update(messages)
				.set({
					letterBatchId: batchId,
					subject: w.subject,
					body: w.body,
					bodyHash: sha256(w.body),
					toAddress: w.toAddress,
					templateVersionId: w.templateVersionId,
					updatedAt: now
				})
				.where(eq(messages.id, m.id))
				.run();
			db.insert(letterContents).values(w.contents).run();
			letterCount++;
		}
		if (batchId !== null) {
			db.update(letterBatches).set({ letterCount }).where(eq(letterBatches.id, batchId)).run();
			audit(db, actor, {
				action: 'letter_batch.create',
				entity: 'letter_batch',
				entityId: batchId,
				after: { day: today, letterCount, cancelled }
			});
		}
		return { batchId, letterCount, cancelled };
	});
}

// ------------------------------------------------------------------------------------------------
// Lists for /ops/letters

export interface BatchView {
	id: number;
	day: string;
	state: 'open' | 'handed_over';
	letterCount: number;
	createdAt: number;
	createdBy: string | null;
	handedOverAt: number | null;
	handedOverBy: string | null;
}

const BATCH_SELECT = `
	SELECT b.id, b.day, b.state, b.letter_count AS letterCount, b.created_at AS createdAt,
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
		.where(
			and(
				eq(messages.channel, 'letter'),
				eq(messages.status, 'queued'),
				isNull(messages.letterBatchId),
				lte(messages.scheduledAt, clock().now())
			)
		)
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

function batchRow(db: DB, batchId: number) {
	const b = db.select().from(letterBatches).where(eq(letterBatches.id, batchId)).get();
	if (!b) throw new NotFoundError('letter batch');
	return b;
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
		.map((r) => {
			// the address as printed: name / street / postal code and city
			const [name = '', address = '', place = ''] = (r.toAddress ?? '').split('\n');
			const cut = place.indexOf(' ');
			return {
				messageId: r.messageId,
				status: r.status,
				reference: r.reference,
				templateKey: r.templateKey,
				name,
				address,
				postalCode: cut < 0 ? place : place.slice(0, cut),
				city: cut < 0 ? '' : place.slice(cut + 1)
			};
		});
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
	const [name = '', address = '', place = ''] = (r.m.toAddress ?? '').split('\n');
	const cut = place.indexOf(' ');
	return {
		lang: r.m.lang,
		date: r.lc.letterDate,
		recipient: {
			name,
			address,
			postalCode: cut < 0 ? place : place.slice(0, cut),
			city: cut < 0 ? '' : place.slice(cut + 1)
		},
		reference: r.claim.reference,
		creditorName: r.creditorName,
		subject: r.m.subject ?? '',
		body: r.m.body,
		portalUrl: r.lc.portalUrl,
		payment: {
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

export const MANIFEST_HEADER = [
	'batch_id',
	'message_id',
	'name',
	'address_line_1',
	'address_line_2',
	'address_line_3',
	'postal_code',
	'city',
	'reference',
	'pages'
] as const;

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
	let text = BOM + csvLine([...MANIFEST_HEADER]);
	letters.forEach((l, i) => {
		text += csvLine([
			b.id,
			l.messageId,
			l.name,
			l.name,
			l.address,
			`${l.postalCode} ${l.city}`,
			l.postalCode,
			l.city,
			l.reference,
			pdf.pages[i]
		]);
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

/** A letter sent to the debtor about their claim, as the PDF that was printed (else 404). */
export async function debtorLetterPdf(
	db: DB,
	actor: Actor,
	input: { claimId: number; messageId: number }
): Promise<PdfFile> {
	assertDebtor(actor);
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
