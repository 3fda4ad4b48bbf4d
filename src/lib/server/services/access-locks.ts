/**
 * How guessing is kept in check when a debtor signs in by answering a question (access.ts, and the
 * sign-in by claim reference): wrong answers lock the thing guessed at, for longer each time, until
 * the last lock closes it; wrong answers from one IP lock the IP.
 */
import type { AuditAction } from '$lib/domain/audit-actions';
import type { DB } from '../db/client';
import { pseudonym, recordFailure, RULES } from '../auth/throttle';
import { audit } from './audit';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Wrong answers to a link before it locks. */
export const LINK_MAX_FAILURES = 5;
/**
 * How long each successive lock of one link lasts. Locks escalate as in the lockout schemes of
 * NIST SP 800-63B (5.2.2, "rate limiting") and OWASP's authentication cheat sheet (an increasing
 * lockout period), so a patient guesser gains little by waiting.
 */
export const LINK_LOCK_STEPS_MS = [30 * MINUTE, 2 * HOUR, 8 * HOUR, 24 * HOUR] as const;
/**
 * Locks one link can take: the one after the last step ends the link for good. The debtor then
 * asks for a fresh link, which is sent only to the contact on file (`requestFreshLink`), so a
 * guesser holding the old link never gets the new one.
 */
export const LINK_MAX_LOCKS = LINK_LOCK_STEPS_MS.length + 1;
/**
 * The worst case: guesses (answers checked and found wrong) against one link in its whole life,
 * whoever sends them and however they wait. Every wrong answer counts towards a lock (a right answer gives none back),
 * every 5th wrong answer locks, and the 5th lock ends the link:
 * LINK_MAX_FAILURES × LINK_MAX_LOCKS = 5 × 5 = 25 wrong answers (spent in about 34.5 hours of
 * locks, well within the 60-day life), after which not even the right answer is checked. Against
 * the weakest question, a 4-digit postal code (10,000 codes, about 3,000 in use), that is 0.25%
 * of the code space (0.8% of the codes in use); a postal code is asked only where neither a birth
 * date nor a tax number is on file. Per-IP limits (`RULES.linkIp`) come on top for every link that
 * has had a wrong answer of its own (`hasOwnFailures`).
 */
export const LINK_MAX_GUESSES = LINK_MAX_FAILURES * LINK_MAX_LOCKS;

/**
 * One more wrong answer against a guarded thing (a link, a claim reference) that had
 * `failedAttempts` since its last lock and `lockCount` locks: whether it locks now, until when,
 * and whether that lock closes it for good.
 */
export function wrongAnswerStep(
	g: { failedAttempts: number; lockCount: number },
	now: number
): {
	failures: number;
	lockNow: boolean;
	locks: number;
	closed: boolean;
	lockUntil: number | null;
} {
	const failures = g.failedAttempts + 1;
	const lockNow = failures >= LINK_MAX_FAILURES;
	const locks = g.lockCount + (lockNow ? 1 : 0);
	// the last lock has no end: the link is closed for good
	const closed = locks >= LINK_MAX_LOCKS;
	const lockUntil = lockNow && !closed ? now + LINK_LOCK_STEPS_MS[locks - 1] : null;
	return { failures, lockNow, locks, closed, lockUntil };
}

/** A wrong token or answer counts against the IP; audited as `action` when it locks the IP. */
export function ipFailure(db: DB, ip: string, ipKey: string, action: AuditAction) {
	const f = recordFailure(db, ipKey, RULES.linkIp);
	if (f.locked)
		audit(
			db,
			{ kind: 'anonymous' },
			{
				action,
				entity: 'ip',
				entityId: pseudonym(ip),
				after: { until: f.until }
			}
		);
	return f;
}
