/**
 * A way in without the link (issue 19, item 7): the claim reference printed on a letter plus the
 * identity answer (birth date, or tax number for a company), under the same lockouts as a link:
 * 5 wrong answers lock the reference for 30 minutes, then 2 h, 8 h, 24 h, and the fifth lock ends
 * signing in with it for good (`LINK_LOCK_STEPS_MS`, `LINK_MAX_LOCKS`); and 5 wrong answers from one
 * IP lock the IP for 30 minutes. A reference is not a secret (it is printed, and sequential), so
 * the IP lock holds here for everyone, unlike a link's (see access.ts). And since an answer is not
 * much of a secret either (family, an employer, another creditor know a birth date), 10 wrong tries
 * of one answer in a day, with whatever references and from wherever, lock that answer for a day
 * (`RULES.referenceAnswer`): walking the references with one person's birth date takes months, not
 * hours. The person's own link, and asking for one, still work meanwhile.
 *
 * Nothing is revealed: an unknown reference is counted and answered exactly like a known one with
 * a wrong answer. A postal code is never enough here (it is printed on the same letter).
 *
 * "Send me a link" queues a fresh link to an e-mail address or phone number already on file
 * (never to an address typed here, and never a letter: anyone may ask, and postage is not theirs
 * to spend), at most once an hour per reference, and at most one link an hour and three a day per
 * debtor (access.ts `queueAccessLink`); scheduled into the contact window and counted against the
 * named claim's contact limits (someone other than the debtor may have asked, so it is no
 * debtor-requested contact: C1, C2, C7 apply as to any message about the claim); and answers the
 * same whatever happened.
 */
import { eq } from 'drizzle-orm';
import { systemActor, type Actor, type IdentityQuestion } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { claims, debtors, referenceGuards } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { writeTx } from './tx';
import { preferencesRow } from './preferences';
import { sameDigest, sha256Text } from '../auth/tokens';
import { createSession, invalidateSession, type NewSession } from '../auth/sessions';
import { lockedUntil, pseudonym, recordFailure, RULES, throttleKey } from '../auth/throttle';
import {
	ipFailure,
	LINK_MAX_FAILURES,
	LINK_MAX_LOCKS,
	normaliseBirthDate,
	normaliseTaxNumber,
	queueAccessLink,
	wrongAnswerStep
} from './access';
import { logEvent } from '../log';

/** A reference as typed, spaces dropped and letters upper-cased ('db-2026-0000042 ' -> 'DB-2026-0000042'). */
export function normaliseReference(raw: string): string | null {
	const r = raw.replace(/\s+/g, '').toUpperCase();
	return /^[A-Z0-9][A-Z0-9./_-]{2,39}$/.test(r) ? r : null;
}

export type ReferenceSignInResult =
	| { ok: true; session: NewSession; debtorId: number }
	/** format: the reference or the answer could not be read (not counted) */
	| { ok: false; reason: 'format'; field: 'reference' | 'answer' }
	/** wrong: the reference and the answer do not belong together (or the reference is unknown) */
	| { ok: false; reason: 'wrong'; remaining: number }
	| { ok: false; reason: 'locked'; until: number }
	/** signing in with this reference has ended; the debtor asks for a link or calls */
	| { ok: false; reason: 'closed' };

export interface ReferenceSignInInput {
	reference: string;
	answer: string;
	ip: string;
	previousSessionId?: string | null;
}

type Given = { question: IdentityQuestion; value: string };

/** A birth date or an 11-digit tax number; anything else cannot be read. */
function readAnswer(raw: string): Given | null {
	if (raw.length > 100) return null;
	const date = normaliseBirthDate(raw);
	if (date) return { question: 'birth_date', value: date };
	const tax = normaliseTaxNumber(raw);
	if (tax) return { question: 'tax_number', value: tax };
	return null;
}

function matches(d: typeof debtors.$inferSelect, given: Given): boolean {
	if (d.anonymizedAt != null) return false;
	const stored =
		given.question === 'birth_date'
			? d.birthDate && normaliseBirthDate(d.birthDate)
			: d.taxNumber && normaliseTaxNumber(d.taxNumber);
	return !!stored && sameDigest(sha256Text(given.value), sha256Text(stored));
}

/**
 * The debtors a reference names, each with the creditor of its claim (references are unique per
 * creditor, so possibly several).
 */
function debtorsOf(db: DB, reference: string) {
	return db
		.select({ d: debtors, creditorId: claims.creditorId, claimId: claims.id })
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.where(eq(claims.reference, reference))
		.all();
}

const refKey = (reference: string) => pseudonym(`ref|${reference}`);

