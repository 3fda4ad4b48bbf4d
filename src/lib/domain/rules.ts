/**
 * A creditor's installment and portal rules (stored as JSON in installment_rules.rules_json, one
 * row per creditor plus optional per-portfolio overrides). Plans copy the rules they were agreed
 * under. The evaluator that checks a proposal against these lives in lib/domain/plans.ts.
 */
import type { Frequency } from './schedule-types';
import { validateSettlement, type SettlementRules } from './settlement';

export interface BalanceBand {
	/** the band applies to balances up to and including this amount (minor units); null = no upper limit */
	upToMinor: number | null;
	/** false: this band must pay at once, no plan */
	plansAllowed: boolean;
	maxInstallments: number;
	minInstallmentMinor: number;
	/** each installment at least this share of the balance, in basis points (10% = 1000) */
	minInstallmentShareBp: number;
	/** plans in this band that pass every rule and have at most this many installments start at once */
	autoApproveMaxInstallments: number;
}

export interface CreditorRules {
	/** up to 6 bands, ordered by upToMinor ascending, the last with upToMinor null */
	bands: BalanceBand[];
	/** minimum down payment, basis points of the balance */
	minDownPaymentBp: number;
	/** longest plan from today to the last installment, in days */
	maxPlanDays: number;
	frequencies: Frequency[];
	/** the first installment is due at the latest this many days from today */
	latestFirstDueDays: number;
	/** an installment this many days late breaks the plan */
	graceDays: number;
	/** the last installment may be smaller than the minimum (it takes the remainder) */
	allowSmallerLast: boolean;
	/** partial payments in the portal: allowed, and the smallest amount */
	partialPaymentsAllowed: boolean;
	minPartialPaymentMinor: number;
	/** promise to pay: at most this many days ahead */
	promiseMaxDays: number;
	/** settlement offers (domain/settlement.ts); absent: none */
	settlement?: SettlementRules;
}

export type { Frequency };

/** What a creditor starts with; the demo creditors vary it. Amounts are HUF minor units. */
export function defaultRules(): CreditorRules {
	return {
		bands: [
			{
				upToMinor: 6_000_000,
				plansAllowed: false,
				maxInstallments: 1,
				minInstallmentMinor: 0,
				minInstallmentShareBp: 0,
				autoApproveMaxInstallments: 0
			},
			{
				upToMinor: 40_000_000,
				plansAllowed: true,
				maxInstallments: 4,
				minInstallmentMinor: 2_000_000,
				minInstallmentShareBp: 0,
				autoApproveMaxInstallments: 3
			},
			{
				upToMinor: null,
				plansAllowed: true,
				maxInstallments: 10,
				minInstallmentMinor: 2_000_000,
				minInstallmentShareBp: 1000,
				autoApproveMaxInstallments: 6
			}
		],
		minDownPaymentBp: 0,
		maxPlanDays: 365,
		frequencies: ['weekly', 'biweekly', 'monthly'],
		latestFirstDueDays: 30,
		graceDays: 15,
		allowSmallerLast: true,
		partialPaymentsAllowed: true,
		minPartialPaymentMinor: 500_000,
		promiseMaxDays: 30
	};
}

/** Hard limits on what a creditor may set (so the evaluator's searches stay small). */
export const RULE_LIMITS = {
	maxBands: 6,
	maxInstallments: 120,
	maxPlanDays: 3650,
	maxLatestFirstDueDays: 365,
	maxGraceDays: 90,
	maxPromiseDays: 365
} as const;

export type RuleErrors = Record<string, { key: string; params?: Record<string, string | number> }>;

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

/**
 * Checks a rules object a creditor wants to save. Field paths match the rules editor's inputs
 * (`bands.1.maxInstallments`, `graceDays`, ...); each error is an i18n key with params.
 */
