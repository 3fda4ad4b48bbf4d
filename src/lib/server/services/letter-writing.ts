/**
 * Printed letters (issue 17, item 1), making today's print batch: the dispatcher queues letter
 * messages (channel 'letter', status 'queued') and never sends them; an operator makes the batch
 * here. At that moment each due letter is checked again (C7: the claim still unpaid and not on
 * hold; C8: letters not stopped; the postal address not known to be wrong): one that fails is
 * cancelled with the reason, one that passes is written — a fresh portal link minted for it, its
 * text rendered and stored with its SHA-256, the amount, deadline and payment QR fixed
 * (letter_contents) — and joins the batch. What becomes of a batch and its letters (lists, the
 * PDF and manifest, handed over, returned) is in `letters.ts`.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { actorId, systemActor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import { formatDate } from '$lib/format';
import { stopsOn, suppressedOn, type Hold, type HoldEffect } from '$lib/domain/holds';
import { formatMoney, type Currency } from '$lib/domain/money';
import { NEXT_STEPS, render, type Lang } from '$lib/domain/messages';
import { nextStepFor } from '$lib/domain/next-step';
import { collectionIban, paymentQrPayload, type CollectionAccount } from '$lib/domain/payment-qr';
import type { DB } from '../db/client';
import {
	claims,
	contactPreferences,
	creditors,
	debtors,
	holds,
	letterBatches,
	letterContents,
	messages,
	staffUsers
} from '../db/schema';
import { mintAccessLink } from '../auth/links';
import { clock } from '../clock';
import { collectionAccount } from '../collection-account';
import { errorName } from '../log';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { ConflictError } from './errors';
import { loadClaim } from './engine-facts';
import { versionBody } from './strategy-versions';
import { currentTemplate } from './templates';
import { writeTx } from './tx';

/** Days a letter gives when the engine names no later step (e.g. the legal stage's notice). */
export const LETTER_DEADLINE_DAYS = 15;

export type LetterCancelReason = 'c7_paid' | 'c7_hold' | 'c8_opted_out' | 'postal_invalid';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Queued letters due by `now`, not yet in a batch. */
export function dueLetters(now: number) {
	return and(
		eq(messages.channel, 'letter'),
		eq(messages.status, 'queued'),
		isNull(messages.letterBatchId),
		lte(messages.scheduledAt, now)
	);
}

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
	// the newest edited version, else the built-in one (version 0)
	const tpl = currentTemplate(db, m.templateKey, 'letter', lang);
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
	const text = render(tpl, 'letter', {
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
		templateVersionId: tpl.templateVersionId,
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
// Today's batch: asked for on the page, made by the jobs worker

/**
 * Due letters one transaction takes: about half a millisecond each, so the write lock is held some
 * 50 ms at a time (a day's thousands of letters in one transaction held it for seconds, and a
 * payment waiting behind it could time out).
 */
export const LETTERS_PER_CHUNK = 100;

export interface BatchRequest {
	/** the batch being made, or null when no letter is due */
	batchId: number | null;
	/** the letters due when it was asked for (some may yet be cancelled by the re-check) */
	due: number;
}

/**
 * "Make today's batch": a batch in 'making' that the jobs worker fills (`makeLetterBatches`), so
 * the request answers at once whatever the number of letters. No due letter: no batch. One batch
 * is made at a time. `origin` is the site's address for the letters' portal links (the request's
 * own), kept on the batch for the worker.
 */
export function requestTodaysBatch(db: DB, actor: Actor, input: { origin: string }): BatchRequest {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const making = db
			.select({ id: letterBatches.id })
			.from(letterBatches)
			.where(eq(letterBatches.state, 'making'))
			.get();
		if (making) throw new ConflictError('ops.letters.error.making');
		const now = clock().now();
		const due = db.select({ n: count() }).from(messages).where(dueLetters(now)).get()?.n ?? 0;
		if (due === 0) return { batchId: null, due };
		const batchId = db
			.insert(letterBatches)
			.values({
				day: localDate(now),
				state: 'making',
				origin: input.origin,
				createdBy: actorId(actor),
				createdAt: now
			})
			.returning({ id: letterBatches.id })
			.get().id;
		audit(db, actor, {
			action: 'letter_batch.request',
			entity: 'letter_batch',
			entityId: batchId,
			after: { state: 'making', due }
		});
		return { batchId, due };
	});
}

