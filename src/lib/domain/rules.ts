/**
 * A creditor's installment and portal rules (stored as JSON in installment_rules.rules_json, one
 * row per creditor plus optional per-portfolio overrides). Plans copy the rules they were agreed
 * under. The evaluator that checks a proposal against these lives in lib/domain/plans.ts.
 */
import type { Frequency } from './schedule-types';

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
}

export type { Frequency };

/** What a creditor starts with; the demo creditors vary it. Amounts are HUF minor units. */
export function defaultRules(): CreditorRules {
	return {
		bands: [
			{ upToMinor: 6_000_000, plansAllowed: false, maxInstallments: 1, minInstallmentMinor: 0, minInstallmentShareBp: 0, autoApproveMaxInstallments: 0 },
			{ upToMinor: 40_000_000, plansAllowed: true, maxInstallments: 4, minInstallmentMinor: 2_000_000, minInstallmentShareBp: 0, autoApproveMaxInstallments: 3 },
			{ upToMinor: null, plansAllowed: true, maxInstallments: 10, minInstallmentMinor: 2_000_000, minInstallmentShareBp: 1000, autoApproveMaxInstallments: 6 }
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
