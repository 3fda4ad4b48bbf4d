/**
 * Installment plans: the debtor's proposal (auto-approved inside the creditor's limits, otherwise
 * sent for review), the operator's decision (approve, reject with a reason, counter), the debtor's
 * answer to a counter-offer, and what the living plan page and the operator queue show.
 *
 * A plan copies the rules in force when it was proposed (plans.rules_json): later rule changes
 * never touch it. Installment rows exist only for plans that started (active, then completed or
 * broken); a proposal's or counter-offer's schedule is laid out from its own fields.
 */
import { formatShortDate } from '$lib/format';
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import type { Actor } from '$lib/domain/actor';
import { localDate, today as todayOf } from '$lib/domain/clock';
import { formatMoney, type Currency } from '$lib/domain/money';
import {
	affordableInstallment,
	checkProposal,
	evaluateProposal,
	type PlanContext,
	type Proposal,
	RULE_FIELD,
	type RuleId,
	type Violation
} from '$lib/domain/plans';
import { parseRules, type CreditorRules } from '$lib/domain/rules';
import { buildSchedule, type ScheduleItem } from '$lib/domain/schedule';
import { FREQUENCIES } from '$lib/domain/schedule-types';
import type { DB } from '../db/client';
import { claims, creditors, debtors, installments, payments, plans, promises } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { changeStatus } from './claim-state';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { enqueue } from './outbox';
import { effectiveRules } from './rules';
import { writeTx } from './tx';
import { writePdf } from '../pdf';
import { assertDebtor, assertAgencyStaff } from './actor';

export type PlanRow = typeof plans.$inferSelect;
export type InstallmentRow = typeof installments.$inferSelect;
type ClaimRow = typeof claims.$inferSelect;

export const OPEN_PLAN_STATUSES = ['proposed', 'countered', 'active'] as const;

/** Rules a proposal may break and still go to an operator; the others make it impossible to lay out. */
const HARD_RULES: ReadonlySet<RuleId> = new Set([
	'count_min',
	'down_max',
	'down_whole',
	'first_invalid',
	'first_past'
]);
const MAX_COUNT = 120;

function fieldErrors(
	violations: Violation[],
	only?: (v: Violation) => boolean
): Record<string, { key: string; params?: Record<string, string | number> }> {
	const out: Record<string, { key: string; params?: Record<string, string | number> }> = {};
	for (const v of violations) {
		if (only && !only(v)) continue;
		const f = RULE_FIELD[v.rule];
		if (!out[f]) out[f] = { key: v.key, params: v.params };
	}
	return out;
}

function nowAndToday() {
	const now = clock().now();
	return { now, today: localDate(now) };
}

function debtorClaim(db: DB, actor: Actor, claimId: number): ClaimRow {
	assertDebtor(actor);
	const c = db
		.select()
		.from(claims)
		.where(and(eq(claims.id, claimId), eq(claims.debtorId, actor.debtorId)))
		.get();
	if (!c) throw new NotFoundError('claim');
	return c;
}

export function planContext(
	claim: Pick<ClaimRow, 'balanceMinor' | 'currency'>,
	today: string,
	lang: 'hu' | 'en' = 'hu'
): PlanContext {
	return { balanceMinor: claim.balanceMinor, currency: claim.currency as Currency, today, lang };
}

/** The schedule a plan describes: its installment rows once it started, else laid out from its fields. */
export function scheduleOf(plan: PlanRow, rows?: InstallmentRow[]): ScheduleItem[] {
	if (rows && rows.length > 0)
		return rows.map((r) => ({ seq: r.seq, dueDate: r.dueDate, amountMinor: r.amountMinor }));
	return buildSchedule({
		balanceMinor: plan.totalMinor,
		currency: plan.currency as Currency,
		downPaymentMinor: plan.downPaymentMinor,
		installmentCount: plan.installmentCount,
		frequency: plan.frequency,
		firstDueDate: plan.firstDueDate,
		today: localDate(plan.createdAt)
	});
}