type BatchRow = typeof letterBatches.$inferSelect;

/**
 * The jobs worker's part: every batch in 'making', LETTERS_PER_CHUNK due letters a transaction,
 * each re-checked (C7/C8: the others are cancelled with their reason) and written into the batch;
 * then the batch is open for printing. A kill loses at most the chunk in flight (it rolls back
 * whole) and the next start goes on from there: a letter in the batch is no longer due, so none is
 * written twice. A batch whose every letter was cancelled stays, empty, as the record of that.
 */
export function makeLetterBatches(db: DB, opts: { afterChunk?: () => void } = {}): void {
	const making = db
		.select()
		.from(letterBatches)
		.where(eq(letterBatches.state, 'making'))
		.orderBy(asc(letterBatches.id))
		.all();
	if (making.length === 0) return;
	for (const b of making) {
		const actor = makerOf(db, b);
		try {
			const account = collectionAccount();
			while (writeTx(db, () => fillChunk(db, actor, b.id, b.origin ?? '', account)))
				opts.afterChunk?.();
		} catch (e) {
			// an error that would come back on every pass (a setting, an edited template) must not
			// leave the batch 'making' for ever, refusing every later one: it is closed with the
			// letters written so far, and the rest stay due for the next batch
			writeTx(db, () => finish(db, actor, b.id, errorName(e)));
			throw e;
		}
	}
}

/** Who asked for the batch acts in the worker; an account no longer agency staff: the system. */
function makerOf(db: DB, b: BatchRow): Actor {
	const staff =
		b.createdBy === null
			? undefined
			: db
					.select({ role: staffUsers.role, disabledAt: staffUsers.disabledAt })
					.from(staffUsers)
					.where(eq(staffUsers.id, b.createdBy))
					.get();
	const role = staff?.disabledAt == null ? staff?.role : undefined;
	return (role === 'operator' || role === 'admin') && b.createdBy !== null
		? { kind: role, userId: b.createdBy }
		: systemActor('letter_batch');
}

/** One chunk into batch `batchId`; true while more due letters may remain. */
function fillChunk(
	db: DB,
	actor: Actor,
	batchId: number,
	origin: string,
	account: CollectionAccount
): boolean {
	// another process's worker may have finished it meanwhile: only a batch still 'making' is filled
	const state = db
		.select({ state: letterBatches.state })
		.from(letterBatches)
		.where(eq(letterBatches.id, batchId))
		.get()?.state;
	if (state !== 'making') return false;
	const now = clock().now();
	const today = localDate(now);
	const due = db
		.select()
		.from(messages)
		.where(dueLetters(now))
		.orderBy(asc(messages.id))
		.limit(LETTERS_PER_CHUNK)
		.all();
	let letters = 0;
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
		const w = writeLetter(db, actor, m, claim, today, origin, account);
		if (!w) {
			cancel(m, 'no_template');
			continue;
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
		letters++;
	}
	db.update(letterBatches)
		.set({
			letterCount: sql`${letterBatches.letterCount} + ${letters}`,
			cancelledCount: sql`${letterBatches.cancelledCount} + ${cancelled}`
		})
		.where(eq(letterBatches.id, batchId))
		.run();
	if (due.length === LETTERS_PER_CHUNK) return true;
	finish(db, actor, batchId, null);
	return false;
}

/** The batch is open for printing (once: only a batch still 'making' is opened, and audited). */
function finish(db: DB, actor: Actor, batchId: number, error: string | null): void {
	const b = db
		.update(letterBatches)
		.set({ state: 'open' })
		.where(and(eq(letterBatches.id, batchId), eq(letterBatches.state, 'making')))
		.returning()
		.get();
	if (!b) return;
	audit(db, actor, {
		action: error ? 'letter_batch.failed' : 'letter_batch.create',
		entity: 'letter_batch',
		entityId: batchId,
		before: { state: 'making' },
		after: {
			state: 'open',
			day: b.day,
			letterCount: b.letterCount,
			cancelled: b.cancelledCount,
			...(error ? { error } : {})
		}
	});
}
