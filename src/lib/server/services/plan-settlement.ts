/**
 * The seam between payments and plans. Payment reconciliation (services/payments.ts) calls
 * `applyPaymentToPlan` inside its transaction after posting a succeeded payment to the ledger;
 * this settles the claim's active plan's installments oldest first and completes the plan (the
 * claim is then settled) when all are paid.
 */
import { and, eq, sql } from 'drizzle-orm';
import { systemActor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { installments, payments, plans, refunds } from '../db/schema';
import { audit, updateAudited } from './audit';
import { completePlan } from './plan-lifecycle';
import { agreedPlanOf, installmentsOf, type PlanRow } from './plan-common';
import { holdForPlan } from './holds';

export interface SettledPayment {
	id: number;
	claimId: number;
	amountMinor: number;
	/** instant the payment succeeded (clock ms) */
	completedAt: number;
	/** the day the money arrived, when before `completedAt`'s (a bank transfer's booking day) */
	paidOn?: string;
}

/** The claim's running plan, the one its payments settle and its corrections reduce. */
function activePlanOf(db: DB, claimId: number): PlanRow | undefined {
	return db
		.select()
		.from(plans)
		.where(and(eq(plans.claimId, claimId), eq(plans.status, 'active')))
		.get();
}

/**
 * Settles installments of the claim's active plan, oldest first, with the money a payment
 * brought (an installment is on time when the money arrived on or before its due date, Budapest
 * calendar). Money beyond the plan is left alone (reconciliation handles overpayment). Call
 * inside the payment's writeTx. Returns how much went to installments.
 */
export function applyPaymentToPlan(db: DB, payment: SettledPayment): number {
	if (payment.amountMinor <= 0) return 0;
	const plan = activePlanOf(db, payment.claimId);
	if (!plan) return 0;
	const actor = systemActor('plans');
	const day = payment.paidOn ?? localDate(payment.completedAt);
	const rows = installmentsOf(db, plan.id);
	let left = payment.amountMinor;
	const settled: { seq: number; paidMinor: number; paid: boolean }[] = [];
	for (const r of rows) {
		if (left <= 0) break;
		const open = r.amountMinor - r.paidMinor;
		if (open <= 0) continue;
		const take = Math.min(open, left);
		left -= take;
		const paid = take === open;
		db.update(installments)
			.set(
				paid
					? {
							paidMinor: r.paidMinor + take,
							status: 'paid',
							paidAt: payment.completedAt,
							paidOnTime: day <= r.dueDate
						}
					: { paidMinor: r.paidMinor + take }
			)
			.where(eq(installments.id, r.id))
			.run();
		settled.push({ seq: r.seq, paidMinor: r.paidMinor + take, paid });
	}
	const applied = payment.amountMinor - left;
	// remembered on the payment: a refund of it gives back at most this much, from this plan
	db.update(payments)
		.set({
			planAppliedMinor: sql`${payments.planAppliedMinor} + ${applied}`,
			planId: applied > 0 ? plan.id : sql`${payments.planId}`
		})
		.where(eq(payments.id, payment.id))
		.run();
	audit(db, actor, {
		action: 'plan.payment_applied',
		entity: 'plan',
		entityId: plan.id,
		after: { paymentId: payment.id, applied, installments: settled }
	});
	const stillOpen = db
		.select({
			id: installments.id,
			amountMinor: installments.amountMinor,
			paidMinor: installments.paidMinor
		})
		.from(installments)
		.where(eq(installments.planId, plan.id))
		.all()
		.some((r) => r.paidMinor < r.amountMinor);
	if (!stillOpen) completePlan(db, actor, plan, payment.completedAt);
	return applied;
}

/**
 * A refund took back money the ledger had allocated: the plan that payment settled installments
 * of gives back up to what the payment brought it, the most recently settled installments first,
 * so they are owed again ('due': the daily job then treats them as any unpaid one, lateness and
 * grace included). A plan this payment had completed is active again. Call inside the refund's
 * writeTx. Returns what came off the plan and whether a completed plan was reopened.
 */
export function unapplyRefundFromPlan(
	db: DB,
	payment: { id: number; claimId: number },
	refundId: number,
	amountMinor: number
): { taken: number; reopened: boolean } {
	const paid = db
		.select({ applied: payments.planAppliedMinor, planId: payments.planId })
		.from(payments)
		.where(eq(payments.id, payment.id))
		.get();
	const want = Math.min(amountMinor, paid?.applied ?? 0);
	if (want <= 0) return { taken: 0, reopened: false };
	// the plan the payment settled instalments of (payments applied before the plan was recorded on
	// them: the agreed plan); one that has ended since (broken, a newer plan in its place) is history
	const plan = paid?.planId
		? db.select().from(plans).where(eq(plans.id, paid.planId)).get()
		: agreedPlanOf(db, payment.claimId);
	if (!plan || (plan.status !== 'active' && plan.status !== 'completed'))
		return { taken: 0, reopened: false };
	const actor = systemActor('plans');
	// a refund takes back from the last installments first
	const rows = installmentsOf(db, plan.id).reverse();
	let left = want;
	const reopenedRows: { seq: number; paidMinor: number }[] = [];
	for (const r of rows) {
		if (left <= 0) break;
		if (r.paidMinor <= 0) continue;
		const take = Math.min(r.paidMinor, left);
		left -= take;
		db.update(installments)
			.set({ paidMinor: r.paidMinor - take, status: 'due', paidAt: null, paidOnTime: null })
			.where(eq(installments.id, r.id))
			.run();
		reopenedRows.push({ seq: r.seq, paidMinor: r.paidMinor - take });
	}
	const taken = want - left;
	db.update(payments)
		.set({ planAppliedMinor: sql`${payments.planAppliedMinor} - ${taken}` })
		.where(eq(payments.id, payment.id))
		.run();
	db.update(refunds).set({ planUnappliedMinor: taken }).where(eq(refunds.id, refundId)).run();
	audit(db, actor, {
		action: 'plan.refund_unapplied',
		entity: 'plan',
		entityId: plan.id,
		after: { refundId, paymentId: payment.id, taken, installments: reopenedRows }
	});
	const reopened = plan.status === 'completed' && taken > 0;
	if (reopened) {
		updateAudited(db, actor, plans, plan.id, {
			set: { status: 'active', endedAt: null },
			audit: {
				action: 'plan.reopen',
				entity: 'plan',
				before: { status: 'completed' },
				after: { status: 'active', refundId }
			}
		});
		holdForPlan(db, actor, plan.claimId, plan.id);
	}
	return { taken, reopened };
}

/**
 * An amount taken off a claim in a running plan (a dispute's correction) comes off the plan too,
 * from its last instalments back: each one's unpaid part shrinks; one left with nothing to pay is
 * settled; the plan completes when nothing is left on it. So the schedule never asks for more than
 * is owed. Call inside the correction's writeTx, after its ledger lines.
 */
export function reducePlan(db: DB, claimId: number, amountMinor: number, now: number): void {
	const plan = activePlanOf(db, claimId);
	if (!plan || amountMinor <= 0) return;
	let left = amountMinor;
	const reduced: { seq: number; amountMinor: number }[] = [];
	for (const r of installmentsOf(db, plan.id).reverse()) {
		const take = Math.min(r.amountMinor - r.paidMinor, left);
		if (take <= 0) continue;
		left -= take;
		const amount = r.amountMinor - take;
		// nothing left to pay on it: settled by the correction, not by a payment (not "on time")
		const settled = amount === r.paidMinor ? { status: 'paid' as const, paidAt: now } : {};
		db.update(installments)
			.set({ amountMinor: amount, ...settled })
			.where(eq(installments.id, r.id))
			.run();
		reduced.push({ seq: r.seq, amountMinor: amount });
	}
	const taken = amountMinor - left;
	if (!taken) return;
	db.update(plans)
		.set({ totalMinor: plan.totalMinor - taken })
		.where(eq(plans.id, plan.id))
		.run();
	const actor = systemActor('plans');
	audit(db, actor, {
		action: 'plan.reduce',
		entity: 'plan',
		entityId: plan.id,
		before: { totalMinor: plan.totalMinor },
		after: { totalMinor: plan.totalMinor - taken, installments: reduced }
	});
	if (installmentsOf(db, plan.id).every((r) => r.paidMinor >= r.amountMinor))
		completePlan(db, actor, plan, now);
}
