/**
 * Installment plans, the debtor's side: the plan page, proposing, answering a counter-offer,
 * withdrawing, and what may be paid ahead.
 */
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { type Currency } from '$lib/domain/money';
import { evaluateProposal, type Proposal } from '$lib/domain/plans';
import { parseRules, type CreditorRules } from '$lib/domain/rules';
import { type ScheduleItem } from '$lib/domain/schedule';
import { FREQUENCIES } from '$lib/domain/schedule-types';
import type { DB } from '../db/client';
import { plans } from '../db/schema';
import { audit, insertAudited } from './audit';
import { ConflictError, ValidationError } from './errors';
import { claimRules } from './rules';
import { writeTx } from './tx';
import { debtorRow } from './owned';
import { activate, endPlan } from './plan-lifecycle';
import {
	type PlanRow,
	type InstallmentRow,
	type ClaimRow,
	fieldErrors,
	nowAndToday,
	planContext,
	scheduleOf,
	openPlanOf,
	installmentsOf,
	assertLaidOut,
	assertKeepsRules,
	creditorNameOf,
	planTerms
} from './plan-common';
import { actingClaim, debtorClaim } from './claim-state';

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
	const creditorName = creditorNameOf(db, claim.creditorId);
	const open = openPlanOf(db, claim.id);
	const all = db
		.select()
		.from(plans)
		.where(eq(plans.claimId, claim.id))
		.orderBy(desc(plans.id))
		.all();
	const counteredIds = new Set(all.filter((p) => p.counterOfId != null).map((p) => p.counterOfId));
	// rules: an open plan keeps its own snapshot; a new proposal is checked against today's rules
	const rules = open ? parseRules(open.rulesJson) : claimRules(db, claim);
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
	/**
	 * A field agent entering the plan on the debtor's behalf at a visit: every rule must be kept
	 * (a broken one is refused next to its field), as for an operator's counter-offer.
	 */
	withinRules?: boolean;
	/** language of the amounts in a refusal's params */
	lang?: 'hu' | 'en';
}

/**
 * The debtor proposes. Inside the auto-approve limits (and asked to start) the plan is active at
 * once and the claim is in_plan; otherwise it waits for an operator. One open plan per claim.
 * Throws ValidationError (per field) when the proposal cannot be laid out at all, or when an
 * immediate start was asked for a plan that breaks a rule.
 */
export function proposePlan(db: DB, actor: Actor, input: ProposeInput): PlanRow {
	return writeTx(db, () => {
		// the debtor's own claim, or staff proposing on the debtor's behalf (a call, a visit)
		const claim = actingClaim(db, actor, input.claimId);
		const { now, today } = nowAndToday();
		if (claim.status !== 'open' || claim.balanceMinor <= 0)
			throw new ConflictError('plans.error.claimNotOpen');
		if (openPlanOf(db, claim.id)) throw new ConflictError('plans.error.openPlan');
		const rules = claimRules(db, claim);
		const p = input.proposal;
		if (!FREQUENCIES.includes(p.frequency))
			throw new ValidationError({ frequency: { key: 'form.invalid' } });
		const ev = evaluateProposal(rules, planContext(claim, today, input.lang), p);
		assertLaidOut(p, ev);
		if (input.withinRules) assertKeepsRules(ev.violations);
		if (input.mode === 'auto' && !ev.autoApprove) {
			if (ev.violations.length > 0) throw new ValidationError(fieldErrors(ev.violations));
			throw new ConflictError('plans.error.notAuto');
		}
		const budget = input.budget ?? null;
		const row = insertAudited(db, actor, plans, {
			values: {
				...planTerms(claim, p),
				status: 'proposed',
				rulesJson: JSON.stringify(rules),
				autoApproved: input.mode === 'auto',
				budgetIncomeMinor: budget?.incomeMinor ?? null,
				budgetCostsMinor: budget?.costsMinor ?? null,
				createdAt: now
			},
			audit: {
				action: 'plan.propose',
				entity: 'plan',
				after: {
					claimId: claim.id,
					...p,
					totalMinor: claim.balanceMinor,
					mode: input.mode,
					broken: ev.violations.map((v) => v.rule),
					budget: budget != null,
					// staff entering it (a call, a visit, the case page): on the debtor's behalf
					...(actor.kind === 'debtor' ? {} : { onBehalfOfDebtorId: claim.debtorId })
				}
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
	const plan = debtorRow(db, actor, 'plan', planId);
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
	debtorEndsPlan(db, actor, input.planId, 'countered', 'declined', 'plan.decline_counter');
}

/** The debtor withdraws a proposal still waiting for an operator. */
export function withdrawProposal(db: DB, actor: Actor, input: { planId: number }): void {
	debtorEndsPlan(db, actor, input.planId, 'proposed', 'cancelled', 'plan.withdraw');
}

/** The debtor ends a plan of theirs that waits for them or for an operator, audited. */
function debtorEndsPlan(
	db: DB,
	actor: Actor,
	planId: number,
	from: 'countered' | 'proposed',
	to: 'declined' | 'cancelled',
	action: 'plan.decline_counter' | 'plan.withdraw'
): void {
	writeTx(db, () => {
		const { plan } = debtorPlan(db, actor, planId, from);
		const { now } = nowAndToday();
		endPlan(db, actor, plan, { to, action, now });
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
