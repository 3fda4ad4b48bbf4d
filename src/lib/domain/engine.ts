/**
 * The collection engine's one pure evaluator (issue 16, item 3):
 *   (claim facts, strategy version, as-of day) -> (stage transitions, planned actions).
 * The nightly run, the re-evaluation after a payment or a promise, the strategy editor's preview
 * and the seed's history all call this one function, so they cannot disagree.
 *
 * The failure modes of the engines we studied, and how each is avoided here by construction:
 *
 * - Kill Bill re-evaluated overdue states on every payment and skipped a state after a partial
 *   payment. Here the stage never depends on the balance: it moves by active days only, one stage
 *   per evaluation, always to the next stage of the path (`nextStage`), and the next stage also
 *   needs the previous one to have lasted its full gap in active days. A balance below a stage's
 *   minimum makes that stage silent (still entered and recorded) or closes the claim; it never
 *   moves the claim past a stage.
 * - OCA's locked batch never skipped a level but a changed policy left stale lines; Lago reset
 *   counters when a live campaign was edited. A claim is evaluated under the immutable version it
 *   started with, and every action's key names that version (strategy.ts).
 * - Invoice Ninja sent 22 reminders from a cron running every 15 minutes. Every planned action has
 *   a unique key (claim, version, stage, step, occurrence); an evaluation fed its own result plans
 *   nothing new, however often it runs on a day (a tested property), and the daily run's table
 *   makes the key unique too.
 * - Odoo reminded customers who had already paid unless payments were reconciled first. The
 *   evaluator reads the claim's balance after the ledger: a zero balance plans nothing whatever the
 *   status says, and tells the caller to cancel what is still pending.
 *
 * Dates are Budapest calendar days ('YYYY-MM-DD'). The run happens once per business day; an
 * action planned on any other day (a re-evaluation on a Saturday payment) is dated the next
 * business day (C1).
 */
import {
	activeDaysBetween,
	activeDaysPastDue,
	dateAfterActiveDays,
	stopsOn,
	suppressedOn
} from './holds';
import type { Hold } from './holds';
import { nextBusinessDay } from './holidays';
import { stageFeeDecision, type DebtorKind, type FeeDecision } from './stage-fees';
import {
	nextStage,
	stageOf,
	strategyIn,
	type PathStage,
	type StrategyStage,
	type StrategyVersion
} from './strategy';
import type { Channel, ClaimStatus, Stage } from './stages';
import type { ActionKind } from './engine-records';

export interface ClaimFacts {
	claimId: number;
	dueDate: string;
	/** after every payment is reconciled (the ledger's balance) */
	balanceMinor: number;
	currency: string;
	debtorKind: DebtorKind;
	status: ClaimStatus;
	stage: Stage;
	/** the day the claim entered its stage; null for 'new' (the due date counts) */
	stageEnteredOn: string | null;
	holds: readonly Hold[];
	/** C9: a plan was offered (every sent reminder links to the plan page, so one counts) */
	planOffered: boolean;
	/** keys of every action already planned for this claim */
	plannedKeys: ReadonlySet<string>;
	/** 0; raised only by an explicit restart of the process (a new occurrence of every step) */
	cycle: number;
	contractAllowsFees: boolean;
	/** forints a euro: the strategy's amounts (forints) on a euro claim (strategy.ts strategyIn) */
	hufPerEur: number;
	/** EUR 40 in the claim's currency at the day's rate (C14); null when unknown */
	lumpSumInCurrencyMinor: number | null;
	lumpSumCharged: boolean;
}

/** Why something was decided: the rule and the facts it read, kept with the action (C12). */
export interface Why {
	rule: string;
	facts: Record<string, string | number | boolean | null>;
}

export interface StageTransition {
	claimId: number;
	from: Stage;
	to: PathStage;
	on: string;
	/** entered below the stage's minimum balance: no steps, no fee */
	silent: boolean;
	why: Why;
}

export interface PlannedAction {
	/** unique per claim, version, stage, step and occurrence: the daily run inserts under it */
	key: string;
	claimId: number;
	kind: ActionKind;
	stage: Stage;
	step: string;
	occurrence: number;
	/** a business day, never before the as-of day */
	date: string;
	/** fallback order; empty for handovers and fees */
	channels: Channel[];
	template: string | null;
	amountMinor: number | null;
	why: Why;
}

export interface Evaluation {
	/** at most one: the claim moves at most one stage per evaluation, to the next in the path */
	transitions: StageTransition[];
	actions: PlannedAction[];
	close: { reason: 'uneconomic'; why: Why } | null;
	/** pending actions the caller cancels: all of them, or all but the new stage's */
	cancel: { reason: 'paid' | 'closed' | 'hold' | 'moved_on'; keepStage: Stage | null } | null;
	/** why the claim does not move although days pass (on hold, C9 waiting for a plan offer) */
	waiting: Why | null;
	refusedFees: (FeeDecision & { charge: false })[];
	activeDaysPastDue: number;
}

const empty = (activeDays: number): Evaluation => ({
	transitions: [],
	actions: [],
	close: null,
	cancel: null,
	waiting: null,
	refusedFees: [],
	activeDaysPastDue: activeDays
});

