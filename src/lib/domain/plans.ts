/**
 * The one plan evaluator. Given a creditor's rules, a claim's balance, today and a debtor's (or an
 * operator's) proposal, it returns every rule the proposal breaks (each an i18n key with params
 * naming the limit), whether it may start without an operator, and the nearest plan that passes.
 * Pure: the portal runs it in the browser for live feedback and the services run it again on
 * submit, so what the debtor saw is what the server decides.
 */
import { addDays, daysBetween, isValidDate } from './clock';
import { formatMoney, type Currency } from './money';
import { bandFor, type BalanceBand, type CreditorRules } from './rules';
import { buildSchedule, unitOf, nthDueDate, PER_MONTH, type ScheduleItem } from './schedule';
import { FREQUENCIES, type Frequency } from './schedule-types';

export interface Proposal {
	downPaymentMinor: number;
	installmentCount: number;
	frequency: Frequency;
	firstDueDate: string;
}

export interface PlanContext {
	balanceMinor: number;
	currency: Currency;
	/** Budapest calendar date */
	today: string;
	/** language used to format amounts inside the messages' params */
	lang?: 'hu' | 'en';
}

export type RuleId =
	| 'pay_at_once'
	| 'frequency'
	| 'count_min'
	| 'count_max'
	| 'down_min'
	| 'down_max'
	| 'down_whole'
	| 'installment_min'
	| 'installment_share'
	| 'first_invalid'
	| 'first_past'
	| 'first_latest'
	| 'length';

/** The form field each rule is shown next to. */
export const RULE_FIELD: Record<RuleId, string> = {
	pay_at_once: 'form',
	frequency: 'frequency',
	count_min: 'installmentCount',
	count_max: 'installmentCount',
	down_min: 'downPaymentMinor',
	down_max: 'downPaymentMinor',
	down_whole: 'downPaymentMinor',
	installment_min: 'installmentCount',
	installment_share: 'installmentCount',
	first_invalid: 'firstDueDate',
	first_past: 'firstDueDate',
	first_latest: 'firstDueDate',
	length: 'installmentCount'
};

export interface Violation {
	rule: RuleId;
	key: string;
	params: Record<string, string | number>;
}

export interface Evaluation {
	passes: boolean;
	/** passes every rule and is inside the band's auto-approve limit: starts at once */
	autoApprove: boolean;
	violations: Violation[];
	/** null when the proposal cannot even be laid out (no installments, down payment >= balance, bad date) */
	schedule: ScheduleItem[] | null;
	band: BalanceBand;
	/** the nearest plan that passes; the proposal itself when it passes; null when no plan can (pay at once) */
	nearest: (Proposal & { schedule: ScheduleItem[]; autoApprove: boolean }) | null;
}

/** ceil(a * bp / 10000) without float or overflow trouble. */
function bpOf(a: number, bp: number): number {
	return Number((BigInt(a) * BigInt(bp) + 9999n) / 10000n);
}

function roundUpTo(n: number, unit: number): number {
	return Math.ceil(n / unit) * unit;
}

/** The lowest down payment the rules accept for a balance (rounded up to whole forints for HUF). */
export function minDownPayment(
	rules: CreditorRules,
	ctx: Pick<PlanContext, 'balanceMinor' | 'currency'>
): number {
	return roundUpTo(bpOf(ctx.balanceMinor, rules.minDownPaymentBp), unitOf(ctx.currency));
}

/** The smallest installment the band accepts: the fixed minimum or the share of the balance, whichever is larger. */
export function minInstallment(
	band: BalanceBand,
	ctx: Pick<PlanContext, 'balanceMinor' | 'currency'>
): number {
	return Math.max(
		band.minInstallmentMinor,
		roundUpTo(bpOf(ctx.balanceMinor, band.minInstallmentShareBp), unitOf(ctx.currency))
	);
}

export function latestFirstDueDate(rules: CreditorRules, today: string): string {
	return addDays(today, rules.latestFirstDueDays);
}

export function lastAllowedDueDate(rules: CreditorRules, today: string): string {
	return addDays(today, rules.maxPlanDays);
}

