/**
 * A signed-in staff member's own account: their key's status, setting or replacing their key, and
 * choosing their own password. Both changes ask the current password again first (throttled), so
 * a session left open on someone's desk is not a way to take the account over. Sign-in itself is
 * in `sign-in.ts`.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { sessions, staffUsers } from '../db/schema';
import { clock } from '../clock';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { createSession, invalidateUserSessions, type NewSession } from '../auth/sessions';
import { clearThrottle, reserveAttempts, RULES, settleFailure } from '../auth/throttle';
import { assertStaffAccount } from './actor';
import { audit } from './audit';
import { NotFoundError, ValidationError } from './errors';
import { enrolTotp, type EnrolResult } from './sign-in';
import { zodToValidation } from './staff';
import { writeTx } from './tx';

/**
 * What the key page needs about the user's own account: the address that labels the key in the
 * authenticator app, and whether a key is set already. (Nothing else leaves the row.)
 */
export function ownTotpStatus(db: DB, who: { userId: number }): { email: string; active: boolean } {
	const u = db
		.select({ email: staffUsers.email, hasKey: staffUsers.totpKey })
		.from(staffUsers)
		.where(eq(staffUsers.id, who.userId))
		.get();
	return { email: u?.email ?? '', active: !!u?.hasKey };
}

/**
 * A signed-in staff member's own password, asked again before changing it or the second factor.
 * Five wrong answers in 15 minutes lock the check for 15 minutes, so a session left open on
 * someone's desk is not a way to guess the password either.
 */
async function confirmOwnPassword(
	db: DB,
	user: { id: number; passwordHash: string },
	password: string
): Promise<'ok' | 'wrong' | 'locked'> {
	const key = `password-check:${user.id}`;
	// counted before the slow check, as at sign-in (reserveAttempts): parallel forms get no more
	const slot = writeTx(db, () => reserveAttempts(db, [[key, RULES.passwordCheck]]));
	if (!slot.ok) return 'locked';
	if (password && (await verifyPassword(user.passwordHash, password))) {
		writeTx(db, () => clearThrottle(db, key));
		return 'ok';
	}
	return writeTx(db, () => settleFailure(db, slot.held[0])).locked ? 'locked' : 'wrong';
}

/** The message for a current password that was not accepted. */
function currentPasswordError(r: 'wrong' | 'locked'): string {
	return r === 'locked' ? 'auth.login.throttled' : 'auth.password.currentWrong';
}

/**
 * A signed-in staff member sets or replaces their own key: the current password first, so a
 * session left open on someone's desk cannot re-key the second factor and lock its owner out.
 * (An admin's first enrolment, straight after the password, goes through `enrolTotp` alone.)
 */
export async function changeOwnTotp(
	db: DB,
	who: { userId: number; sessionId: string },
	currentPassword: string,
	key: Uint8Array,
	code: string,
	atMs?: number
): Promise<EnrolResult> {
	const user = db
		.select({
			id: staffUsers.id,
			passwordHash: staffUsers.passwordHash,
			disabledAt: staffUsers.disabledAt
		})
		.from(staffUsers)
		.where(eq(staffUsers.id, who.userId))
		.get();
	if (!user || user.disabledAt != null) throw new NotFoundError();
	const confirmed = await confirmOwnPassword(db, user, currentPassword);
	if (confirmed !== 'ok')
		return { ok: false, field: 'current', key: currentPasswordError(confirmed) };
	return enrolTotp(db, who, key, code, atMs);
}

export const PASSWORD_MIN = 12;

export const changePasswordSchema = z
	.object({
		current: z.string().min(1).max(500),
		next: z
			.string()
			.min(PASSWORD_MIN, { message: 'auth.password.tooShort' })
			.max(500, { message: 'auth.password.tooLong' }),
		confirm: z.string()
	})
	.superRefine((v, ctx) => {
		if (v.next !== v.confirm)
			ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'auth.password.mismatch' });
		if (v.next === v.current)
			ctx.addIssue({ code: 'custom', path: ['next'], message: 'auth.password.same' });
	});

/**
 * A staff member chooses their own password (required after a temporary one). Every other
 * session of theirs ends; the one they use is replaced by a new one.
 */
export async function changeOwnPassword(
	db: DB,
	actor: Actor,
	sessionId: string,
	input: z.input<typeof changePasswordSchema>
): Promise<NewSession> {
	assertStaffAccount(actor);
	const parsed = changePasswordSchema.safeParse(input);
	if (!parsed.success) throw zodToValidation(parsed.error);
	const user = db.select().from(staffUsers).where(eq(staffUsers.id, actor.userId)).get();
	if (!user || user.disabledAt != null) throw new NotFoundError();
	const confirmed = await confirmOwnPassword(db, user, parsed.data.current);
	if (confirmed !== 'ok')
		throw new ValidationError({ current: { key: currentPasswordError(confirmed) } });
	const passwordHash = await hashPassword(parsed.data.next);
	return writeTx(db, () => {
		db.update(staffUsers)
			.set({ passwordHash, passwordChangedAt: clock().now() })
			.where(eq(staffUsers.id, user.id))
			.run();
		const verified =
			db
				.select({ v: sessions.twoFactorVerified })
				.from(sessions)
				.where(eq(sessions.id, sessionId))
				.get()?.v ?? false;
		invalidateUserSessions(db, user.id);
		const session = createSession(db, {
			kind: 'staff',
			userId: user.id,
			twoFactorVerified: verified
		});
		audit(db, actor, {
			action: 'staff_user.change_password',
			entity: 'staff_user',
			entityId: user.id
		});
		return session;
	});
}
