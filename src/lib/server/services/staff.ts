/**
 * Staff administration: the admin lists, creates, disables and resets staff users. Signing in and
 * a staff member's own password and key are in `sign-in.ts`.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { creditors, staffUsers } from '../db/schema';
import { STAFF_ROLES, type StaffRole } from '$lib/domain/actor';
import { normaliseEmail } from '$lib/domain/address';
import { clock } from '../clock';
import { audit, insertAudited } from './audit';
import { writeTx } from './tx';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { assertAdmin } from './actor';
import { hashPassword } from '../auth/passwords';
import { invalidateUserSessions } from '../auth/sessions';
import { randomToken } from '../auth/tokens';

export type { StaffRole };

export interface StaffListItem {
	id: number;
	email: string;
	name: string;
	role: StaffRole;
	creditorId: number | null;
	creditorName: string | null;
	disabled: boolean;
	totp: boolean;
}

export function listStaff(db: DB, actor: Actor): StaffListItem[] {
	assertAdmin(actor);
	return db
		.select({
			id: staffUsers.id,
			email: staffUsers.email,
			name: staffUsers.name,
			role: staffUsers.role,
			creditorId: staffUsers.creditorId,
			creditorName: creditors.shortName,
			disabledAt: staffUsers.disabledAt,
			totp: sql<number>`${staffUsers.totpKey} IS NOT NULL`
		})
		.from(staffUsers)
		.leftJoin(creditors, eq(creditors.id, staffUsers.creditorId))
		.orderBy(asc(staffUsers.role), asc(staffUsers.name))
		.all()
		.map(({ disabledAt, totp, ...r }) => ({ ...r, disabled: disabledAt != null, totp: !!totp }));
}

export function getStaff(db: DB, actor: Actor, id: number): StaffListItem {
	const u = listStaff(db, actor).find((x) => x.id === id);
	if (!u) throw new NotFoundError();
	return u;
}

export const createStaffSchema = z
	.object({
		email: z
			.string()
			.trim()
			.toLowerCase()
			// the one address rule (domain/address.ts), worded as the debtor's page words it
			.refine((v) => normaliseEmail(v) !== null, 'admin.users.emailInvalid'),
		name: z.string().trim().min(1).max(200),
		role: z.enum(STAFF_ROLES),
		creditorId: z.coerce.number().int().positive().optional()
	})
	.superRefine((v, ctx) => {
		if (v.role === 'creditor' && !v.creditorId)
			ctx.addIssue({
				code: 'custom',
				path: ['creditorId'],
				message: 'admin.users.creditorRequired'
			});
	});

/** A readable one-time password: 4 groups of 4 base32 characters (80 bits). */
export function temporaryPassword(): string {
	return randomToken(10).replace(/(.{4})(?!$)/g, '$1-');
}

/** Creates a user with a one-time temporary password, which is returned once and never stored. */
export async function createStaff(
	db: DB,
	actor: Actor,
	input: z.input<typeof createStaffSchema>
): Promise<{ id: number; temporaryPassword: string }> {
	assertAdmin(actor);
	const parsed = createStaffSchema.safeParse(input);
	if (!parsed.success) throw zodToValidation(parsed.error);
	const v = parsed.data;
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	return writeTx(db, () => {
		if (
			db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, v.email)).get()
		) {
			throw new ValidationError({ email: { key: 'admin.users.emailTaken' } });
		}
		let creditorId: number | null = null;
		if (v.role === 'creditor') {
			const c = db
				.select({ id: creditors.id })
				.from(creditors)
				.where(and(eq(creditors.id, v.creditorId!), eq(creditors.active, true)))
				.get();
			if (!c) throw new ValidationError({ creditorId: { key: 'admin.users.creditorRequired' } });
			creditorId = c.id;
		}
		const row = insertAudited(db, actor, staffUsers, {
			values: {
				email: v.email,
				name: v.name,
				role: v.role,
				creditorId,
				passwordHash,
				createdAt: clock().now()
			},
			audit: {
				action: 'staff_user.create',
				entity: 'staff_user',
				after: { role: v.role, creditorId }
			}
		});
		return { id: row.id, temporaryPassword: password };
	});
}

export function setStaffDisabled(db: DB, actor: Actor, id: number, disabled: boolean): void {
	assertAdmin(actor);
	writeTx(db, () => {
		const u = db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
		if (!u) throw new NotFoundError();
		if (actor.kind === 'admin' && actor.userId === id && disabled)
			throw new ConflictError('admin.users.cannotDisableSelf');
		const before = { disabled: u.disabledAt != null };
		db.update(staffUsers)
			.set({ disabledAt: disabled ? clock().now() : null })
			.where(eq(staffUsers.id, id))
			.run();
		if (disabled) invalidateUserSessions(db, id);
		audit(db, actor, {
			action: disabled ? 'staff_user.disable' : 'staff_user.enable',
			entity: 'staff_user',
			entityId: id,
			before,
			after: { disabled }
		});
	});
}

/** New one-time temporary password; every session of the user ends. */
export async function resetStaffPassword(
	db: DB,
	actor: Actor,
	id: number
): Promise<{ temporaryPassword: string }> {
	assertAdmin(actor);
	if (!db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.id, id)).get())
		throw new NotFoundError();
	const password = temporaryPassword();
	const passwordHash = await hashPassword(password);
	writeTx(db, () => {
		// null: a temporary password, to be replaced by the user at their next sign-in
		db.update(staffUsers)
			.set({ passwordHash, passwordChangedAt: null })
			.where(eq(staffUsers.id, id))
			.run();
		invalidateUserSessions(db, id);
		audit(db, actor, { action: 'staff_user.reset_password', entity: 'staff_user', entityId: id });
	});
	return { temporaryPassword: password };
}

/** Removes a user's second factor (lost phone); an admin then enrols again at next sign-in. */
export function resetStaffTotp(db: DB, actor: Actor, id: number): void {
	assertAdmin(actor);
	writeTx(db, () => {
		const u = db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
		if (!u) throw new NotFoundError();
		db.update(staffUsers).set({ totpKey: null }).where(eq(staffUsers.id, id)).run();
		invalidateUserSessions(db, id);
		audit(db, actor, {
			action: 'staff_user.reset_totp',
			entity: 'staff_user',
			entityId: id,
			before: { totp: !!u.totpKey },
			after: { totp: false }
		});
	});
}

/** zod issues -> ValidationError with i18n keys (custom messages are keys already). */
export function zodToValidation(err: z.ZodError): ValidationError {
	const fields: Record<string, { key: string }> = {};
	for (const issue of err.issues) {
		const f = String(issue.path[0] ?? '_');
		if (fields[f]) continue;
		const key =
			issue.message.includes('.') && !issue.message.includes(' ')
				? issue.message
				: issue.code === 'too_small' && 'minimum' in issue && issue.minimum === 1
					? 'form.required'
					: 'form.invalid';
		fields[f] = { key };
	}
	return new ValidationError(fields);
}