/** Checks one proposal against the rules; no search. */
export function checkProposal(
	rules: CreditorRules,
	ctx: PlanContext,
	p: Proposal
): { violations: Violation[]; schedule: ScheduleItem[] | null; band: BalanceBand } {
	const lang = ctx.lang ?? 'hu';
	const money = (m: number) => formatMoney(m, ctx.currency, lang);
	const band = bandFor(rules, ctx.balanceMinor);
	const unit = unitOf(ctx.currency);
	const v: Violation[] = [];
	const add = (rule: RuleId, key: string, params: Record<string, string | number> = {}) =>
		v.push({ rule, key, params });

	if (!band.plansAllowed) {
		add('pay_at_once', 'plans.rule.payAtOnce', {
			limit: band.upToMinor === null ? '' : money(band.upToMinor)
		});
	}
	if (!rules.frequencies.includes(p.frequency)) add('frequency', 'plans.rule.frequency');
	const countOk = Number.isSafeInteger(p.installmentCount) && p.installmentCount >= 1;
	if (!countOk) add('count_min', 'plans.rule.countMin');
	else if (p.installmentCount > band.maxInstallments)
		add('count_max', 'plans.rule.countMax', { max: band.maxInstallments });

	const down = p.downPaymentMinor;
	const downOk = Number.isSafeInteger(down) && down >= 0 && down < ctx.balanceMinor;
	const minDown = minDownPayment(rules, ctx);
	if (!downOk)
		add('down_max', 'plans.rule.downMax', { max: money(Math.max(0, ctx.balanceMinor - unit)) });
	else {
		if (down < minDown) add('down_min', 'plans.rule.downMin', { min: money(minDown) });
		if (down % unit !== 0) add('down_whole', 'plans.rule.downWhole');
	}

	const dateOk = isValidDate(p.firstDueDate);
	if (!dateOk) add('first_invalid', 'plans.rule.firstInvalid');
	else {
		const latest = latestFirstDueDate(rules, ctx.today);
		if (p.firstDueDate < ctx.today) add('first_past', 'plans.rule.firstPast');
		else if (p.firstDueDate > latest)
			add('first_latest', 'plans.rule.firstLatest', { latest, days: rules.latestFirstDueDays });
	}

	// a frequency that is none of ours (a bent form sent back for the preview) has no due dates
	const knownFrequency = (FREQUENCIES as readonly string[]).includes(p.frequency);
	let schedule: ScheduleItem[] | null = null;
	if (knownFrequency && countOk && downOk && dateOk && p.installmentCount <= 1000) {
		schedule = buildSchedule({
			balanceMinor: ctx.balanceMinor,
			currency: ctx.currency,
			downPaymentMinor: down,
			installmentCount: p.installmentCount,
			frequency: p.frequency,
			firstDueDate: p.firstDueDate,
			today: ctx.today
		});
		const inst = schedule.filter((s) => s.seq > 0);
		const lastSeq = inst[inst.length - 1].seq;
		// the last installment may be smaller (it takes the remainder) where the rules allow it
		const checked =
			rules.allowSmallerLast && inst.length > 1 ? inst.filter((s) => s.seq !== lastSeq) : inst;
		const smallest = Math.min(...checked.map((s) => s.amountMinor));
		const lastAmount = inst[inst.length - 1].amountMinor;
		const floor = Math.max(band.minInstallmentMinor, unit);
		const share = roundUpTo(bpOf(ctx.balanceMinor, band.minInstallmentShareBp), unit);
		if (smallest < floor || lastAmount <= 0)
			add('installment_min', 'plans.rule.installmentMin', { min: money(floor) });
		if (band.minInstallmentShareBp > 0 && smallest < share) {
			add('installment_share', 'plans.rule.installmentShare', {
				percent: band.minInstallmentShareBp / 100,
				min: money(share)
			});
		}
		const last = inst[inst.length - 1].dueDate;
		if (daysBetween(ctx.today, last) > rules.maxPlanDays) {
			add('length', 'plans.rule.length', {
				days: rules.maxPlanDays,
				lastAllowed: lastAllowedDueDate(rules, ctx.today)
			});
		}
	}
	return { violations: v, schedule, band };
}

function clampDate(d: string, lo: string, hi: string): string {
	if (!isValidDate(d)) return lo < hi ? (addDays(lo, 7) < hi ? addDays(lo, 7) : hi) : lo;
	return d < lo ? lo : d > hi ? hi : d;
}

/**
 * The nearest plan that passes: keeps the frequency and first date where it can, moves the down
 * payment up to the minimum (or down below the balance), and takes the passing installment count
 * closest to the one asked for (fewer on a tie). Null when the band allows no plan at all.
 */
export function nearestPlan(
	rules: CreditorRules,
	ctx: PlanContext,
	p: Proposal
): Evaluation['nearest'] {
	const band = bandFor(rules, ctx.balanceMinor);
	if (!band.plansAllowed || ctx.balanceMinor <= 0 || rules.frequencies.length === 0) return null;
	const unit = unitOf(ctx.currency);
	const minDown = minDownPayment(rules, ctx);
	const latest = latestFirstDueDate(rules, ctx.today);
	const freqs = [
		...new Set<Frequency>([
			...(rules.frequencies.includes(p.frequency) ? [p.frequency] : []),
			...rules.frequencies
		])
	];
	const first = clampDate(p.firstDueDate, ctx.today, latest);
	const firsts = [...new Set([first, ctx.today])];
	let askedDown =
		Number.isSafeInteger(p.downPaymentMinor) && p.downPaymentMinor > 0 ? p.downPaymentMinor : 0;
	askedDown = Math.floor(askedDown / unit) * unit;
	const downs = [...new Set([Math.max(askedDown, minDown), minDown])].filter(
		(d) => d < ctx.balanceMinor
	);
	const asked =
		Number.isSafeInteger(p.installmentCount) && p.installmentCount >= 1 ? p.installmentCount : 1;
	const counts: number[] = [];
	for (let d = 0; counts.length < band.maxInstallments && d <= band.maxInstallments + asked; d++) {
		for (const n of d === 0 ? [asked] : [asked - d, asked + d])
			if (n >= 1 && n <= band.maxInstallments) counts.push(n);
	}
	for (const frequency of freqs) {
		for (const firstDueDate of firsts) {
			for (const downPaymentMinor of downs) {
				for (const installmentCount of counts) {
					const candidate: Proposal = {
						frequency,
						firstDueDate,
						downPaymentMinor,
						installmentCount
					};
					const r = checkProposal(rules, ctx, candidate);
					if (r.violations.length === 0 && r.schedule) {
						return {
							...candidate,
							schedule: r.schedule,
							autoApprove: installmentCount <= band.autoApproveMaxInstallments
						};
					}
				}
			}
		}
	}
	return null;
}