export function signInWithReference(db: DB, input: ReferenceSignInInput): ReferenceSignInResult {
	const reference = normaliseReference(input.reference);
	if (!reference) return { ok: false, reason: 'format', field: 'reference' };
	const given = readAnswer(input.answer);
	if (!given) return { ok: false, reason: 'format', field: 'answer' };
	const anon: Actor = { kind: 'anonymous' };
	const ipKey = throttleKey('ref-ip', input.ip);
	const answerKey = throttleKey('ref-answer', `${given.question}|${given.value}`);
	const key = refKey(reference);
	return writeTx(db, () => {
		const now = clock().now();
		const guard = db.select().from(referenceGuards).where(eq(referenceGuards.refKey, key)).get();
		if (guard && guard.lockCount >= LINK_MAX_LOCKS) return { ok: false, reason: 'closed' };
		const refUntil = guard?.lockedUntil && guard.lockedUntil > now ? guard.lockedUntil : 0;
		const ipUntil = lockedUntil(db, ipKey) ?? 0;
		const answerUntil = lockedUntil(db, answerKey) ?? 0;
		if (refUntil || ipUntil || answerUntil) {
			audit(db, anon, {
				action: 'reference_signin.refused_locked',
				entity: 'reference',
				entityId: key
			});
			return { ok: false, reason: 'locked', until: Math.max(refUntil, ipUntil, answerUntil) };
		}
		const named = debtorsOf(db, reference).find((r) => matches(r.d, given));
		const debtor = named?.d;
		if (!named || !debtor) {
			const { failures, lockNow, locks, closed, lockUntil } = wrongAnswerStep(
				guard ?? { failedAttempts: 0, lockCount: 0 },
				now
			);
			const row = {
				failedAttempts: lockNow ? 0 : failures,
				lockCount: locks,
				lockedUntil: lockNow ? lockUntil : (guard?.lockedUntil ?? null),
				updatedAt: now
			};
			db.insert(referenceGuards)
				.values({ refKey: key, ...row })
				.onConflictDoUpdate({ target: referenceGuards.refKey, set: row })
				.run();
			audit(db, anon, {
				action: lockNow
					? closed
						? 'reference_signin.closed'
						: 'reference_signin.locked'
					: 'reference_signin.failed',
				entity: 'reference',
				entityId: key,
				after: { failures, locks, until: lockUntil }
			});
			const ipf = ipFailure(db, input.ip, ipKey, 'reference_signin.ip_locked');
			const af = recordFailure(db, answerKey, RULES.referenceAnswer);
			if (af.locked)
				audit(db, anon, {
					action: 'reference_signin.answer_locked',
					entity: 'reference',
					entityId: answerKey,
					after: { until: af.until }
				});
			const locked = lockNow || ipf.locked || af.locked;
			logEvent('info', 'reference_signin_failed', { locked });
			if (closed) return { ok: false, reason: 'closed' };
			if (locked)
				return {
					ok: false,
					reason: 'locked',
					until: Math.max(lockUntil ?? 0, ipf.until ?? 0, af.until ?? 0)
				};
			const remaining = Math.min(
				LINK_MAX_FAILURES - failures,
				RULES.linkIp.limit - ipf.count,
				RULES.referenceAnswer.limit - af.count
			);
			return { ok: false, reason: 'wrong', remaining };
		}
		if (input.previousSessionId) invalidateSession(db, input.previousSessionId);
		// the reference and the answer are both known to the claim's creditor: the session sees
		// only that creditor's claims, and not the debtor's contact details (sessions.onlyCreditorId)
		const session = createSession(db, {
			kind: 'debtor',
			debtorId: debtor.id,
			onlyCreditorId: named.creditorId
		});
		audit(
			db,
			{ kind: 'debtor', debtorId: debtor.id },
			{ action: 'reference_signin.verified', entity: 'reference', entityId: key }
		);
		return { ok: true, session, debtorId: debtor.id };
	});
}

/**
 * Queues a fresh link (outbox 'access_link', minted at send time) to every debtor the reference
 * names, once each, by e-mail, else SMS, as their opt-outs and bounces allow (C8); nothing to a
 * debtor with neither. Answers nothing: the page says the same whatever happened. Returns how
 * many were queued, for tests only.
 */
export function sendLinkForReference(db: DB, rawReference: string, ip: string): number {
	const reference = normaliseReference(rawReference);
	const ipKey = throttleKey('resend-ip', ip);
	return writeTx(db, () => {
		if (lockedUntil(db, ipKey)) return 0;
		recordFailure(db, ipKey, RULES.resendIp);
		if (!reference) return 0;
		const perRef = `resend-ref:${refKey(reference)}`;
		if (lockedUntil(db, perRef)) return 0;
		recordFailure(db, perRef, RULES.resendLink);
		const actor = systemActor('access-resend');
		const named = new Map(debtorsOf(db, reference).map((r) => [r.d.id, r] as const));
		let queued = 0;
		for (const { d: debtor, claimId } of named.values()) {
			if (debtor.anonymizedAt != null) continue;
			const pref = preferencesRow(db, debtor.id);
			const channel =
				debtor.email && !pref?.optOutEmail && !pref?.emailInvalid
					? 'email'
					: debtor.phone && !pref?.optOutSms && !pref?.phoneInvalid
						? 'sms'
						: null;
			if (!channel) continue;
			const question: IdentityQuestion = debtor.birthDate
				? 'birth_date'
				: debtor.taxNumber
					? 'tax_number'
					: 'postal_code';
			const id = queueAccessLink(db, actor, {
				debtorId: debtor.id,
				claimId,
				channel,
				reason: 'reference',
				question,
				// someone other than the debtor may have asked: within the contact window (C1)
				at: 'contact-window',
				audit: { action: 'access_link.reference_queued', entity: 'debtor', entityId: debtor.id }
			});
			if (id != null) queued++;
		}
		return queued;
	});
}
