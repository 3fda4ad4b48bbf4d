/**
 * What the plan services share: the row types, the rules a proposal may not break at all, the
 * claim as its debtor may see it, a plan's schedule, and the notices a plan sends.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { localDate } from '$lib/domain/clock';
import { type Currency } from '$lib/domain/money';
import {
	type PlanContext,
	type Proposal,
	RULE_FIELD,
	type RuleId,
	type Violation
} from '$lib/domain/plans';
import { buildSchedule, type ScheduleItem } from '$lib/domain/schedule';
import type { DB } from '../db/client';
import { creditors, installments, plans } from '../db/schema';
import { clock } from '../clock';
import { ConflictError, ValidationError } from './errors';
import { enqueue } from './outbox';
import type { ClaimRow } from './claim-state';

export type PlanRow = typeof plans.$inferSelect;
export type InstallmentRow = typeof installments.$inferSelect;
export type { ClaimRow };

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

export function fieldErrors(
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

export function nowAndToday() {
	const now = clock().now();
	return { now, today: localDate(now) };
}

/** What a plan takes from its proposal and its claim: it settles the balance, in the claim's currency. */
export function planTerms(
	claim: Pick<ClaimRow, 'id' | 'debtorId' | 'balanceMinor' | 'currency'>,
	p: Proposal
) {
	return {
		claimId: claim.id,
		debtorId: claim.debtorId,
		frequency: p.frequency,
		downPaymentMinor: p.downPaymentMinor,
		installmentCount: p.installmentCount,
		firstDueDate: p.firstDueDate,
		totalMinor: claim.balanceMinor,
		currency: claim.currency
	};
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

export function proposalOf(plan: PlanRow): Proposal {
	return {
		downPaymentMinor: plan.downPaymentMinor,
		installmentCount: plan.installmentCount,
		frequency: plan.frequency,
		firstDueDate: plan.firstDueDate
	};
}

/** The claim's latest plan in one of these statuses. */
function latestPlanOf(
	db: DB,
	claimId: number,
	statuses: readonly PlanRow['status'][]
): PlanRow | undefined {
	return db
		.select()
		.from(plans)
		.where(and(eq(plans.claimId, claimId), inArray(plans.status, [...statuses])))
		.orderBy(desc(plans.id))
		.get();
}

export function openPlanOf(db: DB, claimId: number): PlanRow | undefined {
	return latestPlanOf(db, claimId, OPEN_PLAN_STATUSES);
}

/** What a plan of the claim waits for: an operator's decision on a proposal, or the debtor's answer to a counter-offer. */
export type PlanWait = 'proposed' | 'countered';

/** The claim's plan that waits for a decision (its status), else null. */
export function waitingPlanOf(db: DB, claimId: number): PlanWait | null {
	const s = openPlanOf(db, claimId)?.status;
	return s === 'proposed' || s === 'countered' ? s : null;
}

/**
 * While a plan waits for a decision the debtor neither promises a date nor asks for a pause: the
 * plan is their answer on how they pay, and the next step (domain/next-step.ts) goes on until it
 * starts. Paying stays open. ConflictError `plans.waiting.<status>`, worded for the page.
 */
export function refuseWhilePlanWaits(db: DB, claimId: number): void {
	const w = waitingPlanOf(db, claimId);
	if (w) throw new ConflictError(`plans.waiting.${w}`);
}

/** The plan the debtor agreed to (active, or completed since): what its PDF and refunds read. */
export function agreedPlanOf(db: DB, claimId: number): PlanRow | undefined {
	return latestPlanOf(db, claimId, ['active', 'completed']);
}

export function installmentsOf(db: DB, planId: number): InstallmentRow[] {
	return db
		.select()
		.from(installments)
		.where(eq(installments.planId, planId))
		.orderBy(asc(installments.seq))
		.all();
}

export function notice(
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

/** The creditor's name as the plan pages and the PDF show it. */
export function creditorNameOf(db: DB, creditorId: number): string {
	return (
		db.select({ name: creditors.name }).from(creditors).where(eq(creditors.id, creditorId)).get()
			?.name ?? ''
	);
}

/**
 * A proposal that cannot be laid out at all (a hard rule broken, no schedule, more installments
 * than any plan may have) is refused, each reason next to its field.
 */
export function assertLaidOut(
	p: Proposal,
	ev: { violations: Violation[]; schedule: unknown }
): void {
	const hard = ev.violations.filter((v) => HARD_RULES.has(v.rule));
	if (hard.length > 0 || !ev.schedule)
		throw new ValidationError(fieldErrors(hard.length ? hard : ev.violations));
	if (p.installmentCount > MAX_COUNT)
		throw new ValidationError({
			installmentCount: { key: 'plans.rule.countMax', params: { max: MAX_COUNT } }
		});
}

/**
 * A plan the agency's staff enter (an operator's counter-offer, a field agent's proposal on the
 * debtor's behalf) keeps every one of the creditor's rules: the same check as the debtor's form
 * and the review queue's "N violations". Each broken rule is refused next to its field; a balance
 * the rules take no plan for at all is one message. There is no override.
 */
export function assertKeepsRules(violations: Violation[]): void {
	if (violations.length === 0) return;
	const atOnce = violations.find((v) => v.rule === 'pay_at_once');
	if (atOnce) throw new ConflictError(atOnce.key, atOnce.params);
	throw new ValidationError(fieldErrors(violations));
}