/**
 * The most installments the rules allow for this proposal's frequency, first date and down payment
 * (raised to the minimum): the band's maximum, or fewer where a smaller installment or a longer plan
 * would break a rule. 0 when no count fits. The form names it beside the count, so "at most 24"
 * does not promise what the installment-size or length rules take away.
 */
export function maxFittingCount(rules: CreditorRules, ctx: PlanContext, p: Proposal): number {
	const band = bandFor(rules, ctx.balanceMinor);
	const down = Math.max(
		Number.isSafeInteger(p.downPaymentMinor) ? p.downPaymentMinor : 0,
		minDownPayment(rules, ctx)
	);
	for (let n = band.maxInstallments; n >= 1; n--) {
		const r = checkProposal(rules, ctx, { ...p, downPaymentMinor: down, installmentCount: n });
		if (r.schedule && !r.violations.some((v) => RULE_FIELD[v.rule] === 'installmentCount'))
			return n;
	}
	return 0;
}

export function evaluateProposal(rules: CreditorRules, ctx: PlanContext, p: Proposal): Evaluation {
	const { violations, schedule, band } = checkProposal(rules, ctx, p);
	const passes = violations.length === 0 && schedule !== null;
	const autoApprove = passes && p.installmentCount <= band.autoApproveMaxInstallments;
	const nearest = passes ? { ...p, schedule: schedule!, autoApprove } : nearestPlan(rules, ctx, p);
	return { passes, autoApprove, violations, schedule, band, nearest };
}

/**
 * What the debtor can afford per installment from a short budget: half of what is left after
 * essential costs each month, converted to the plan's frequency, rounded down to whole units.
 * Null when there is no budget or nothing is left.
 */
export function affordableInstallment(
	incomeMinor: number | null | undefined,
	costsMinor: number | null | undefined,
	frequency: Frequency,
	currency: Currency
): number | null {
	if (incomeMinor == null || costsMinor == null) return null;
	const spare = incomeMinor - costsMinor;
	if (spare <= 0) return 0;
	const { num, den } = PER_MONTH[frequency];
	const unit = unitOf(currency);
	return Math.floor((spare * den) / (2 * num) / unit) * unit;
}

/** A sensible first proposal to show: the nearest passing plan to "monthly, 3 installments, in two weeks". */
export function defaultProposal(rules: CreditorRules, ctx: PlanContext): Proposal {
	const freq: Frequency = rules.frequencies.includes('monthly')
		? 'monthly'
		: (rules.frequencies[0] ?? 'monthly');
	const start: Proposal = {
		frequency: freq,
		installmentCount: 3,
		downPaymentMinor: minDownPayment(rules, ctx),
		firstDueDate: addDays(ctx.today, Math.min(14, rules.latestFirstDueDays))
	};
	return nearestTerms(rules, ctx, start);
}

/** The terms of the nearest passing plan to `p`, or `p` itself when the rules allow none. */
function nearestTerms(rules: CreditorRules, ctx: PlanContext, p: Proposal): Proposal {
	const n = nearestPlan(rules, ctx, p);
	return n
		? {
				frequency: n.frequency,
				installmentCount: n.installmentCount,
				downPaymentMinor: n.downPaymentMinor,
				firstDueDate: n.firstDueDate
			}
		: p;
}

/**
 * The counter-offer an operator's form starts from: the nearest passing plan to the proposal. A
 * counter-offer lapses once its first due date has passed, so one due today could hardly be
 * accepted: a proposal whose first date is today or already past starts, as a debtor's own first
 * proposal does, two weeks on (within the creditor's latest first due date).
 */
export function counterStart(
	rules: CreditorRules,
	ctx: PlanContext,
	p: Proposal
): Proposal & { schedule: ScheduleItem[] | null } {
	const soonest = addDays(ctx.today, Math.min(14, rules.latestFirstDueDays));
	const asked = p.firstDueDate <= ctx.today ? { ...p, firstDueDate: soonest } : p;
	const start = nearestTerms(rules, ctx, asked);
	// its schedule too, when it keeps the rules: the review page suggests this very plan in words,
	// and the counter-offer form starts from it
	const check = checkProposal(rules, ctx, start);
	return { ...start, schedule: check.violations.length === 0 ? check.schedule : null };
}

/** Re-exported so callers need one import for the plan maths. */
export { nthDueDate };