function proposalOf(plan: PlanRow): Proposal {
	return {
		downPaymentMinor: plan.downPaymentMinor,
		installmentCount: plan.installmentCount,
		frequency: plan.frequency,
		firstDueDate: plan.firstDueDate
	};
}

function openPlanOf(db: DB, claimId: number): PlanRow | undefined {
	return db
		.select()
		.from(plans)
		.where(and(eq(plans.claimId, claimId), inArray(plans.status, [...OPEN_PLAN_STATUSES])))
		.orderBy(desc(plans.id))
		.get();
}

function installmentsOf(db: DB, planId: number): InstallmentRow[] {
	return db
		.select()
		.from(installments)
		.where(eq(installments.planId, planId))
		.orderBy(asc(installments.seq))
		.all();
}

function notice(
	db: DB,
	plan: Pick<PlanRow, 'id' | 'debtorId' | 'claimId'>,
	template: Parameters<typeof enqueue>[1]['template'],
	now: number,
	key = template
) {
	enqueue(db, {
		debtorId: plan.debtorId,
		claimId: plan.claimId,
		template,
		params: { planId: plan.id, link: `/my/claims/${plan.claimId}/plan` },
		dedupeKey: `${key}:${plan.id}`,
		now
	});
}

/**
 * Starts a plan: lays out its installments from today on the claim's current balance, marks the
 * claim in_plan and tells the debtor. Throws ConflictError(expiredKey) when a due date has passed.
 * Inside a writeTx.
 */
function activate(
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
	changeStatus(db, actor, claim.id, 'in_plan', `plan ${plan.id}`);
	notice(db, plan, 'plan_active', now);
	return updated;
}

// ------------------------------------------------------------------------------------------------
// Debtor

export interface PlanPageData {
	claim: Pick<
		ClaimRow,
		'id' | 'reference' | 'description' | 'currency' | 'balanceMinor' | 'status'
	>;
	creditorName: string;
	rules: CreditorRules;
	today: string;
	/** the plan in progress: proposal, counter-offer or active plan */
	plan:
		| (PlanRow & {
				schedule: ScheduleItem[];
				installments: InstallmentRow[];
				counterNote: string | null;
		  })
		| null;
	/** earlier plans of this claim, newest first, with what the debtor is told about each */
	history: {
		id: number;
		status: PlanRow['status'];
		at: number;
		reason: string | null;
		countered: boolean;
		approvedByOperator: boolean;
	}[];
	/** a completed plan most recently (for the thank-you) */
	lastCompleted: boolean;
}

/**
 * Everything the debtor's plan page shows. The first time the page is shown for a claim it
 * records that a plan was offered (C9: claims.plan_offered_at), audited.
 */
export function planPage(db: DB, actor: Actor, claimId: number): PlanPageData {
	const claim = debtorClaim(db, actor, claimId);
	const { now, today } = nowAndToday();
	if (claim.planOfferedAt == null) {
		writeTx(db, () => {
			const r = db.$client
				.prepare('UPDATE claims SET plan_offered_at = ? WHERE id = ? AND plan_offered_at IS NULL')
				.run(now, claim.id);
			if (r.changes > 0)
				audit(db, actor, {
					action: 'claim.plan_offered',
					entity: 'claim',
					entityId: claim.id,
					after: { planOfferedAt: now }
				});
		});
	}
	const creditorName =
		db
			.select({ name: creditors.name })
			.from(creditors)
			.where(eq(creditors.id, claim.creditorId))
			.get()?.name ?? '';
	const open = openPlanOf(db, claim.id);
	const all = db
		.select()
		.from(plans)
		.where(eq(plans.claimId, claim.id))
		.orderBy(desc(plans.id))
		.all();
	const counteredIds = new Set(all.filter((p) => p.counterOfId != null).map((p) => p.counterOfId));
	// rules: an open plan keeps its own snapshot; a new proposal is checked against today's rules
	const rules = open
		? parseRules(open.rulesJson)
		: effectiveRules(db, claim.creditorId, claim.portfolioId).rules;
	let plan: PlanPageData['plan'] = null;
	if (open) {
		const rows = open.status === 'active' ? installmentsOf(db, open.id) : [];
		plan = {
			...open,
			installments: rows,
			schedule: scheduleOf(open, rows),
			counterNote: open.status === 'countered' ? open.decisionReason : null
		};
	}
	const history = all
		.filter((p) => !open || p.id !== open.id)
		.map((p) => ({
			id: p.id,
			status: p.status,
			at: p.endedAt ?? p.decidedAt ?? p.createdAt,
			reason: p.status === 'rejected' && !counteredIds.has(p.id) ? p.decisionReason : null,
			countered: counteredIds.has(p.id),
			approvedByOperator: !p.autoApproved && p.decidedBy != null && p.counterOfId == null
		}));
	return {
		claim: {
			id: claim.id,
			reference: claim.reference,
			description: claim.description,
			currency: claim.currency,
			balanceMinor: claim.balanceMinor,
			status: claim.status
		},
		creditorName,
		rules,
		today,
		plan,
		history,
		lastCompleted: all[0]?.status === 'completed'
	};
}

