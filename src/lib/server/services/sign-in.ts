/**
 * Staff sign-in: the password, then the second factor where there is one (and enrolling a key);
 * sign-out. A signed-in staff member's own password and key changes are in `own-account.ts`. Sign-in failures say the same thing whether or
 * not the account exists, and take the same time (a dummy argon2 verification for unknown
 * addresses). The staff administration (the admin's user management) is in `staff.ts`.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { creditors, staffUsers } from '../db/schema';
import { audit, type AuditInput } from './audit';
import { writeTx } from './tx';
import { NotFoundError } from './errors';
import { hashPassword, verifyPassword } from '../auth/passwords';
import {
	createSession,
	creditorActive,
	invalidateSession,
	invalidateUserSessions,
	type NewSession,
	type PendingStaff
} from '../auth/sessions';
import {
	clearThrottle,
	giveBack,
	lockedUntil,
	pseudonym,
	recordFailure,
	reserveAttempts,
	RULES,
	settleFailure,
	throttleKey
} from '../auth/throttle';
import { checkTotp } from '../auth/totp';
import { randomToken } from '../auth/tokens';
import { logEvent } from '../log';

import type { StaffRole } from '$lib/domain/actor';
export type { StaffRole };

/** Where each role lands after signing in. */
export const LANDING: Record<StaffRole, string> = {
	admin: '/admin',
	operator: '/ops',
	creditor: '/creditor',
	field_agent: '/field'
};

/** A `next` path is followed only inside the role's own area (no open redirect). */
export function landingFor(role: StaffRole, next?: string | null): string {
	const home = LANDING[role];
	if (next && next.startsWith(home) && !next.startsWith('//') && /^\/[\w\-/?=&%.]*$/.test(next)) {
		const rest = next.slice(home.length);
		if (rest === '' || rest.startsWith('/') || rest.startsWith('?')) return next;
	}
	return home;
}

let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
	dummyHash ??= hashPassword('rendez-dummy-password-' + randomToken(8));
	return dummyHash;
}

export type SignInResult =
	| { ok: true; session: NewSession; next: 'area' | 'totp' | 'enrol'; role: StaffRole }
	| { ok: false; reason: 'invalid' | 'throttled' };

export interface SignInInput {
	email: string;
	password: string;
	ip: string;
	/** the session id the browser had before; it is ended (a new id on every sign-in) */
	previousSessionId?: string | null;
}

export async function signIn(db: DB, input: SignInInput): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const acctKey = throttleKey('login-account', email);
	const ipKey = throttleKey('login-ip', input.ip);
	// count the attempt before the slow check and give it back on success (see reserveAttempts:
	// OWASP's lockout counter, taken first), so a burst in parallel gets no more checks than the
	// limits: 5 per account, 20 per address
	const slot = writeTx(db, () => {
		const r = reserveAttempts(db, [
			[acctKey, RULES.loginAccount],
			[ipKey, RULES.loginIp]
		]);
		if (!r.ok)
			audit(
				db,
				{ kind: 'anonymous' },
				{ action: 'auth.login_throttled', entity: 'login', entityId: pseudonym(email) }
			);
		return r;
	});
	if (!slot.ok) return { ok: false, reason: 'throttled' };
	const [acctSlot, ipSlot] = slot.held;
	const user = db.select().from(staffUsers).where(eq(staffUsers.email, email)).get();
	// an unknown address costs the same argon2 work as a known one, so timing tells nothing
	let good = false;
	if (user) good = await verifyPassword(user.passwordHash, input.password);
	else await verifyPassword(await dummy(), input.password);

	const inactive = !!user && (user.disabledAt != null || !creditorActive(db, user));
	if (!user || !good || inactive) {
		return writeTx(db, () => {
			const a = settleFailure(db, acctSlot);
			const b = settleFailure(db, ipSlot);
			audit(
				db,
				{ kind: 'anonymous' },
				{
					action: 'auth.login_failed',
					entity: user ? 'staff_user' : 'login',
					entityId: user ? user.id : pseudonym(email),
					after: {
						reason: !user ? 'unknown' : inactive && good ? 'disabled' : 'password',
						locked: a.locked || b.locked
					}
				}
			);
			logEvent('info', 'login_failed', { locked: a.locked || b.locked });
			return {
				ok: false as const,
				reason: a.locked || b.locked ? ('throttled' as const) : ('invalid' as const)
			};
		});
	}

	return writeTx(db, () => {
		if (input.previousSessionId) invalidateSession(db, input.previousSessionId);
		// a right password clears the account's count; the address only gets its slot back
		clearThrottle(db, acctKey);
		giveBack(db, ipSlot);
		const hasKey = !!user.totpKey;
		// admins always need a second factor; a creditor's users when their administrator requires it
		const mustHave = user.role === 'admin' || creditorRequiresTotp(db, user.creditorId);
		const verified = !hasKey && !mustHave;
		const session = createSession(db, {
			kind: 'staff',
			userId: user.id,
			twoFactorVerified: verified
		});
		const actor = staffActor(user);
		audit(db, actor, {
			action: verified ? 'auth.login' : 'auth.login_password',
			entity: 'staff_user',
			entityId: user.id,
			after: { secondFactor: hasKey ? 'required' : mustHave ? 'enrol' : 'none' }
		});
		return {
			ok: true as const,
			session,
			role: user.role,
			next: verified ? ('area' as const) : hasKey ? ('totp' as const) : ('enrol' as const)
		};
	});
}