export function actionKey(
	f: Pick<ClaimFacts, 'claimId' | 'cycle'>,
	v: Pick<StrategyVersion, 'strategyId' | 'version'>,
	stage: Stage,
	step: string
): string {
	return `${f.claimId}:${v.strategyId}@${v.version}:${stage}:${step}:${f.cycle}`;
}

/** The C14 lump sum is due once per claim, whatever the version or cycle. */
export const lumpSumKey = (claimId: number) => `${claimId}:c14_lump_sum`;

/** C9 applies to the formal notice and to anything after it (a version may leave stages out). */
const ESCALATION = new Set<Stage>(['formal_notice', 'legal']);
/** C9: whether entering this stage needs a plan offer first (the engine's rule, for an operator's escalation too). */
export const needsPlanOffer = (stage: Stage): boolean => ESCALATION.has(stage);

/**
 * One claim, one day. In order: paid or closed plans nothing; a stop-clock hold (or a disputed or
 * in-plan status) plans nothing; then at most one stage transition, to the next stage of the path,
 * once the claim has both the next stage's active days past due and the full gap in its current
 * stage (so a stage entered late because of a weekend or a late placement still gets its time, and
 * later stages may come a few days after their nominal day, never before); below the next stage's
 * minimum the claim closes or enters it silently; the formal notice waits for a plan offer (C9);
 * then the current stage's steps whose day has come, each under its key.
 */
export function evaluateClaim(f: ClaimFacts, version: StrategyVersion, asOf: string): Evaluation {
	const v = strategyIn(version, f.currency, f.hufPerEur);
	// Odoo: the balance decides, not a status that may lag behind the ledger
	if (f.status === 'paid' || f.balanceMinor <= 0)
		return { ...empty(0), cancel: { reason: 'paid', keepStage: null } };
	if (f.status === 'closed') return { ...empty(0), cancel: { reason: 'closed', keepStage: null } };

	const activeDays = activeDaysPastDue(f.dueDate, asOf, f.holds);
	const stops = stopsOn(f.holds, asOf);
	if (stops.length > 0 || f.status === 'disputed' || f.status === 'in_plan') {
		return {
			...empty(activeDays),
			cancel: { reason: 'hold', keepStage: null },
			waiting: {
				rule: 'hold',
				facts: { holds: stops.map((h) => h.kind).join(',') || null, status: f.status }
			}
		};
	}

	const out = empty(activeDays);
	const actionDate = nextBusinessDay(asOf);
	const suppressed = suppressedOn(f.holds, asOf);
	const reachable = (channels: Channel[]) => channels.filter((c) => !suppressed.has(c));

	let stage: Stage = f.stage;
	let enteredOn = f.stageEnteredOn ?? f.dueDate;
	let current: StrategyStage | null = stageOf(v, stage);

	const next = nextStage(v, stage);
	const inStage = activeDaysBetween(enteredOn, asOf, f.holds);
	// the full gap in the previous stage, so a claim placed late still gets every stage's time
	const gap = next && current ? next.startDay - current.startDay : 0;
	if (next && activeDays >= next.startDay && inStage >= gap) {
		const facts = {
			activeDaysPastDue: activeDays,
			startDay: next.startDay,
			activeDaysInStage: inStage
		};
		if (f.balanceMinor < next.minBalanceMinor && next.belowMinimum === 'close_uneconomic') {
			out.close = {
				reason: 'uneconomic',
				why: {
					rule: 'below_stage_minimum',
					facts: {
						stage: next.stage,
						balanceMinor: f.balanceMinor,
						minBalanceMinor: next.minBalanceMinor
					}
				}
			};
			out.cancel = { reason: 'closed', keepStage: null };
			return out;
		} else if (ESCALATION.has(next.stage) && !f.planOffered) {
			// C9: no formal notice before a plan offer; make the offer (once) and wait
			out.waiting = { rule: 'c9_plan_offer_first', facts };
			const key = actionKey(f, v, stage, 'plan_offer');
			const channels = reachable(v.planOffer.channels);
			if (!f.plannedKeys.has(key) && channels.length > 0) {
				out.actions.push({
					key,
					claimId: f.claimId,
					kind: 'contact',
					stage,
					step: 'plan_offer',
					occurrence: f.cycle,
					date: actionDate,
					channels,
					template: v.planOffer.template,
					amountMinor: null,
					why: { rule: 'c9_plan_offer_first', facts }
				});
			}
		} else {
			const silent = f.balanceMinor < next.minBalanceMinor;
			out.transitions.push({
				claimId: f.claimId,
				from: stage,
				to: next.stage,
				on: asOf,
				silent,
				why: { rule: silent ? 'stage_due_below_minimum' : 'stage_due', facts }
			});
			out.cancel = { reason: 'moved_on', keepStage: next.stage };
			stage = next.stage;
			enteredOn = asOf;
			current = next;
			if (!silent) enterStage(f, v, next, asOf, actionDate, out);
		}
	}

	if (current && f.balanceMinor >= current.minBalanceMinor)
		planSteps(f, v, current, enteredOn, asOf, actionDate, reachable, out);
	return out;
}