export interface ProposeInput {
	claimId: number;
	proposal: Proposal;
	/** 'auto': start at once (refused unless inside the auto-approve limits); 'review': send to an operator */
	mode: 'auto' | 'review';
	budget?: { incomeMinor: number; costsMinor: number } | null;
}

/**
 * The debtor proposes. Inside the auto-approve limits (and asked to start) the plan is active at
 * once and the claim is in_plan; otherwise it waits for an operator. One open plan per claim.
 * Throws ValidationError (per field) when the proposal cannot be laid out at all, or when an
 * immediate start was asked for a plan that breaks a rule.
 */
export function proposePlan(db: DB, actor: Actor, input: ProposeInput): PlanRow {
	return writeTx(db, () => {
		const claim = debtorClaim(db, actor, input.claimId);
		const { now, today } = nowAndToday();
		if (claim.status !== 'open' || claim.balanceMinor <= 0)
			throw new ConflictError('plans.error.claimNotOpen');
		if (openPlanOf(db, claim.id)) throw new ConflictError('plans.error.openPlan');
		const rules = effectiveRules(db, claim.creditorId, claim.portfolioId).rules;
		const p = input.proposal;
		if (!FREQUENCIES.includes(p.frequency))
			throw new ValidationError({ frequency: { key: 'form.invalid' } });
		const ev = evaluateProposal(rules, planContext(claim, today), p);
		const hard = ev.violations.filter((v) => HARD_RULES.has(v.rule));
		if (hard.length > 0 || !ev.schedule)
			throw new ValidationError(fieldErrors(hard.length ? hard : ev.violations));
		if (p.installmentCount > MAX_COUNT)
			throw new ValidationError({
				installmentCount: { key: 'plans.rule.countMax', params: { max: MAX_COUNT } }
			});
		if (input.mode === 'auto' && !ev.autoApprove) {
			if (ev.violations.length > 0) throw new ValidationError(fieldErrors(ev.violations));
			throw new ConflictError('plans.error.notAuto');
		}
		const budget = input.budget ?? null;
		const row = db
			.insert(plans)
			.values({
				claimId: claim.id,
				debtorId: claim.debtorId,
				status: 'proposed',
				frequency: p.frequency,
				downPaymentMinor: p.downPaymentMinor,
				installmentCount: p.installmentCount,
				firstDueDate: p.firstDueDate,
				totalMinor: claim.balanceMinor,
				currency: claim.currency,
				rulesJson: JSON.stringify(rules),
				autoApproved: input.mode === 'auto',
				budgetIncomeMinor: budget?.incomeMinor ?? null,
				budgetCostsMinor: budget?.costsMinor ?? null,
				createdAt: now
			})
			.returning()
			.get();
		audit(db, actor, {
			action: 'plan.propose',
			entity: 'plan',
			entityId: row.id,
			after: {
				claimId: claim.id,
				...p,
				totalMinor: claim.balanceMinor,
				mode: input.mode,
				broken: ev.violations.map((v) => v.rule),
				budget: budget != null
			}
		});
		if (input.mode === 'auto') return activate(db, actor, row, claim, 'plans.error.state');
		return row;
	});
}

