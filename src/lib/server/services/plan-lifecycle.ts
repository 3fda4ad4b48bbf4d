/**
 * A plan's life after the proposal: it starts (activate), and ends completed, broken or lapsed.
 * Called by the debtor and operator use cases, settlement and the daily job; inside a writeTx.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { AuditAction } from '$lib/domain/audit-actions';
import { localDate } from '$lib/domain/clock';
import { type Currency } from '$lib/domain/money';
import { buildSchedule } from '$lib/domain/schedule';
import type { DB } from '../db/client';
import { claims, installments, plans, promises } from '../db/schema';
import { audit, updateAudited } from './audit';
import { changeStatus } from './claim-state';
import { ConflictError } from './errors';
import { endHoldsOf, holdForPlan } from './holds';
import { type PlanRow, type ClaimRow, nowAndToday, notice } from './plan-common';
import { cancelPromise } from './promises';

/**
 * Starts a plan: lays out its installments from today on the claim's current balance, marks the
 * claim in_plan and tells the debtor. An open promise to pay is replaced by the plan (else it
 * would break on its day while the debtor keeps to the plan). Throws ConflictError(expiredKey) when
 * a due date has passed. Inside a writeTx.
 */
export function activate(
	db: DB,
	actor: Actor,
	plan: PlanRow,
	claim: ClaimRow,
	expiredKey: string
): PlanRow {
	const { now, today } = nowAndToday();
	if (claim.status !== 'open' || claim.balanceMinor <= 0)
		throw new ConflictError('plans.error.claimNotOpen');
	if (plan.firstDueDate < today) throw new ConflictError(expiredKey);
	const down = plan.downPaymentMinor < claim.balanceMinor ? plan.downPaymentMinor : 0;
	const schedule = buildSchedule({
		balanceMinor: claim.balanceMinor,
		currency: claim.currency as Currency,
		downPaymentMinor: down,
		installmentCount: plan.installmentCount,
		frequency: plan.frequency,
		firstDueDate: plan.firstDueDate,
		today
	});
	db.insert(installments)
		.values(
			schedule.map((s) => ({
				planId: plan.id,
				seq: s.seq,
				dueDate: s.dueDate,
				amountMinor: s.amountMinor
			}))
		)
		.run();
	const decided =
		actor.kind === 'operator' || actor.kind === 'admin'
			? { decidedBy: actor.userId, decidedAt: now }
			: { decidedAt: plan.decidedAt ?? now };
	const updated = db
		.update(plans)
		.set({ status: 'active', totalMinor: claim.balanceMinor, downPaymentMinor: down, ...decided })
		.where(eq(plans.id, plan.id))
		.returning()
		.get();
	audit(db, actor, {
		action: 'plan.activate',
		entity: 'plan',
		entityId: plan.id,
		before: { status: plan.status },
		after: { status: 'active', totalMinor: claim.balanceMinor, installments: schedule.length }
	});
	for (const p of db
		.select({ id: promises.id })
		.from(promises)
		.where(and(eq(promises.claimId, claim.id), eq(promises.status, 'open')))
		.all())
		cancelPromise(db, actor, p.id, { replacedByPlan: plan.id }, 'plan', now);
	changeStatus(db, actor, claim.id, 'in_plan', `plan ${plan.id}`);
	holdForPlan(db, actor, claim.id, plan.id);
	notice(db, plan, 'plan_active', now);
	return updated;
}

/**
 * A counter-offer the debtor did not accept by its first due date can no longer start (its dates
 * have passed): it lapses, and the debtor is told they can propose again. Inside a writeTx (the
 * daily job).
 */
export function lapseCounter(db: DB, actor: Actor, plan: PlanRow, now: number): void {
	endPlan(db, actor, plan, {
		to: 'lapsed',
		action: 'plan.lapse',
		now,
		note: { firstDueDate: plan.firstDueDate }
	});
	notice(db, plan, 'plan_lapsed', now);
}

// ------------------------------------------------------------------------------------------------
// Endings (used by settlement and the daily job; inside a writeTx)

/**
 * A plan ends as `to` at `now`, audited as `action` with its status before and after (and what
 * `note` adds to the record).
 */
export function endPlan(
	db: DB,
	actor: Actor,
	plan: Pick<PlanRow, 'id' | 'status'>,
	end: { to: PlanRow['status']; action: AuditAction; now: number; note?: object }
): void {
	updateAudited(db, actor, plans, plan.id, {
		set: { status: end.to, endedAt: end.now },
		audit: {
			action: end.action,
			entity: 'plan',
			before: { status: plan.status },
			after: { status: end.to, ...end.note }
		}
	});
}

/** A plan whose schedule is fully paid completes; the claim is settled (paid) when nothing is owed, else back to open. */
export function completePlan(db: DB, actor: Actor, plan: PlanRow, now: number): void {
	endPlan(db, actor, plan, { to: 'completed', action: 'plan.complete', now });
	const claim = db
		.select({ balanceMinor: claims.balanceMinor, status: claims.status })
		.from(claims)
		.where(eq(claims.id, plan.claimId))
		.get();
	if (claim && claim.status === 'in_plan') {
		changeStatus(
			db,
			actor,
			plan.claimId,
			claim.balanceMinor <= 0 ? 'paid' : 'open',
			`plan ${plan.id} completed`
		);
	}
	endHoldsOf(db, actor, 'plan', plan.id, 'completed', localDate(now));
	notice(db, plan, 'plan_completed', now);
}

/** A plan with an installment past the grace days ends as broken; the claim returns to the reminder process. */
export function breakPlan(
	db: DB,
	actor: Actor,
	plan: PlanRow,
	today: string,
	now: number,
	missedIds: number[]
): void {
	db.update(plans).set({ status: 'broken', endedAt: now }).where(eq(plans.id, plan.id)).run();
	if (missedIds.length > 0)
		db.update(installments)
			.set({ status: 'missed' })
			.where(inArray(installments.id, missedIds))
			.run();
	audit(db, actor, {
		action: 'plan.break',
		entity: 'plan',
		entityId: plan.id,
		before: { status: plan.status },
		after: { status: 'broken', on: today, missed: missedIds }
	});
	const claim = db
		.select({ status: claims.status })
		.from(claims)
		.where(eq(claims.id, plan.claimId))
		.get();
	if (claim?.status === 'in_plan')
		changeStatus(db, actor, plan.claimId, 'open', `plan ${plan.id} broken`);
	endHoldsOf(db, actor, 'plan', plan.id, 'broken', today);
	notice(db, plan, 'plan_broken', now);
}
