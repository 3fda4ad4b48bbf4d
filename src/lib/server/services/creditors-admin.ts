/**
 * The admin's creditor register: list, create, edit, deactivate/reactivate. Creditors are never
 * deleted (C12): a deactivated creditor keeps its claims and history; its users can no longer sign in
 * (and their sessions end), and no new user can be created for it.
 */
import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { claims, creditors, staffUsers } from '../db/schema';
import { IDENTITY_QUESTIONS, type IdentityQuestion } from '$lib/domain/actor';
import { clock } from '../clock';
import { audit } from './audit';
import { writeTx } from './tx';
import { NotFoundError, ValidationError } from './errors';
import { zodToValidation } from './staff';
import { assertAdmin } from './actor';

export const sectors = ['bank', 'utility', 'telecom', 'other'] as const;

/** 'xxxxxxxx-y-zz' with or without dashes -> with dashes. */
export function normaliseCompanyTaxNumber(raw: string): string | null {
	const d = raw.replace(/[\s-]/g, '');
	if (!/^\d{11}$/.test(d)) return null;
	return `${d.slice(0, 8)}-${d.slice(8, 9)}-${d.slice(9)}`;
}

export const creditorSchema = z.object({
	name: z.string().trim().min(1).max(200),
	shortName: z.string().trim().min(1).max(60),
	sector: z.enum(sectors),
	taxNumber: z
		.string()
		.trim()
		.min(1)
		.transform((v, ctx) => {
			const n = normaliseCompanyTaxNumber(v);
			if (!n) {
				ctx.addIssue({ code: 'custom', message: 'admin.creditors.taxNumberInvalid' });
				return z.NEVER;
			}
			return n;
		}),
	identityCheck: z.enum(IDENTITY_QUESTIONS),
	retentionMonths: z.coerce
		.number()
		.int()
		.min(12, { message: 'admin.creditors.retentionInvalid' })
		.max(240, { message: 'admin.creditors.retentionInvalid' }),
	/** the contract lets stage fees be charged to debtors (a ticked box posts "on"; unticked, nothing) */
	feesAllowed: z.preprocess((v) => v === true || v === 'on', z.boolean()).default(false)
});
export type CreditorInput = z.input<typeof creditorSchema>;

export interface CreditorItem {
	id: number;
	name: string;
	shortName: string;
	sector: (typeof sectors)[number];
	taxNumber: string;
	identityCheck: IdentityQuestion;
	retentionMonths: number;
	feesAllowed: boolean;
	active: boolean;
	claims: number;
	users: number;
}

/** How many rows of a table each creditor has. */
function countPerCreditor(
	db: DB,
	table: typeof claims | typeof staffUsers
): Map<number | null, number> {
	return new Map(
		db
			.select({ id: table.creditorId, n: count() })
			.from(table)
			.groupBy(table.creditorId)
			.all()
			.map((r) => [r.id, r.n])
	);
}

export function listCreditors(db: DB, actor: Actor): CreditorItem[] {
	assertAdmin(actor);
	const claimCounts = countPerCreditor(db, claims);
	const userCounts = countPerCreditor(db, staffUsers);
	return db
		.select()
		.from(creditors)
		.orderBy(asc(creditors.name))
		.all()
		.map((c) => ({
			id: c.id,
			...snapshot(c),
			claims: claimCounts.get(c.id) ?? 0,
			users: userCounts.get(c.id) ?? 0
		}));
}

export function getCreditor(db: DB, actor: Actor, id: number): CreditorItem {
	assertAdmin(actor);
	const c = listCreditors(db, actor).find((x) => x.id === id);
	if (!c) throw new NotFoundError();
	return c;
}

function snapshot(c: typeof creditors.$inferSelect) {
	return {
		name: c.name,
		shortName: c.shortName,
		sector: c.sector,
		taxNumber: c.taxNumber,
		identityCheck: c.identityCheck,
		retentionMonths: c.retentionMonths,
		feesAllowed: c.feesAllowed,
		active: c.active
	};
}

function parse(input: CreditorInput) {
	const r = creditorSchema.safeParse(input);
	if (!r.success) throw zodToValidation(r.error);
	return r.data;
}

function assertUniqueTaxNumber(db: DB, taxNumber: string, exceptId?: number) {
	const other = db
		.select({ id: creditors.id })
		.from(creditors)
		.where(eq(creditors.taxNumber, taxNumber))
		.get();
	if (other && other.id !== exceptId)
		throw new ValidationError({ taxNumber: { key: 'admin.creditors.taxNumberTaken' } });
}

export function createCreditor(db: DB, actor: Actor, input: CreditorInput): { id: number } {
	assertAdmin(actor);
	const v = parse(input);
	return writeTx(db, () => {
		assertUniqueTaxNumber(db, v.taxNumber);
		const row = db
			.insert(creditors)
			.values({ ...v, createdAt: clock().now() })
			.returning()
			.get();
		audit(db, actor, {
			action: 'creditor.create',
			entity: 'creditor',
			entityId: row.id,
			after: snapshot(row)
		});
		return { id: row.id };
	});
}

export function updateCreditor(db: DB, actor: Actor, id: number, input: CreditorInput): void {
	assertAdmin(actor);
	const v = parse(input);
	writeTx(db, () => {
		const before = db.select().from(creditors).where(eq(creditors.id, id)).get();
		if (!before) throw new NotFoundError();
		assertUniqueTaxNumber(db, v.taxNumber, id);
		const after = db.update(creditors).set(v).where(eq(creditors.id, id)).returning().get();
		audit(db, actor, {
			action: 'creditor.update',
			entity: 'creditor',
			entityId: id,
			before: snapshot(before),
			after: snapshot(after)
		});
	});
}

/** Deactivating also ends the sessions of the creditor's users (they see nothing any more). */
export function setCreditorActive(db: DB, actor: Actor, id: number, active: boolean): void {
	assertAdmin(actor);
	writeTx(db, () => {
		const before = db.select().from(creditors).where(eq(creditors.id, id)).get();
		if (!before) throw new NotFoundError();
		if (before.active === active) return;
		db.update(creditors).set({ active }).where(eq(creditors.id, id)).run();
		if (!active) {
			db.$client
				.prepare(
					`DELETE FROM sessions WHERE user_id IN (SELECT id FROM staff_users WHERE creditor_id = ?)`
				)
				.run(id);
		}
		audit(db, actor, {
			action: active ? 'creditor.activate' : 'creditor.deactivate',
			entity: 'creditor',
			entityId: id,
			before: { active: before.active },
			after: { active }
		});
	});
}
