/**
 * Failure counters in the `throttles` table: a fixed window per key; reaching the limit locks the
 * key for a while. Keys never hold personal data in clear: e-mail addresses and IPs are hashed.
 */
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { throttles } from '../db/schema';
import { clock } from '../clock';
import { sha256Text } from './tokens';
import { clientNetwork } from '$lib/domain/public-address';

export interface ThrottleRule {
	/** failures allowed inside the window; the limit-th failure locks */
	limit: number;
	windowMs: number;
	lockMs: number;
}

const MINUTE = 60_000;

export const RULES = {
	loginAccount: { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
	loginIp: { limit: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
	totp: { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
	/** a signed-in staff member's own password, asked again before changing it or the second factor */
	passwordCheck: { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
	linkIp: { limit: 5, windowMs: 30 * MINUTE, lockMs: 30 * MINUTE },
	/**
	 * one identity answer (a birth date, a tax number) tried with references that are not its own,
	 * from anywhere: whoever knows a person's birth date cannot walk the sequential references to
	 * find their claims by changing address (10 a day covers a few typos of one's own reference)
	 */
	referenceAnswer: { limit: 10, windowMs: 24 * 60 * MINUTE, lockMs: 24 * 60 * MINUTE },
	resendIp: { limit: 5, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE },
	resendLink: { limit: 1, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE },
	/** fresh links asked for without signing in, per debtor whatever the door: one an hour ... */
	linkDebtorHour: { limit: 1, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE },
	/** ... and three a day */
	linkDebtorDay: { limit: 3, windowMs: 24 * 60 * MINUTE, lockMs: 24 * 60 * MINUTE }
} satisfies Record<string, ThrottleRule>;

/** A short, stable, non-reversible handle for an e-mail or IP inside a key or an audit row. */
export function pseudonym(value: string): string {
	return encodeHexLowerCase(sha256Text('rendez|' + value.trim().toLowerCase())).slice(0, 24);
}

export function throttleKey(kind: string, value: string): string {
	// an `*-ip` key counts the client's network, not its exact address (an IPv6 client has a /64)
	return `${kind}:${pseudonym(kind.endsWith('-ip') ? clientNetwork(value) : value)}`;
}

/** Until when the key is locked, or null when it is not. */
export function lockedUntil(db: DB, key: string): number | null {
	const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
	if (!row?.lockedUntil) return null;
	return row.lockedUntil > clock().now() ? row.lockedUntil : null;
}

/** Records one failure; returns whether this failure locked the key (and until when). */
export function recordFailure(
	db: DB,
	key: string,
	rule: ThrottleRule
): { locked: boolean; until: number | null; count: number } {
	const now = clock().now();
	const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
	let count = 1;
	let windowStart = now;
	if (
		row &&
		now - row.windowStart < rule.windowMs &&
		!(row.lockedUntil && row.lockedUntil <= now)
	) {
		count = row.count + 1;
		windowStart = row.windowStart;
	}
	let until: number | null = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
	let locked = false;
	if (count >= rule.limit && until == null) {
		until = now + rule.lockMs;
		locked = true;
		count = 0;
		windowStart = now;
	}
	db.insert(throttles)
		.values({ key, count, windowStart, lockedUntil: until })
		.onConflictDoUpdate({ target: throttles.key, set: { count, windowStart, lockedUntil: until } })
		.run();
	return { locked, until, count };
}

// ---------------------------------------------------------------------------------------------
// Reserve before a slow check

/**
 * An attempt counted before the slow check it guards (an argon2 verification). Settle it with
 * `settleFailure` when the check fails, or give it back with `giveBack` when it succeeds.
 */
export interface Reservation {
	key: string;
	rule: ThrottleRule;
	/** the window the slot was taken in: a slot given back after its window ended changes nothing */
	windowStart: number;
}

export type ReserveResult =
	| { ok: true; held: Reservation[] }
	/** until: the lock's end, or null when the slots are all taken by checks still running */
	| { ok: false; until: number | null };

/**
 * Takes one slot on every key, or on none, for an attempt about to be checked. Call it inside one
 * synchronous write (`writeTx`) before anything is awaited.
 *
 * Why: a password check takes tens of milliseconds of argon2, so "is it locked? hash; count the
 * failure" lets a burst of parallel requests all pass the first step before the first failure is
 * counted (40 at once were all checked against a limit of 5). We follow the OWASP Authentication
 * Cheat Sheet (account lockout: the counter is what limits the guesses) in the way the
 * established implementations do it: the attempt is counted first and given back on success, so
 * the checks running at any moment plus the failures already counted never exceed the limit.
 * A key whose slots are all held by running checks refuses further attempts as if locked.
 */
export function reserveAttempts(
	db: DB,
	entries: [key: string, rule: ThrottleRule][]
): ReserveResult {
	const now = clock().now();
	const plans: { key: string; rule: ThrottleRule; count: number; windowStart: number }[] = [];
	for (const [key, rule] of entries) {
		const row = db.select().from(throttles).where(eq(throttles.key, key)).get();
		if (row?.lockedUntil && row.lockedUntil > now) return { ok: false, until: row.lockedUntil };
		// no row, a window that has passed, or a lock that has ended: a fresh count
		const fresh =
			!row ||
			now - row.windowStart >= rule.windowMs ||
			(row.lockedUntil != null && row.lockedUntil <= now);
		const count = fresh ? 0 : row.count;
		if (count >= rule.limit) return { ok: false, until: null };
		plans.push({ key, rule, count: count + 1, windowStart: fresh ? now : row.windowStart });
	}
	for (const p of plans) {
		db.insert(throttles)
			.values({ key: p.key, count: p.count, windowStart: p.windowStart, lockedUntil: null })
			.onConflictDoUpdate({
				target: throttles.key,
				set: { count: p.count, windowStart: p.windowStart, lockedUntil: null }
			})
			.run();
	}
	return {
		ok: true,
		held: plans.map((p) => ({ key: p.key, rule: p.rule, windowStart: p.windowStart }))
	};
}

/**
 * The reserved attempt failed: it stays counted, and once the failures reach the limit the key
 * locks. `locked` says whether the key is locked now (by this failure or a parallel one).
 */
export function settleFailure(
	db: DB,
	r: Reservation
): { locked: boolean; until: number | null; count: number } {
	const now = clock().now();
	const row = db.select().from(throttles).where(eq(throttles.key, r.key)).get();
	if (row?.lockedUntil && row.lockedUntil > now)
		return { locked: true, until: row.lockedUntil, count: row.count };
	// the slot is gone (a success cleared the key, or the window moved on): the failure still counts
	const count = row && row.windowStart === r.windowStart ? row.count : (row?.count ?? 0) + 1;
	const windowStart = row?.windowStart ?? now;
	const until = count >= r.rule.limit ? now + r.rule.lockMs : null;
	db.insert(throttles)
		.values({ key: r.key, count, windowStart, lockedUntil: until })
		.onConflictDoUpdate({ target: throttles.key, set: { count, windowStart, lockedUntil: until } })
		.run();
	return { locked: until != null, until, count };
}

/** The reserved attempt succeeded: its slot is given back (if its window still stands). */
export function giveBack(db: DB, r: Reservation): void {
	db.$client
		.prepare('UPDATE throttles SET count = max(count - 1, 0) WHERE key = ? AND window_start = ?')
		.run(r.key, r.windowStart);
}

export function clearThrottle(db: DB, key: string): void {
	db.delete(throttles).where(eq(throttles.key, key)).run();
}

/**
 * Housekeeping for a daily job: drops counters whose window and lock are both over (a day's grace).
 * Replay markers of TOTP codes ('totp-used:*') are kept: they hold the last used time step.
 */
export function purgeThrottles(db: DB, graceMs = 24 * 60 * 60_000): number {
	const cutoff = clock().now() - graceMs;
	return db.$client
		.prepare(
			`DELETE FROM throttles WHERE key NOT LIKE 'totp-used:%' AND window_start < ? AND (locked_until IS NULL OR locked_until < ?)`
		)
		.run(cutoff, cutoff).changes;
}