function debtorPlan(
	db: DB,
	actor: Actor,
	planId: number,
	status: PlanRow['status']
): { plan: PlanRow; claim: ClaimRow } {
	assertDebtor(actor);
	const plan = db
		.select()
		.from(plans)
		.where(and(eq(plans.id, planId), eq(plans.debtorId, actor.debtorId)))
		.get();
	if (!plan) throw new NotFoundError('plan');
	if (plan.status !== status) throw new ConflictError('plans.error.state');
	const claim = debtorClaim(db, actor, plan.claimId);
	return { plan, claim };
}

/** The debtor accepts an operator's counter-offer: the plan starts. */
export function acceptCounter(db: DB, actor: Actor, input: { planId: number }): PlanRow {
	return writeTx(db, () => {
		const { plan, claim } = debtorPlan(db, actor, input.planId, 'countered');
		audit(db, actor, {
			action: 'plan.accept_counter',
			entity: 'plan',
			entityId: plan.id,
			before: { status: 'countered' }
		});
		return activate(db, actor, plan, claim, 'plans.error.counterExpired');
	});
}

/** The debtor declines a counter-offer; the claim stays open and a new proposal can be made. */
export function declineCounter(db: DB, actor: Actor, input: { planId: number }): void {
	writeTx(db, () => {
		const { plan } = debtorPlan(db, actor, input.planId, 'countered');
		const { now } = nowAndToday();
		db.update(plans).set({ status: 'declined', endedAt: now }).where(eq(plans.id, plan.id)).run();
		audit(db, actor, {
			action: 'plan.decline_counter',
			entity: 'plan',
			entityId: plan.id,
			before: { status: 'countered' },
			after: { status: 'declined' }
		});
	});
}

/**
 * A counter-offer the debtor did not accept by its first due date can no longer start (its dates
 * have passed): it lapses, and the debtor is told they can propose again. Inside a writeTx (the
 * daily job).
 */
export function lapseCounter(db: DB, actor: Actor, plan: PlanRow, now: number): void {
	db.update(plans).set({ status: 'lapsed', endedAt: now }).where(eq(plans.id, plan.id)).run();
	audit(db, actor, {
		action: 'plan.lapse',
		entity: 'plan',
		entityId: plan.id,
		before: { status: 'countered' },
		after: { status: 'lapsed', firstDueDate: plan.firstDueDate }
	});
	notice(db, plan, 'plan_lapsed', now);
}

/** The debtor withdraws a proposal still waiting for an operator. */
export function withdrawProposal(db: DB, actor: Actor, input: { planId: number }): void {
	writeTx(db, () => {
		const { plan } = debtorPlan(db, actor, input.planId, 'proposed');
		const { now } = nowAndToday();
		db.update(plans).set({ status: 'cancelled', endedAt: now }).where(eq(plans.id, plan.id)).run();
		audit(db, actor, {
			action: 'plan.withdraw',
			entity: 'plan',
			entityId: plan.id,
			before: { status: 'proposed' },
			after: { status: 'cancelled' }
		});
	});
}

/** What the debtor can pay on an active plan: the next installment's open amount and everything left. */
export function planPaymentLimits(db: DB, actor: Actor, input: { claimId: number }) {
	const claim = debtorClaim(db, actor, input.claimId);
	const plan = openPlanOf(db, claim.id);
	if (!plan || plan.status !== 'active') throw new ConflictError('plans.error.state');
	const rows = installmentsOf(db, plan.id);
	const open = rows.filter((r) => r.paidMinor < r.amountMinor);
	const remaining = open.reduce((a, r) => a + r.amountMinor - r.paidMinor, 0);
	const next = open[0] ?? null;
	const unit = claim.currency === 'HUF' ? 100 : 1;
	const up = (n: number) => Math.ceil(n / unit) * unit;
	return {
		planId: plan.id,
		claimId: claim.id,
		currency: claim.currency as Currency,
		/** rounded up to whole forints (the gateway takes whole forints) */
		nextMinor: next ? Math.min(up(next.amountMinor - next.paidMinor), up(remaining)) : 0,
		nextPurpose: next?.seq === 0 ? ('down_payment' as const) : ('installment' as const),
		remainingMinor: up(remaining)
	};
}