/** On entry: the stage fee (where allowed) and, for the legal stage, the handover. */
function enterStage(
	f: ClaimFacts,
	v: StrategyVersion,
	s: StrategyStage,
	asOf: string,
	date: string,
	out: Evaluation
): void {
	const base = {
		claimId: f.claimId,
		stage: s.stage,
		occurrence: f.cycle,
		date,
		channels: [],
		template: null
	};
	const push = (a: PlannedAction) => {
		if (!f.plannedKeys.has(a.key)) out.actions.push(a);
	};
	if (s.fee) {
		const d = stageFeeDecision(s.fee, { ...f, asOf });
		if (d.charge) {
			push({
				...base,
				key: d.rule === 'c14_lump_sum' ? lumpSumKey(f.claimId) : actionKey(f, v, s.stage, 'fee'),
				kind: 'fee',
				step: 'fee',
				amountMinor: d.amountMinor,
				why: { rule: d.rule, facts: { debtorKind: f.debtorKind, dueDate: f.dueDate, asOf } }
			});
		} else out.refusedFees.push(d);
	}
	if (s.stage === 'legal' && v.leadsTo === 'legal_handover') {
		push({
			...base,
			key: actionKey(f, v, s.stage, 'handover'),
			kind: 'handover',
			step: 'handover',
			amountMinor: null,
			why: { rule: 'legal_handover', facts: { balanceMinor: f.balanceMinor } }
		});
	}
}

/**
 * The stage's steps whose day has come. A step whose business day already passed unplanned (a
 * missed run, a channel suppressed that day) follows its missed-days policy: run it late, run it
 * only if no later step of the stage is due too, or drop it. Each decision only gets more settled
 * as days pass, so a dropped step never comes back.
 */
function planSteps(
	f: ClaimFacts,
	v: StrategyVersion,
	s: StrategyStage,
	enteredOn: string,
	asOf: string,
	date: string,
	reachable: (c: Channel[]) => Channel[],
	out: Evaluation
): void {
	const dueOn = s.steps.map((st) => dateAfterActiveDays(enteredOn, st.day, f.holds));
	const isDue = dueOn.map((d) => d !== null && d <= asOf);
	s.steps.forEach((st, i) => {
		if (!isDue[i]) return;
		const key = actionKey(f, v, s.stage, st.key);
		if (f.plannedKeys.has(key)) return;
		const due = dueOn[i]!;
		const missed = nextBusinessDay(due) < asOf;
		if (missed) {
			if (st.missed === 'skip') return;
			if (st.missed === 'latest_only' && isDue.some((d, j) => j > i && d)) return;
		}
		const channels = reachable(st.channels);
		if (channels.length === 0) return; // suppressed today; its missed-days policy decides later
		out.actions.push({
			key,
			claimId: f.claimId,
			kind: 'contact',
			stage: s.stage,
			step: st.key,
			occurrence: f.cycle,
			date,
			channels,
			template: st.template,
			amountMinor: null,
			why: {
				rule: missed ? `step_missed_${st.missed}` : 'step_due',
				facts: { stage: s.stage, step: st.key, day: st.day, enteredOn, dueOn: due }
			}
		});
	});
}

/**
 * The first day after `asOf` on which `evaluateClaim` could decide anything new for these facts
 * (fed with `asOf`'s own result), or null when nothing will happen until the facts change (paid,
 * a status change, a hold ended, a plan offered). Every day in between would evaluate to nothing
 * new, so a caller that walks days (the seed's history) may jump there; a fact that changes (a
 * payment, a promise, a hold) needs a fresh evaluation anyway. A tested property: no day before it
 * plans or moves anything.
 */
export function nextWakeDay(f: ClaimFacts, v: StrategyVersion, asOf: string): string | null {
	if (f.status !== 'open' || f.balanceMinor <= 0) return null;
	const candidates: string[] = [];
	const enteredOn = f.stageEnteredOn ?? f.dueDate;
	const current = stageOf(v, f.stage);
	const next = nextStage(v, f.stage);
	if (next) {
		const byDue = dateAfterActiveDays(f.dueDate, next.startDay, f.holds);
		const byGap = dateAfterActiveDays(
			enteredOn,
			current ? next.startDay - current.startDay : 0,
			f.holds
		);
		if (byDue !== null && byGap !== null) candidates.push(byDue > byGap ? byDue : byGap);
	}
	if (current)
		for (const st of current.steps) {
			if (f.plannedKeys.has(actionKey(f, v, f.stage, st.key))) continue;
			const d = dateAfterActiveDays(enteredOn, st.day, f.holds);
			if (d !== null) candidates.push(d);
		}
	// a hold that starts or ends changes what may be done
	for (const h of f.holds) {
		candidates.push(h.start);
		if (h.end !== null) candidates.push(h.end);
	}
	let wake: string | null = null;
	for (const d of candidates) if (d > asOf && (wake === null || d < wake)) wake = d;
	return wake;
}
