/**
 * Sessions after Lucia's session guide (lucia-auth.com/sessions): the token handed to the browser
 * is `<id>.<secret>`; the database keeps the id and only a SHA-256 of the secret, compared in
 * constant time. A session ends when it has been idle too long, when its absolute lifetime is
 * over, on sign-out, or when its staff user is disabled. Activity extends the idle window
 * (`last_seen_at`), written at most once a minute.
 *
 * No `$app`/`$env` imports here: scripts and tests use this module directly.
 */
import { eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { creditors, sessions, staffUsers } from '../db/schema';
import { clock } from '../clock';
import { randomToken, sameDigest, sha256Text } from './tokens';
import type { DebtorIdentity, PendingStaffIdentity, StaffIdentity } from './types';

export const SESSION_COOKIE = 'rendez_session';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Idle and absolute limits per kind of session. */
export const SESSION_LIMITS = {
	staff: { idleMs: 2 * HOUR, absoluteMs: 12 * HOUR },
	debtor: { idleMs: 15 * MINUTE, absoluteMs: 2 * HOUR },
	/** a staff session waiting for its second factor */
	pending: { idleMs: 10 * MINUTE, absoluteMs: 15 * MINUTE }
} as const;

/** `last_seen_at` is written at most this often, so every request is not a write. */
export const ACTIVITY_WRITE_INTERVAL_MS = MINUTE;

export type SessionRow = typeof sessions.$inferSelect;

/** 'verify': the user has a key and must give a code; 'enrol': an admin without a key. */
export type PendingStaff = PendingStaffIdentity;

/**
 * `renewed`: this request moved `last_seen_at`, so the cookie's expiry (`cookieExpiry`) moved too
 * and must be sent again; otherwise the browser's cookie is already right.
 */
export type SessionResult =
	| { kind: 'staff'; session: SessionRow; renewed: boolean; staff: StaffIdentity }
	| { kind: 'pending'; session: SessionRow; renewed: boolean; pending: PendingStaff }
	| { kind: 'debtor'; session: SessionRow; renewed: boolean; debtor: DebtorIdentity };

function hashSecret(secret: string): Uint8Array {
	return sha256Text(secret);
}

function limitsFor(s: Pick<SessionRow, 'kind' | 'twoFactorVerified'>) {
	if (s.kind === 'debtor') return SESSION_LIMITS.debtor;
	return s.twoFactorVerified ? SESSION_LIMITS.staff : SESSION_LIMITS.pending;
}

export interface NewSession {
	token: string;
	session: SessionRow;
}

/** Creates a session; the returned token goes into the cookie and nowhere else. */
export function createSession(
	db: DB,
	input:
		| { kind: 'staff'; userId: number; twoFactorVerified: boolean }
		| { kind: 'debtor'; debtorId: number; onlyCreditorId?: number | null }
): NewSession {
	const id = randomToken(15);
	const secret = randomToken(20);
	const now = clock().now();
	const twoFactorVerified = input.kind === 'debtor' ? true : input.twoFactorVerified;
	const limits = limitsFor({ kind: input.kind, twoFactorVerified });
	const session = db
		.insert(sessions)
		.values({
			id,
			secretHash: Buffer.from(hashSecret(secret)),
			kind: input.kind,
			userId: input.kind === 'staff' ? input.userId : null,
			debtorId: input.kind === 'debtor' ? input.debtorId : null,
			onlyCreditorId: input.kind === 'debtor' ? (input.onlyCreditorId ?? null) : null,
			twoFactorVerified,
			createdAt: now,
			lastSeenAt: now,
			expiresAt: now + limits.absoluteMs
		})
		.returning()
		.get();
	return { token: `${id}.${secret}`, session };
}

/** The instant the cookie should expire: the earlier of idle and absolute expiry. */
export function cookieExpiry(session: SessionRow): number {
	return Math.min(session.expiresAt, session.lastSeenAt + limitsFor(session).idleMs);
}

/**
 * Every request validates its session, so that path is one prepared statement on the session row
 * alone, read raw (an array per row: the driver building a named object per row costs more than
 * the lookup). A debtor session needs no look at the debtor: anonymising or deleting a debtor
 * deletes their sessions in the same transaction (triggers, migration 0006), so the row's
 * existence is the proof the debtor is live. One table found by its unique key also skips the
 * planner's weighing of the bound value, which (once ANALYZE has filled sqlite_stat4) would
 * recompile the statement on every request.
 */
type HotRow = [
	id: string,
	secretHash: Buffer,
	kind: 'staff' | 'debtor',
	userId: number | null,
	debtorId: number | null,
	onlyCreditorId: number | null,
	twoFactorVerified: number,
	createdAt: number,
	lastSeenAt: number,
	expiresAt: number
];
const hotStatement = perConnection((c) =>
	c
		.prepare(
			'SELECT id, secret_hash, kind, user_id, debtor_id, only_creditor_id, two_factor_verified, created_at, last_seen_at, expires_at FROM sessions WHERE id = ?'
		)
		.raw(true)
);
function hotSession(db: DB, id: string): HotRow | undefined {
	return hotStatement(db).get(id) as HotRow | undefined;
}

/**
 * Resolves a cookie token. Returns null (and deletes the row where one exists) for anything that
 * is not a live session: malformed, unknown id, wrong secret, idle, past absolute expiry, or a
 * disabled staff user.
 */
export function validateSessionToken(
	db: DB,
	token: string | undefined | null
): SessionResult | null {
	if (!token || token.length > 200) return null;
	const parts = token.split('.');
	if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
	const [id, secret] = parts;
	const row = hotSession(db, id);
	if (!row) return null;
	const [
		sid,
		secretHash,
		kind,
		userId,
		debtorId,
		onlyCreditorId,
		twoFactorVerified,
		createdAt,
		lastSeenAt,
		expiresAt
	] = row;
	const session: SessionRow = {
		id: sid,
		secretHash,
		kind,
		userId,
		debtorId,
		onlyCreditorId,
		twoFactorVerified: twoFactorVerified === 1,
		createdAt,
		lastSeenAt,
		expiresAt
	};
	if (!sameDigest(hashSecret(secret), session.secretHash)) return null;

	const now = clock().now();
	const limits = limitsFor(session);
	if (now >= session.expiresAt || now - session.lastSeenAt >= limits.idleMs) {
		invalidateSession(db, session.id);
		return null;
	}

	let result: SessionResult | null = null;
	if (session.kind === 'staff' && session.userId != null) {
		const u = db.select().from(staffUsers).where(eq(staffUsers.id, session.userId)).get();
		if (!u || u.disabledAt != null || !creditorActive(db, u)) {
			invalidateSession(db, session.id);
			return null;
		}
		if (session.twoFactorVerified) {
			// an admin must have a second factor; a verified session without one cannot exist, but
			// if the key was removed afterwards, the session is no longer enough
			if (u.role === 'admin' && !u.totpKey) {
				invalidateSession(db, session.id);
				return null;
			}
			result = {
				kind: 'staff',
				session,
				renewed: false,
				staff: {
					sessionId: session.id,
					userId: u.id,
					role: u.role,
					creditorId: u.role === 'creditor' ? u.creditorId : null,
					name: u.name,
					email: u.email,
					mustChangePassword: u.passwordChangedAt == null
				}
			};
		} else {
			result = {
				kind: 'pending',
				session,
				renewed: false,
				pending: {
					sessionId: session.id,
					userId: u.id,
					role: u.role,
					needs: u.totpKey ? 'verify' : 'enrol'
				}
			};
		}
	} else if (session.kind === 'debtor' && debtorId != null) {
		result = {
			kind: 'debtor',
			session,
			renewed: false,
			debtor: { sessionId: session.id, debtorId, onlyCreditorId }
		};
	}
	if (!result) {
		invalidateSession(db, session.id);
		return null;
	}

	// renewal: activity extends the idle window
	if (now - session.lastSeenAt >= ACTIVITY_WRITE_INTERVAL_MS) {
		db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id)).run();
		session.lastSeenAt = now;
		result.renewed = true;
	}
	return result;
}

/** A creditor user whose creditor was deactivated can no longer sign in or keep a session. */
export function creditorActive(db: DB, u: { role: string; creditorId: number | null }): boolean {
	if (u.role !== 'creditor') return true;
	if (u.creditorId == null) return false;
	const c = db
		.select({ active: creditors.active })
		.from(creditors)
		.where(eq(creditors.id, u.creditorId))
		.get();
	return !!c?.active;
}

export function invalidateSession(db: DB, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: DB, userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Housekeeping for a daily job: deletes sessions past their absolute expiry or idle for a day. */
export function purgeExpiredSessions(db: DB): number {
	const now = clock().now();
	return db.$client
		.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?')
		.run(now, now - 24 * HOUR).changes;
}

/** The id part of a cookie token (for deleting the row a new sign-in replaces). */
export function sessionIdOf(token: string | undefined | null): string | null {
	if (!token) return null;
	const id = token.split('.')[0];
	return id || null;
}