// ------------------------------------------------------------------------------------------------
// Operators

/** Proposals waiting for an operator, oldest first, each with its rule evaluation (against its rules snapshot, as of today). */
export function planQueue(db: DB, actor: Actor, lang: 'hu' | 'en' = 'hu') {
	assertAgencyStaff(actor);
	const today = todayOf(clock());
	const rows = db
		.select({
			plan: plans,
			reference: claims.reference,
			balanceMinor: claims.balanceMinor,
			debtorName: debtors.name
		})
		.from(plans)
		.innerJoin(claims, eq(claims.id, plans.claimId))
		.innerJoin(debtors, eq(debtors.id, plans.debtorId))
		.where(eq(plans.status, 'proposed'))
		.orderBy(asc(plans.createdAt), asc(plans.id))
		.limit(500)
		.all();
	return rows.map((r) => {
		const ev = checkProposal(
			parseRules(r.plan.rulesJson),
			planContext({ balanceMinor: r.balanceMinor, currency: r.plan.currency }, today, lang),
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
	const creditorName =
		db
			.select({ name: creditors.name })
			.from(creditors)
			.where(eq(creditors.id, claim.creditorId))
			.get()?.name ?? '';
	const today = todayOf(clock());
	const rules = parseRules(plan.rulesJson);
	const evaluation = evaluateProposal(rules, planContext(claim, today, lang), proposalOf(plan));
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
				amountMinor: payments.amountMinor,
				currency: payments.currency,
				status: payments.status,
				purpose: payments.purpose,
				createdAt: payments.createdAt,
				completedAt: payments.completedAt
			})
			.from(payments)
			.where(and(eq(payments.debtorId, plan.debtorId), ne(payments.status, 'pending')))
			.orderBy(desc(payments.createdAt))
			.limit(20)
			.all(),
		plans: db
			.select({
				id: plans.id,
				claimId: plans.claimId,
				status: plans.status,
				installmentCount: plans.installmentCount,
				frequency: plans.frequency,
				totalMinor: plans.totalMinor,
				currency: plans.currency,
				createdAt: plans.createdAt,
				endedAt: plans.endedAt
			})
			.from(plans)
			.where(and(eq(plans.debtorId, plan.debtorId), ne(plans.id, plan.id)))
			.orderBy(desc(plans.createdAt))
			.limit(20)
			.all(),
		promises: db
			.select({
				id: promises.id,
				claimId: promises.claimId,
				promisedDate: promises.promisedDate,
				amountMinor: promises.amountMinor,
				status: promises.status
			})
			.from(promises)
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
 * snapshot; an operator may offer outside the rules, but the schedule must be possible (dates from
 * today, a down payment below the balance, 1..120 installments).
 */
export function counterPlan(
	db: DB,
	actor: Actor,
	input: { planId: number; proposal: Proposal; note?: string }
): PlanRow {
	return writeTx(db, () => {
		const { plan, claim } = proposedPlan(db, actor, input.planId);
		const { now, today } = nowAndToday();
		const p = input.proposal;
		if (!FREQUENCIES.includes(p.frequency))
			throw new ValidationError({ frequency: { key: 'form.invalid' } });
		const rules = parseRules(plan.rulesJson);
		const ev = checkProposal(rules, planContext(claim, today), p);
		const hard = ev.violations.filter((v) => HARD_RULES.has(v.rule));
		if (hard.length > 0 || !ev.schedule)
			throw new ValidationError(fieldErrors(hard.length ? hard : ev.violations));
		if (p.installmentCount > MAX_COUNT)
			throw new ValidationError({
				installmentCount: { key: 'plans.rule.countMax', params: { max: MAX_COUNT } }
			});
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
				claimId: claim.id,
				debtorId: claim.debtorId,
				status: 'countered',
				frequency: p.frequency,
				downPaymentMinor: p.downPaymentMinor,
				installmentCount: p.installmentCount,
				firstDueDate: p.firstDueDate,
				totalMinor: claim.balanceMinor,
				currency: claim.currency,
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

// ------------------------------------------------------------------------------------------------
// Endings (used by settlement and the daily job; inside a writeTx)

/** A plan whose schedule is fully paid completes; the claim is settled (paid) when nothing is owed, else back to open. */
export function completePlan(db: DB, actor: Actor, plan: PlanRow, now: number): void {
	db.update(plans).set({ status: 'completed', endedAt: now }).where(eq(plans.id, plan.id)).run();
	audit(db, actor, {
		action: 'plan.complete',
		entity: 'plan',
		entityId: plan.id,
		before: { status: plan.status },
		after: { status: 'completed' }
	});
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
	notice(db, plan, 'plan_broken', now);
}

// ------------------------------------------------------------------------------------------------
// PDF data

/** What the confirmation PDF shows, scoped to the debtor. */
export function planPdfData(db: DB, actor: Actor, claimId: number) {
	const claim = debtorClaim(db, actor, claimId);
	const plan = db
		.select()
		.from(plans)
		.where(and(eq(plans.claimId, claim.id), inArray(plans.status, ['active', 'completed'])))
		.orderBy(desc(plans.id))
		.get();
	if (!plan) throw new NotFoundError('plan');
	const debtor = db
		.select({ name: debtors.name })
		.from(debtors)
		.where(eq(debtors.id, claim.debtorId))
		.get()!;
	const creditorName =
		db
			.select({ name: creditors.name })
			.from(creditors)
			.where(eq(creditors.id, claim.creditorId))
			.get()?.name ?? '';
	const rows = installmentsOf(db, plan.id);
	return {
		plan,
		installments: rows,
		claim: { reference: claim.reference, currency: claim.currency as Currency },
		debtorName: debtor.name,
		creditorName,
		graceDays: parseRules(plan.rulesJson).graceDays
	};
}

// ------------------------------------------------------------------------------------------------
// The confirmation PDF

/** The agreed plan and its schedule as a PDF (the one PDF writer, server/pdf.ts). */
export async function planPdf(
	db: DB,
	actor: Actor,
	claimId: number,
	lang: Lang
): Promise<{ bytes: Uint8Array; filename: string }> {
	const d = planPdfData(db, actor, claimId);
	const tr = (k: MessageKey, p?: Record<string, string | number>) => translate(lang, k, p);
	const money = (m: number) => formatMoney(m, d.claim.currency, lang);
	const bytes = await writePdf(tr('plans.pdf.title'), (w) => {
		w.text(tr('app.agency'), 10, 10);
		w.text(tr('plans.pdf.title'), 18, 14);
		w.text(tr('plans.pdf.claim', { reference: d.claim.reference }));
		w.text(tr('plans.pdf.creditor', { creditor: d.creditorName }));
		w.text(tr('plans.pdf.debtor', { name: d.debtorName }));
		w.text(tr('plans.pdf.agreed', { date: localDate(d.plan.decidedAt ?? d.plan.createdAt) }));
		w.text(tr('plans.pdf.total', { amount: money(d.plan.totalMinor) }), 12, 16);
		const columns = (seq: string, due: string, amount: string, gap: number) =>
			w.cells(
				[
					{ text: seq, x: 56 },
					{ text: due, x: 200 },
					{ text: amount, x: w.right, align: 'right' }
				],
				11,
				gap
			);
		columns(tr('plans.schedule.seq'), tr('plans.schedule.due'), tr('plans.schedule.amount'), 5);
		for (const r of d.installments)
			columns(
				r.seq === 0 ? tr('plans.inst.down') : String(r.seq),
				formatShortDate(r.dueDate, lang),
				money(r.amountMinor),
				4
			);
		w.space(10);
		w.text(tr('plans.pdf.footer', { grace: d.graceDays }), 10, 4);
	});
	return {
		bytes,
		filename: `reszletfizetes-${d.claim.reference.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`
	};
}
