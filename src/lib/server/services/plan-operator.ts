/**
 * Installment plans, the operators' side: the review queue, one proposal with its evaluation,
 * and the decision (approve, reject with a reason, counter).
 */
import { and, asc, count, desc, eq, ne } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { today as todayOf } from '$lib/domain/clock';
import { type Currency } from '$lib/domain/money';
import {
	affordableInstallment,
	checkProposal,
	counterStart,
	evaluateProposal,
	type Proposal
} from '$lib/domain/plans';
import { parseRules } from '$lib/domain/rules';
import { FREQUENCIES } from '$lib/domain/schedule-types';
import type { DB } from '../db/client';
import { claims, debtors, payments, plans, promises } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { writeTx } from './tx';
import { assertAgencyStaff } from './actor';
import { activate } from './plan-lifecycle';
import { pagedSelect } from './paging';
import {
	type PlanRow,
	type ClaimRow,
	nowAndToday,
	planContext,
	scheduleOf,
	proposalOf,
	notice,
	creditorNameOf,
	assertLaidOut,
	assertKeepsRules,
	planTerms
} from './plan-common';

// ------------------------------------------------------------------------------------------------
// Operators

/** Proposals on a page of the operators' queue. */
export const PLAN_QUEUE_PAGE_SIZE = 50;

/**
 * Proposals waiting for an operator, oldest first, a page at a time, each with its rule evaluation
 * (against its rules snapshot, as of today).
 */
export function planQueue(db: DB, actor: Actor, input: { lang?: 'hu' | 'en'; page?: number } = {}) {
	assertAgencyStaff(actor);
	const today = todayOf(clock());
	const proposed = eq(plans.status, 'proposed');
	const total = db.select({ n: count() }).from(plans).where(proposed).get()?.n ?? 0;
	const queue = db
		.select({
			plan: plans,
			reference: claims.reference,
			balanceMinor: claims.balanceMinor,
			debtorName: debtors.name
		})
		.from(plans)
		.innerJoin(claims, eq(claims.id, plans.claimId))
		.innerJoin(debtors, eq(debtors.id, plans.debtorId))
		.where(proposed)
		.orderBy(asc(plans.createdAt), asc(plans.id))
		.$dynamic();
	const page = pagedSelect(input.page, PLAN_QUEUE_PAGE_SIZE, total, queue);
	const rows = page.rows.map((r) => {
		const ev = checkProposal(
			parseRules(r.plan.rulesJson),
			planContext(
				{ balanceMinor: r.balanceMinor, currency: r.plan.currency },
				today,
				input.lang ?? 'hu'
			),
			proposalOf(r.plan)
		);
		return {
			...r.plan,
			reference: r.reference,
			balanceMinor: r.balanceMinor,
			debtorName: r.debtorName,
			violations: ev.violations
		};
	});
	return { ...page, rows };
}

/** One proposal with everything the operator decides on: evaluation, budget, the debtor's history. */
export function planForReview(db: DB, actor: Actor, planId: number, lang: 'hu' | 'en' = 'hu') {
	assertAgencyStaff(actor);
	const plan = db.select().from(plans).where(eq(plans.id, planId)).get();
	if (!plan) throw new NotFoundError('plan');
	const claim = db.select().from(claims).where(eq(claims.id, plan.claimId)).get()!;
	const debtor = db
		.select({ id: debtors.id, name: debtors.name, kind: debtors.kind })
		.from(debtors)
		.where(eq(debtors.id, plan.debtorId))
		.get()!;
	const creditorName = creditorNameOf(db, claim.creditorId);
	const today = todayOf(clock());
	const rules = parseRules(plan.rulesJson);
	const ctx = planContext(claim, today, lang);
	const evaluation = evaluateProposal(rules, ctx, proposalOf(plan));
	const affordable = affordableInstallment(
		plan.budgetIncomeMinor,
		plan.budgetCostsMinor,
		plan.frequency,
		plan.currency as Currency
	);
	const history = {
		payments: db
			.select({
				id: payments.id,
				claimId: payments.claimId,
				reference: claims.reference,
				amountMinor: payments.amountMinor,
				currency: payments.currency,
				status: payments.status,
				purpose: payments.purpose,
				createdAt: payments.createdAt,
				completedAt: payments.completedAt
			})
			.from(payments)
			.innerJoin(claims, eq(claims.id, payments.claimId))
			.where(and(eq(payments.debtorId, plan.debtorId), ne(payments.status, 'pending')))
			.orderBy(desc(payments.createdAt))
			.limit(20)
			.all(),
		plans: db
			.select({
				id: plans.id,
				claimId: plans.claimId,
				reference: claims.reference,
				status: plans.status,
				installmentCount: plans.installmentCount,
				frequency: plans.frequency,
				totalMinor: plans.totalMinor,
				currency: plans.currency,
				createdAt: plans.createdAt,
				endedAt: plans.endedAt
			})
			.from(plans)
			.innerJoin(claims, eq(claims.id, plans.claimId))
			.where(and(eq(plans.debtorId, plan.debtorId), ne(plans.id, plan.id)))
			.orderBy(desc(plans.createdAt))
			.limit(20)
			.all(),
		promises: db
			.select({
				id: promises.id,
				claimId: promises.claimId,
				reference: claims.reference,
				currency: claims.currency,
				promisedDate: promises.promisedDate,
				amountMinor: promises.amountMinor,
				status: promises.status
			})
			.from(promises)
			.innerJoin(claims, eq(claims.id, promises.claimId))
			.where(eq(promises.debtorId, plan.debtorId))
			.orderBy(desc(promises.createdAt))
			.limit(20)
			.all()
	};
	return {
		plan,
		schedule: scheduleOf(plan),
		claim: {
			id: claim.id,
			reference: claim.reference,
			balanceMinor: claim.balanceMinor,
			currency: claim.currency,
			status: claim.status,
			stage: claim.stage
		},
		debtor,
		creditorName,
		rules,
		today,
		evaluation,
		// its first due date has passed: it can no longer be approved (activate), only countered
		overdue: plan.firstDueDate < today,
		counterStart: counterStart(rules, ctx, proposalOf(plan)),
		affordable,
		history,
		brokenPlans: history.plans.filter((p) => p.status === 'broken').length
	};
}

