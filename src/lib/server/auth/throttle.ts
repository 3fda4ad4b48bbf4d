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
	resendIp: { limit: 5, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE },
	resendLink: { limit: 1, windowMs: 60 * MINUTE, lockMs: 60 * MINUTE }
} satisfies Record<string, ThrottleRule>;

/** A short, stable, non-reversible handle for an e-mail or IP inside a key or an audit row. */
export function pseudonym(value: string): string {
	return encodeHexLowerCase(sha256Text('rendez|' + value.trim().toLowerCase())).slice(0, 24);
}

export function throttleKey(kind: string, value: string): string {
	return `${kind}:${pseudonym(value)}`;
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