function staffActor(u: { id: number; role: StaffRole; creditorId: number | null }): Actor {
	if (u.role === 'creditor')
		return { kind: 'creditor', userId: u.id, creditorId: u.creditorId ?? 0 };
	return { kind: u.role, userId: u.id };
}

/** A fresh session with its second factor verified, the step audited on the user (by the user). */
function verifiedSession(
	db: DB,
	user: { id: number; role: StaffRole; creditorId: number | null },
	entry: Omit<AuditInput, 'entity' | 'entityId'>
) {
	const session = createSession(db, { kind: 'staff', userId: user.id, twoFactorVerified: true });
	audit(db, staffActor(user), { ...entry, entity: 'staff_user', entityId: user.id });
	return { ok: true as const, session, role: user.role };
}

export type SecondFactorResult =
	| { ok: true; session: NewSession; role: StaffRole }
	| { ok: false; reason: 'invalid' | 'throttled' };

/**
 * The second step: a TOTP code for a pending session. The session is replaced by a new one. The
 * lock check, the code check and the count are one synchronous transaction (no await between
 * them), so parallel codes are checked one after another and the 5th wrong one locks the rest.
 */
export function verifySecondFactor(
	db: DB,
	pending: PendingStaff,
	code: string,
	ip: string,
	atMs?: number
): SecondFactorResult {
	const key = throttleKey('totp', String(pending.userId));
	return writeTx(db, () => {
		if (lockedUntil(db, key)) return { ok: false as const, reason: 'throttled' as const };
		const user = db.select().from(staffUsers).where(eq(staffUsers.id, pending.userId)).get();
		if (!user || user.disabledAt != null || !user.totpKey) throw new NotFoundError();
		if (!checkTotp(db, user.id, new Uint8Array(user.totpKey), code, atMs)) {
			const f = recordFailure(db, key, RULES.totp);
			recordFailure(db, throttleKey('login-ip', ip), RULES.loginIp);
			audit(
				db,
				{ kind: 'anonymous' },
				{
					action: 'auth.totp_failed',
					entity: 'staff_user',
					entityId: user.id,
					after: { locked: f.locked }
				}
			);
			return {
				ok: false as const,
				reason: f.locked ? ('throttled' as const) : ('invalid' as const)
			};
		}
		clearThrottle(db, key);
		invalidateSession(db, pending.sessionId);
		return verifiedSession(db, user, { action: 'auth.login', after: { secondFactor: 'totp' } });
	});
}

/** Enrolment's answer: a fresh verified session, or which field was refused and why (an i18n key). */
export type EnrolResult =
	| { ok: true; session: NewSession; role: StaffRole }
	| { ok: false; field: 'code' | 'current'; key: string };
const CODE_REFUSED = { ok: false, field: 'code', key: 'auth.enrol.invalid' } as const;

/**
 * Stores a new TOTP key once the user proves their app produces its codes. Used by admins who must
 * enrol before anything else (pending session) and by anyone who chooses to. Returns a fresh
 * verified session that replaces the current one.
 */
export function enrolTotp(
	db: DB,
	who: { userId: number; sessionId: string },
	key: Uint8Array,
	code: string,
	atMs?: number
): EnrolResult {
	if (key.length !== 20) return CODE_REFUSED;
	return writeTx(db, () => {
		const user = db.select().from(staffUsers).where(eq(staffUsers.id, who.userId)).get();
		if (!user || user.disabledAt != null) throw new NotFoundError();
		if (!checkTotp(db, null, key, code, atMs)) return CODE_REFUSED;
		// the enrolment code also counts as used
		checkTotp(db, user.id, key, code, atMs);
		db.update(staffUsers)
			.set({ totpKey: Buffer.from(key) })
			.where(eq(staffUsers.id, user.id))
			.run();
		invalidateUserSessions(db, user.id);
		return verifiedSession(db, user, {
			action: 'staff_user.totp_enrolled',
			before: { totp: !!user.totpKey },
			after: { totp: true }
		});
	});
}

/** Whether the user's creditor has its administrator's rule: every user signs in with a code. */
function creditorRequiresTotp(db: DB, creditorId: number | null): boolean {
	if (creditorId == null) return false;
	return !!db
		.select({ on: creditors.requireTotp })
		.from(creditors)
		.where(eq(creditors.id, creditorId))
		.get()?.on;
}

export function signOut(db: DB, actor: Actor, sessionId: string): void {
	writeTx(db, () => {
		invalidateSession(db, sessionId);
		audit(db, actor, { action: 'auth.logout', entity: 'session', entityId: null });
	});
}