function proposedPlan(db: DB, actor: Actor, planId: number): { plan: PlanRow; claim: ClaimRow } {
	assertAgencyStaff(actor);
	const plan = db.select().from(plans).where(eq(plans.id, planId)).get();
	if (!plan) throw new NotFoundError('plan');
	if (plan.status !== 'proposed') throw new ConflictError('plans.error.state');
	const claim = db.select().from(claims).where(eq(claims.id, plan.claimId)).get()!;
	return { plan, claim };
}

export function approvePlan(db: DB, actor: Actor, input: { planId: number }): PlanRow {
	return writeTx(db, () => {
		const { plan, claim } = proposedPlan(db, actor, input.planId);
		audit(db, actor, {
			action: 'plan.approve',
			entity: 'plan',
			entityId: plan.id,
			before: { status: 'proposed' }
		});
		return activate(db, actor, plan, claim, 'plans.error.stale');
	});
}

export function rejectPlan(db: DB, actor: Actor, input: { planId: number; reason: string }): void {
	const reason = input.reason.trim();
	if (reason.length === 0)
		throw new ValidationError({ reason: { key: 'plans.error.reasonRequired' } });
	writeTx(db, () => {
		const { plan } = proposedPlan(db, actor, input.planId);
		const { now } = nowAndToday();
		const by = (actor as { userId: number }).userId;
		db.update(plans)
			.set({
				status: 'rejected',
				decidedBy: by,
				decidedAt: now,
				decisionReason: reason.slice(0, 1000),
				endedAt: now
			})
			.where(eq(plans.id, plan.id))
			.run();
		audit(db, actor, {
			action: 'plan.reject',
			entity: 'plan',
			entityId: plan.id,
			before: { status: 'proposed' },
			after: { status: 'rejected' }
		});
		notice(db, plan, 'plan_rejected', now);
	});
}

/**
 * The operator answers a proposal with another schedule. The proposal ends (rejected, answered by
 * the counter-offer); the counter-offer waits for the debtor. It keeps the proposal's rules
 * snapshot and must keep every one of those rules (the check the review page shows): a broken
 * rule is refused next to its field. No override: a plan outside the rules the operator may only
 * approve as the debtor proposed it (or reject).
 */
export function counterPlan(
	db: DB,
	actor: Actor,
	input: { planId: number; proposal: Proposal; note?: string; lang?: 'hu' | 'en' }
): PlanRow {
	return writeTx(db, () => {
		const { plan, claim } = proposedPlan(db, actor, input.planId);
		const { now, today } = nowAndToday();
		const p = input.proposal;
		if (!FREQUENCIES.includes(p.frequency))
			throw new ValidationError({ frequency: { key: 'form.invalid' } });
		const rules = parseRules(plan.rulesJson);
		const ev = checkProposal(rules, planContext(claim, today, input.lang), p);
		assertLaidOut(p, ev);
		assertKeepsRules(ev.violations);
		if (claim.status !== 'open' || claim.balanceMinor <= 0)
			throw new ConflictError('plans.error.claimNotOpen');
		const by = (actor as { userId: number }).userId;
		const note = input.note?.trim() ? input.note.trim().slice(0, 1000) : null;
		db.update(plans)
			.set({ status: 'rejected', decidedBy: by, decidedAt: now, endedAt: now })
			.where(eq(plans.id, plan.id))
			.run();
		const counter = db
			.insert(plans)
			.values({
				...planTerms(claim, p),
				status: 'countered',
				rulesJson: plan.rulesJson,
				autoApproved: false,
				budgetIncomeMinor: plan.budgetIncomeMinor,
				budgetCostsMinor: plan.budgetCostsMinor,
				counterOfId: plan.id,
				decidedBy: by,
				decidedAt: now,
				decisionReason: note,
				createdAt: now
			})
			.returning()
			.get();
		audit(db, actor, {
			action: 'plan.counter',
			entity: 'plan',
			entityId: plan.id,
			before: { status: 'proposed' },
			after: {
				status: 'rejected',
				counterPlanId: counter.id,
				counter: p,
				broken: ev.violations.map((v) => v.rule)
			}
		});
		notice(db, counter, 'plan_countered', now);
		return counter;
	});
}