export function validateRules(r: CreditorRules): RuleErrors {
	const e: RuleErrors = {};
	const intIn = (path: string, v: unknown, min: number, max: number) => {
		if (!isInt(v) || v < min || v > max)
			e[path] = { key: 'rules.error.range', params: { min, max } };
	};
	const amount = (path: string, v: unknown) => {
		if (!isInt(v) || v < 0) e[path] = { key: 'rules.error.amount' };
	};
	if (!Array.isArray(r.bands) || r.bands.length < 1 || r.bands.length > RULE_LIMITS.maxBands) {
		e['bands'] = { key: 'rules.error.bandCount', params: { max: RULE_LIMITS.maxBands } };
	} else {
		let prev = -1;
		r.bands.forEach((b, i) => {
			const last = i === r.bands.length - 1;
			if (last && b.upToMinor !== null)
				e[`bands.${i}.upToMinor`] = { key: 'rules.error.lastBandOpen' };
			if (!last) {
				if (!isInt(b.upToMinor) || b.upToMinor <= 0)
					e[`bands.${i}.upToMinor`] = { key: 'rules.error.amount' };
				else if (b.upToMinor <= prev) e[`bands.${i}.upToMinor`] = { key: 'rules.error.bandOrder' };
				else prev = b.upToMinor;
			}
			intIn(`bands.${i}.maxInstallments`, b.maxInstallments, 1, RULE_LIMITS.maxInstallments);
			amount(`bands.${i}.minInstallmentMinor`, b.minInstallmentMinor);
			intIn(`bands.${i}.minInstallmentShareBp`, b.minInstallmentShareBp, 0, 10_000);
			intIn(
				`bands.${i}.autoApproveMaxInstallments`,
				b.autoApproveMaxInstallments,
				0,
				RULE_LIMITS.maxInstallments
			);
			if (
				isInt(b.autoApproveMaxInstallments) &&
				isInt(b.maxInstallments) &&
				b.autoApproveMaxInstallments > b.maxInstallments &&
				!e[`bands.${i}.autoApproveMaxInstallments`]
			) {
				e[`bands.${i}.autoApproveMaxInstallments`] = { key: 'rules.error.autoAboveMax' };
			}
		});
	}
	intIn('minDownPaymentBp', r.minDownPaymentBp, 0, 9_900);
	intIn('maxPlanDays', r.maxPlanDays, 1, RULE_LIMITS.maxPlanDays);
	intIn('latestFirstDueDays', r.latestFirstDueDays, 0, RULE_LIMITS.maxLatestFirstDueDays);
	if (
		isInt(r.latestFirstDueDays) &&
		isInt(r.maxPlanDays) &&
		r.latestFirstDueDays > r.maxPlanDays &&
		!e.latestFirstDueDays
	) {
		e.latestFirstDueDays = { key: 'rules.error.firstAfterLongest' };
	}
	intIn('graceDays', r.graceDays, 0, RULE_LIMITS.maxGraceDays);
	const freqs = Array.isArray(r.frequencies) ? r.frequencies : [];
	if (
		freqs.length === 0 ||
		freqs.some((f) => !['weekly', 'biweekly', 'monthly'].includes(f)) ||
		new Set(freqs).size !== freqs.length
	) {
		e.frequencies = { key: 'rules.error.frequencies' };
	}
	if (typeof r.allowSmallerLast !== 'boolean') e.allowSmallerLast = { key: 'form.invalid' };
	if (typeof r.partialPaymentsAllowed !== 'boolean')
		e.partialPaymentsAllowed = { key: 'form.invalid' };
	amount('minPartialPaymentMinor', r.minPartialPaymentMinor);
	intIn('promiseMaxDays', r.promiseMaxDays, 1, RULE_LIMITS.maxPromiseDays);
	if (r.settlement !== undefined) Object.assign(e, validateSettlement(r.settlement));
	return e;
}

/** Forints a euro where no rate is configured (RENDEZ_EUR_HUF_RATE; README: configuration). */
export const REFERENCE_HUF_PER_EUR = 400;

/**
 * The rules as they apply to a claim in `currency`. A creditor writes its amounts in forints
 * (fillér); for a euro claim each amount is taken at `hufPerEur` forints a euro and rounded to
 * the cent (60 000 Ft at 400 → 150 €), never read as if fillér were cents (60 000 €). Counts,
 * days and shares are the same in any currency.
 */
export function rulesFor(rules: CreditorRules, currency: string, hufPerEur: number): CreditorRules {
	if (currency === 'HUF') return rules;
	// fillér per cent is the rate itself: 1 € = 400 Ft, so 1 cent = 4 Ft = 400 fillér
	const at = (minor: number) => Math.round(minor / hufPerEur);
	const band = <T extends { upToMinor: number | null }>(b: T): T => ({
		...b,
		upToMinor: b.upToMinor == null ? null : at(b.upToMinor)
	});
	return {
		...rules,
		bands: rules.bands.map((b) => ({ ...band(b), minInstallmentMinor: at(b.minInstallmentMinor) })),
		minPartialPaymentMinor: at(rules.minPartialPaymentMinor),
		settlement: rules.settlement && {
			...rules.settlement,
			principalFloorMinor: at(rules.settlement.principalFloorMinor),
			bands: rules.settlement.bands.map(band)
		}
	};
}

/**
 * Reads stored rules JSON, filling any field an older version did not have from the defaults,
 * so a rules row written before a field existed still evaluates.
 */
export function parseRules(json: string | null | undefined): CreditorRules {
	const d = defaultRules();
	if (!json) return d;
	try {
		const r = JSON.parse(json) as Partial<CreditorRules>;
		return { ...d, ...r, bands: Array.isArray(r.bands) && r.bands.length > 0 ? r.bands : d.bands };
	} catch {
		return d;
	}
}

/** The band a balance falls into (the first whose upper limit it does not exceed). */
export function bandFor(r: CreditorRules, balanceMinor: number): BalanceBand {
	return (
		r.bands.find((b) => b.upToMinor === null || balanceMinor <= b.upToMinor) ??
		r.bands[r.bands.length - 1]
	);
}
