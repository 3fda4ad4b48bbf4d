/** What operators see of refunds and payments: pending refunds, recent payments, open refund tasks. */
import { referenceKey, REFERENCE_KEY_SQL } from '$lib/domain/bank-statement';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { claims, payments, refundTasks, refunds } from '../db/schema';
import { assertAgencyStaff } from './actor';
import { pagedSelect } from './paging';

// the payments row named by its table: a bare "id" (as drizzle writes a one-table select's
// columns) would be read inside the subquery as the refund's own id
export const refundCountSql = sql<number>`(SELECT count(*) FROM refunds r WHERE r.payment_id = "payments"."id")`;

/** Refunds waiting for the provider's word, oldest first (operators send them again from here). */
export function pendingRefundsForOps(db: DB, actor: Actor) {
	assertAgencyStaff(actor);
	return db
		.select({
			id: refunds.id,
			paymentId: refunds.paymentId,
			reference: claims.reference,
			amountMinor: refunds.amountMinor,
			currency: payments.currency,
			createdAt: refunds.createdAt
		})
		.from(refunds)
		.innerJoin(payments, eq(payments.id, refunds.paymentId))
		.innerJoin(claims, eq(claims.id, payments.claimId))
		.where(eq(refunds.status, 'pending'))
		.orderBy(asc(refunds.id))
		.all();
}

/** Payments on a page of the operators' list. */
export const PAYMENTS_PAGE_SIZE = 50;

/**
 * Operators' view of payments, newest first (by when the money came, else when the payment was
 * started), a page at a time: by status, one claim (the case page links here), or the claims whose
 * reference begins with what was typed (any case).
 */
export function paymentsForOps(
	db: DB,
	actor: Actor,
	opts: { status?: string; claimId?: number; reference?: string; page?: number } = {}
) {
	assertAgencyStaff(actor);
	const statuses = ['pending', 'succeeded', 'failed', 'expired', 'flagged'] as const;
	const st = statuses.find((s) => s === opts.status);
	// a reference's beginning as transfers read it (case, spaces, -./_ aside: 'db 2026' finds DB-2026-…)
	const ref = referenceKey(opts.reference?.trim() ?? '').replace(/[\\%]/g, (c) => `\\${c}`);
	const where = and(
		st ? eq(payments.status, st) : undefined,
		opts.claimId ? eq(payments.claimId, opts.claimId) : undefined,
		ref
			? sql`${sql.raw(REFERENCE_KEY_SQL('"claims"."reference"'))} LIKE ${ref + '%'} ESCAPE '\\'`
			: undefined
	);
	const total =
		db
			.select({ n: count() })
			.from(payments)
			.innerJoin(claims, eq(claims.id, payments.claimId))
			.where(where)
			.get()?.n ?? 0;
	const list = db
		.select({
			id: payments.id,
			claimId: payments.claimId,
			reference: claims.reference,
			amountMinor: payments.amountMinor,
			refundedMinor: payments.refundedMinor,
			currency: payments.currency,
			purpose: payments.purpose,
			gateway: payments.gateway,
			status: payments.status,
			flagReason: payments.flagReason,
			refundCount: refundCountSql,
			receiptNumber: payments.receiptNumber,
			createdAt: payments.createdAt,
			completedAt: payments.completedAt
		})
		.from(payments)
		.innerJoin(claims, eq(claims.id, payments.claimId))
		.where(where)
		.orderBy(
			sql`coalesce(${payments.completedAt}, ${payments.createdAt}) DESC, ${payments.id} DESC`
		)
		.$dynamic();
	return pagedSelect(opts.page, PAYMENTS_PAGE_SIZE, total, list);
}

export function refundTasksForOps(db: DB, actor: Actor) {
	assertAgencyStaff(actor);
	return db
		.select({
			id: refundTasks.id,
			claimId: refundTasks.claimId,
			paymentId: refundTasks.paymentId,
			reference: claims.reference,
			amountMinor: refundTasks.amountMinor,
			currency: refundTasks.currency,
			dueDate: refundTasks.dueDate,
			status: refundTasks.status,
			gateway: payments.gateway,
			refundCount: refundCountSql
		})
		.from(refundTasks)
		.innerJoin(claims, eq(claims.id, refundTasks.claimId))
		.innerJoin(payments, eq(payments.id, refundTasks.paymentId))
		.where(inArray(refundTasks.status, ['open']))
		.orderBy(asc(refundTasks.dueDate))
		.all();
}
