/**
 * Printed letters (issue 17, item 1), making today's print batch: the dispatcher queues letter
 * messages (channel 'letter', status 'queued') and never sends them; an operator makes the batch
 * here. At that moment each due letter is checked again (C7: the claim still unpaid and not on
 * hold; C8: letters not stopped; the postal address not known to be wrong): one that fails is
 * cancelled with the reason, one that passes is written — a fresh portal link minted for it, its
 * text rendered and stored with its SHA-256, the amount, deadline and payment QR fixed
 * (letter_contents) — and joins the batch; that check and the writing of one letter are in
 * `letter-content.ts`. What becomes of a batch and its letters (lists, the PDF and manifest, handed
 * over, returned) is in `letters.ts`.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { actorId, systemActor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { hideLinkTokens, keptText } from '$lib/domain/kept-text';
import type { CollectionAccount } from '$lib/domain/payment-qr';
import type { DB } from '../db/client';
import { claims, letterBatches, letterContents, messages, staffUsers } from '../db/schema';
import { clock } from '../clock';
import { collectionAccount } from '../collection-account';
import { errorName } from '../log';
import { assertAgencyStaff } from './actor';
import { audit, updateAudited } from './audit';
import { ConflictError } from './errors';
import { refusal, writeLetter } from './letter-content';
import { writeTx } from './tx';

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
			while (writeTx(db, () => fillChunk(db, actor, b, account))) opts.afterChunk?.();
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

/**
 * One chunk into batch `b`; true while more due letters may remain. The batch is the day it was
 * asked for: its letters bear that day, and a letter queued after the request waits for the next
 * batch (a batch made across midnight would otherwise mix two days). Whether a letter may still go
 * out is asked as of now.
 */
function fillChunk(db: DB, actor: Actor, b: BatchRow, account: CollectionAccount): boolean {
	// another process's worker may have finished it meanwhile: only a batch still 'making' is filled
	const state = db
		.select({ state: letterBatches.state })
		.from(letterBatches)
		.where(eq(letterBatches.id, b.id))
		.get()?.state;
	if (state !== 'making') return false;
	const batchId = b.id;
	const origin = b.origin ?? '';
	const now = clock().now();
	const today = localDate(now);
	const due = db
		.select()
		.from(messages)
		.where(dueLetters(b.createdAt))
		.orderBy(asc(messages.id))
		.limit(LETTERS_PER_CHUNK)
		.all();
	let letters = 0;
	let cancelled = 0;
	const cancel = (m: typeof messages.$inferSelect, reason: string) => {
		updateAudited(db, actor, messages, m.id, {
			set: { status: 'cancelled', statusReason: reason, settledAt: now, updatedAt: now },
			audit: {
				action: 'message.cancelled',
				entity: 'message',
				before: { status: m.status },
				after: { status: 'cancelled', reason }
			}
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
		const why = refusal(db, claim, m, today);
		if (why) {
			cancel(m, why);
			continue;
		}
		const w = writeLetter(db, actor, m, claim, b.day, origin, account);
		if (!w) {
			cancel(m, 'no_template');
			continue;
		}
		// the text is kept without the link's token; letter_contents holds the link until the batch
		// is handed over (letters.ts), since the print house's PDF is made from it
		const { portalUrl } = w.contents;
		const secrets = [[portalUrl, hideLinkTokens(portalUrl)]] as const;
		db.update(messages)
			.set({
				letterBatchId: batchId,
				subject: keptText(w.subject, secrets),
				body: keptText(w.body, secrets),
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
