/**
 * Debtor access through `/p/<token>`: look the link up, check the one answer, lock after 5 wrong
 * answers (per link, each further lock longer, the last one for good; and per IP, 30 minutes),
 * start a short debtor session, and send a fresh link to the contact already on file. Nothing
 * here returns anything about the debt. The lock rules (and helpers the sign-in by reference can
 * share) are in access-locks.ts.
 */
import { normalisePostalCode } from '$lib/domain/address';
import type { AuditAction } from '$lib/domain/audit-actions';
import { eq } from 'drizzle-orm';
import { systemActor, type Actor } from '$lib/domain/actor';
import type { Channel } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { accessLinks, debtors, outbox } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { writeTx } from './tx';
import { ipFailure, LINK_MAX_FAILURES, LINK_MAX_LOCKS, wrongAnswerStep } from './access-locks';
import { NotFoundError } from './errors';
import { nextContactSlot } from './outbox';
import { preferencesRow } from './preferences';
import { hashToken, sameDigest, sha256Text } from '../auth/tokens';
import { mintAccessLink, type IdentityQuestion } from '../auth/links';
import { createSession, invalidateSession, type NewSession } from '../auth/sessions';
import { lockedUntil, recordFailure, RULES, throttleKey } from '../auth/throttle';
import { logEvent } from '../log';

export {
	ipFailure,
	LINK_LOCK_STEPS_MS,
	LINK_MAX_FAILURES,
	LINK_MAX_GUESSES,
	LINK_MAX_LOCKS,
	wrongAnswerStep
} from './access-locks';

/** A token as it may appear in a path: lower-case base32 of sensible length. */
export function isWellFormedToken(token: string): boolean {
	return /^[a-z2-7]{20,64}$/.test(token);
}

export type LinkState =
	| { state: 'ok'; question: IdentityQuestion }
	/** by: whose wrong answers locked it, the link's own or those from this IP (a shared network) */
	| { state: 'locked'; until: number; by: 'link' | 'ip' }
	/** too many wrong answers: closed for good; the debtor asks for a fresh link */
	| { state: 'exhausted' }
	| { state: 'expired' }
	| { state: 'invalid' };

function findLink(db: DB, token: string) {
	if (!isWellFormedToken(token)) return undefined;
	return db
		.select()
		.from(accessLinks)
		.where(eq(accessLinks.tokenHash, hashToken(token)))
		.get();
}

/**
 * Whether the link has had a wrong answer of its own (in this round, or enough for a lock before).
 * An IP lock (5 wrong answers from one address, on any links) refuses only such links: mobile
 * carriers put many people behind one address, and a debtor whose own link has had no wrong
 * answer must not be locked out by strangers' typos (issue 19, item 10). Guessing stays bounded
 * per link: its first wrong answer makes the IP lock apply to it, and the link's own locks apply
 * whatever the address (`LINK_MAX_GUESSES`).
 */
function hasOwnFailures(link: { failedAttempts: number; lockCount: number }): boolean {
	return link.failedAttempts > 0 || link.lockCount > 0;
}

/** What the page may show for a token: the question to ask, or why it cannot be asked. */
export function linkState(db: DB, token: string, ip: string): LinkState {
	const link = findLink(db, token);
	if (!link) return { state: 'invalid' };
	const now = clock().now();
	if (link.revokedAt != null || link.expiresAt <= now) return { state: 'expired' };
	if (link.lockCount >= LINK_MAX_LOCKS) return { state: 'exhausted' };
	const ipUntil = hasOwnFailures(link) ? (lockedUntil(db, throttleKey('link-ip', ip)) ?? 0) : 0;
	const linkUntil = link.lockedUntil && link.lockedUntil > now ? link.lockedUntil : 0;
	const until = Math.max(linkUntil, ipUntil);
	if (until > now) return { state: 'locked', until, by: linkUntil ? 'link' : 'ip' };
	const debtor = db.select().from(debtors).where(eq(debtors.id, link.debtorId)).get();
	return { state: 'ok', question: debtor ? questionAsked(link.question, debtor) : link.question };
}

