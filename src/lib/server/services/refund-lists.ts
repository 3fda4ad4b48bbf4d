/** What operators see of refunds and payments: pending refunds, recent payments, open refund tasks. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { claims, payments, refundTasks, refunds } from '../db/schema';
import { assertAgencyStaff } from './actor';

export const refundCountSql = sql<number>`(SELECT count(*) FROM refunds r WHERE r.payment_id = ${payments.id})`;

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

/** Operators' view: recent payments, open refund tasks by due date. */
export function paymentsForOps(
	db: DB,
	actor: Actor,
	opts: { status?: string; limit?: number; claimId?: number } = {}
) {
	assertAgencyStaff(actor);
	const statuses = ['pending', 'succeeded', 'failed', 'expired', 'flagged'] as const;
	const st = statuses.find((s) => s === opts.status);
	return db
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
		.where(
			and(
				st ? eq(payments.status, st) : undefined,
				// one claim's payments (the case page and the disputes link here)
				opts.claimId ? eq(payments.claimId, opts.claimId) : undefined
			)
		)
		.orderBy(sql`${payments.id} DESC`)
		.limit(opts.limit ?? 100)
		.all();
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
			refundCount: refundCountSql
		})
		.from(refundTasks)
		.innerJoin(claims, eq(claims.id, refundTasks.claimId))
		.innerJoin(payments, eq(payments.id, refundTasks.paymentId))
		.where(inArray(refundTasks.status, ['open']))
		.orderBy(asc(refundTasks.dueDate))
		.all();
}
