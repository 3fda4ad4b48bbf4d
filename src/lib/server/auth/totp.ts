/**
 * TOTP second factor (RFC 6238, 30 s, 6 digits, SHA-1: what every authenticator app speaks).
 * Keys are 20 raw bytes in `staff_users.totp_key`.
 *
 * The code is computed from the wall clock on purpose, not from `clock()`: the other side is a
 * phone that knows only real time, so a demo server running "days ahead" must still accept it.
 * A used time step is remembered per user, so a code cannot be replayed.
 */
import { generateHOTP, verifyHOTP, createTOTPKeyURI } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { throttles } from '../db/schema';

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;

export function newTotpKey(): Uint8Array {
	const k = new Uint8Array(20);
	crypto.getRandomValues(k);
	return k;
}

export function totpUri(email: string, key: Uint8Array): string {
	return createTOTPKeyURI('Rendez', email, key, TOTP_PERIOD_S, TOTP_DIGITS);
}

export function formatKey(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key)
		.replace(/(.{4})/g, '$1 ')
		.trim();
}

const stepAt = (ms: number) => BigInt(Math.floor(ms / 1000 / TOTP_PERIOD_S));

/** The current code for a key (tests and the demo script use it). */
export function currentTotp(key: Uint8Array, atMs = Date.now()): string {
	return generateHOTP(key, stepAt(atMs), TOTP_DIGITS);
}

/** The matching time step within ±1 step, or null. */
function matchingStep(key: Uint8Array, code: string, atMs: number): bigint | null {
	if (!/^\d{6}$/.test(code)) return null;
	const now = stepAt(atMs);
	for (const s of [now, now - 1n, now + 1n]) {
		if (verifyHOTP(key, s, TOTP_DIGITS, code)) return s;
	}
	return null;
}

/**
 * Checks a code and marks its time step used for this user (no replay). Pure check for a key that
 * is not stored yet (enrolment): pass `userId: null`.
 */
export function checkTotp(
	db: DB,
	userId: number | null,
	key: Uint8Array,
	rawCode: string,
	atMs = Date.now()
): boolean {
	const code = rawCode.replace(/\s+/g, '');
	const step = matchingStep(key, code, atMs);
	if (step == null) return false;
	if (userId == null) return true;
	const usedKey = `totp-used:${userId}`;
	const row = db.select().from(throttles).where(eq(throttles.key, usedKey)).get();
	if (row && BigInt(row.count) >= step) return false;
	db.insert(throttles)
		.values({ key: usedKey, count: Number(step), windowStart: atMs, lockedUntil: null })
		.onConflictDoUpdate({ target: throttles.key, set: { count: Number(step), windowStart: atMs } })
		.run();
	return true;
}