// ---------------------------------------------------------------------------------------------
// Answers

/** 'YYYY-MM-DD', 'YYYY.MM.DD.', 'YYYY. MM. DD.', 'YYYY/MM/DD' (one-digit month/day too) -> 'YYYY-MM-DD'. */
export function normaliseBirthDate(raw: string): string | null {
	const m = /^\s*(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?\s*$/.exec(raw);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const dt = new Date(Date.UTC(y, mo - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
		return null;
	return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Hungarian tax number with or without dashes/spaces -> 11 digits. */
export function normaliseTaxNumber(raw: string): string | null {
	const digits = raw.replace(/[\s-]/g, '');
	return /^\d{11}$/.test(digits) ? digits : null;
}

export function normaliseAnswer(question: IdentityQuestion, raw: string): string | null {
	if (raw.length > 100) return null;
	switch (question) {
		case 'birth_date':
			return normaliseBirthDate(raw);
		case 'tax_number':
			return normaliseTaxNumber(raw);
		case 'postal_code':
			return normalisePostalCode(raw);
	}
}

function expectedAnswer(question: IdentityQuestion, d: typeof debtors.$inferSelect): string | null {
	switch (question) {
		case 'birth_date':
			return d.birthDate ? normaliseBirthDate(d.birthDate) : null;
		case 'tax_number':
			return d.taxNumber ? normaliseTaxNumber(d.taxNumber) : null;
		case 'postal_code':
			return normalisePostalCode(d.postalCode);
	}
}

/**
 * The question actually asked: the link's, except that a postal code (10,000 codes, a few
 * thousand in use, often public) is never enough where a birth date or a tax number is on file
 * for the debtor. Decided when the link is answered, so links minted earlier and data completed
 * later are covered too.
 */
export function questionAsked(
	question: IdentityQuestion,
	d: Pick<typeof debtors.$inferSelect, 'birthDate' | 'taxNumber'>
): IdentityQuestion {
	if (question !== 'postal_code') return question;
	if (d.birthDate && normaliseBirthDate(d.birthDate)) return 'birth_date';
	if (d.taxNumber && normaliseTaxNumber(d.taxNumber)) return 'tax_number';
	return question;
}

const digest = sha256Text;

export type AnswerResult =
	| { ok: true; session: NewSession; debtorId: number }
	/** format: the answer could not be read (not counted as a wrong answer) */
	| { ok: false; reason: 'format'; question: IdentityQuestion }
	| { ok: false; reason: 'wrong'; remaining: number; question: IdentityQuestion }
	| { ok: false; reason: 'locked'; until: number; by: 'link' | 'ip' }
	| { ok: false; reason: 'exhausted' | 'expired' | 'invalid' };

export interface AnswerInput {
	token: string;
	answer: string;
	ip: string;
	/** the session the browser had before; a new session replaces it */
	previousSessionId?: string | null;
}

/**
 * Checks the answer. The 5th wrong answer locks the link, for longer each time
 * (`LINK_LOCK_STEPS_MS`), and the last lock ends it (`LINK_MAX_GUESSES` in all); 5 wrong answers
 * from one IP lock the IP for 30 minutes. While locked, even the right answer is refused.
 */
export function answerLink(db: DB, input: AnswerInput): AnswerResult {
	const anon: Actor = { kind: 'anonymous' };
	const ipKey = throttleKey('link-ip', input.ip);
	const ipFailed = () => ipFailure(db, input.ip, ipKey, 'access_link.ip_locked');
	return writeTx(db, () => {
		const link = findLink(db, input.token);
		const now = clock().now();
		if (!link) {
			// guessing tokens counts against the IP too
			ipFailed();
			return { ok: false as const, reason: 'invalid' as const };
		}
		if (link.revokedAt != null || link.expiresAt <= now)
			return { ok: false as const, reason: 'expired' as const };
		const refusedLocked = () =>
			audit(db, anon, {
				action: 'access_link.refused_locked',
				entity: 'access_link',
				entityId: link.id
			});
		if (link.lockCount >= LINK_MAX_LOCKS) {
			refusedLocked();
			return { ok: false as const, reason: 'exhausted' as const };
		}
		const ipUntil = hasOwnFailures(link) ? lockedUntil(db, ipKey) : null;
		const linkUntil = link.lockedUntil && link.lockedUntil > now ? link.lockedUntil : null;
		if (linkUntil || ipUntil) {
			refusedLocked();
			return {
				ok: false as const,
				reason: 'locked' as const,
				until: Math.max(linkUntil ?? 0, ipUntil ?? 0),
				by: linkUntil ? ('link' as const) : ('ip' as const)
			};
		}
		const debtor = db.select().from(debtors).where(eq(debtors.id, link.debtorId)).get();
		const question = debtor ? questionAsked(link.question, debtor) : link.question;
		const given = normaliseAnswer(question, input.answer);
		if (given == null) return { ok: false as const, reason: 'format' as const, question };

		const expected =
			debtor && debtor.anonymizedAt == null ? expectedAnswer(question, debtor) : null;
		const right = expected != null && sameDigest(digest(given), digest(expected));

		if (!right) {
			const { failures, lockNow, locks, closed, lockUntil } = wrongAnswerStep(link, now);
			db.update(accessLinks)
				.set({
					failedAttempts: lockNow ? 0 : failures,
					lockCount: locks,
					lockedUntil: lockNow ? lockUntil : link.lockedUntil
				})
				.where(eq(accessLinks.id, link.id))
				.run();
			audit(db, anon, {
				action: 'access_link.answer_failed',
				entity: 'access_link',
				entityId: link.id,
				after: { failures }
			});
			if (lockNow) {
				audit(db, anon, {
					action: closed ? 'access_link.closed' : 'access_link.locked',
					entity: 'access_link',
					entityId: link.id,
					after: { until: lockUntil, locks }
				});
			}
			const ipf = ipFailed();
			logEvent('info', 'link_answer_failed', { linkId: link.id, locked: lockNow || ipf.locked });
			if (closed) return { ok: false as const, reason: 'exhausted' as const };
			// the IP may have been locked already (a clean link is answered through such a lock):
			// from now on the lock applies to this link too, and the page says so
			if (lockNow || ipf.until != null) {
				return {
					ok: false as const,
					reason: 'locked' as const,
					until: Math.max(lockUntil ?? 0, ipf.until ?? 0),
					by: lockNow ? ('link' as const) : ('ip' as const)
				};
			}
			// the tries left are the fewer of the link's and this IP's (a shared network counts too)
			const remaining = Math.min(LINK_MAX_FAILURES - failures, RULES.linkIp.limit - ipf.count);
			return { ok: false as const, reason: 'wrong' as const, remaining, question };
		}

		// a right answer gives no wrong answers back: that keeps LINK_MAX_GUESSES a bound even when
		// the debtor and a guesser use the same link in turns
		db.update(accessLinks).set({ lastUsedAt: now }).where(eq(accessLinks.id, link.id)).run();
		if (input.previousSessionId) invalidateSession(db, input.previousSessionId);
		const session = createSession(db, { kind: 'debtor', debtorId: link.debtorId });
		audit(
			db,
			{ kind: 'debtor', debtorId: link.debtorId },
			{ action: 'access_link.verified', entity: 'access_link', entityId: link.id }
		);
		return { ok: true as const, session, debtorId: link.debtorId };
	});
}

// ---------------------------------------------------------------------------------------------
// A fresh link, only to the contact on file

/**
 * Queues a fresh link (outbox template 'access_link') to the debtor's own e-mail,
 * else phone, else postal address. The debtor asked for it, so it is scheduled at once. Answers the
 * same way whatever happens (unknown token, throttled, sent), so it reveals nothing. Returns
 * whether a message was queued, for tests and the audit trail only.
 */
export function requestFreshLink(db: DB, token: string, ip: string): boolean {
	const ipKey = throttleKey('resend-ip', ip);
	return writeTx(db, () => {
		if (lockedUntil(db, ipKey)) return false;
		recordFailure(db, ipKey, RULES.resendIp);
		const link = findLink(db, token);
		if (!link) return false;
		const linkKey = `resend-link:${link.id}`;
		if (lockedUntil(db, linkKey)) return false;
		recordFailure(db, linkKey, RULES.resendLink);
		const debtor = db.select().from(debtors).where(eq(debtors.id, link.debtorId)).get();
		if (!debtor || debtor.anonymizedAt != null) return false;
		// the debtor's own opt-outs hold here too (C8); a letter goes to the address on file
		const pref = preferencesRow(db, debtor.id);
		const channel =
			debtor.email && !pref?.optOutEmail
				? 'email'
				: debtor.phone && !pref?.optOutSms
					? 'sms'
					: 'letter';
		const id = queueAccessLink(db, systemActor('access-resend'), {
			debtorId: debtor.id,
			channel,
			reason: 'resend',
			question: link.question,
			at: 'once',
			audit: { action: 'access_link.resend_queued', entity: 'access_link', entityId: link.id }
		});
		return id != null;
	});
}

/**
 * Queues a fresh link to a debtor (outbox template 'access_link') and audits it as `audit.action`
 * on what the request came through (the old link, or the debtor a claim reference names). No
 * token in the queue: tokens are stored only as hashes, so the sender mints the link at the
 * moment it sends (mintLinkForOutbox). The row holds no address and nothing about the debt (C3).
 * `at`: 'once' when the debtor asked for it; 'contact-window' when someone else may have (C1).
 * `claimId`: the claim the request named (a reference): the message is then one about that claim,
 * under its contact rules (the dispatcher counts it against C2 and records it, and C7 holds it).
 * Both doors together send a debtor at most one link an hour and three a day (`RULES.linkDebtor*`),
 * however many claims, links or addresses ask: each link sent is another valid way in.
 * Returns the outbox row's id, or null when the same message is queued already or the debtor had
 * the links allowed.
 */
export function queueAccessLink(
	db: DB,
	actor: Actor,
	input: {
		debtorId: number;
		claimId?: number;
		channel: Channel;
		reason: 'resend' | 'reference';
		question: IdentityQuestion;
		at: 'once' | 'contact-window';
		audit: { action: AuditAction; entity: 'access_link' | 'debtor'; entityId: number };
	}
): number | null {
	const now = clock().now();
	const { channel, audit: on } = input;
	const caps = [
		[`link-debtor-hour:${input.debtorId}`, RULES.linkDebtorHour],
		[`link-debtor-day:${input.debtorId}`, RULES.linkDebtorDay]
	] as const;
	if (caps.some(([key]) => lockedUntil(db, key))) return null;
	const row = db
		.insert(outbox)
		.values({
			debtorId: input.debtorId,
			claimId: input.claimId ?? null,
			channel,
			template: 'access_link',
			paramsJson: JSON.stringify({ reason: input.reason, question: input.question }),
			dedupeKey: `access_link:${input.reason}:${on.entityId}:${now}`,
			scheduledAt: input.at === 'once' ? now : nextContactSlot(now),
			createdAt: now
		})
		.onConflictDoNothing({ target: outbox.dedupeKey })
		.returning({ id: outbox.id })
		.get();
	if (!row) return null;
	for (const [key, rule] of caps) recordFailure(db, key, rule);
	audit(db, actor, { ...on, after: { outboxId: row.id, channel } });
	return row.id;
}

/**
 * For the sender of a queued 'access_link' message: mints the link it is about to send and returns
 * its path. Called at send time so the plain token only ever exists in the message itself.
 */
export function mintLinkForOutbox(db: DB, outboxId: number): { path: string } {
	return writeTx(db, () => {
		const row = db.select().from(outbox).where(eq(outbox.id, outboxId)).get();
		if (!row || row.template !== 'access_link' || row.status !== 'queued')
			throw new NotFoundError('outbox message');
		const params = JSON.parse(row.paramsJson) as { question?: IdentityQuestion };
		const fresh = mintAccessLink(db, systemActor('outbox-sender'), row.debtorId, {
			question: params.question
		});
		return { path: fresh.path };
	});
}
