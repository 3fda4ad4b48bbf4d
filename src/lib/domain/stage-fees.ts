/**
 * Stage fees on entry (issue 16, item 6). A fixed stage fee only where the creditor's contract
 * allows fees; the B2B collection-cost lump sum (C14, Act IX of 2016: EUR 40) only when the debtor
 * is a business and within one year of default, and only once per claim. Everything else is
 * refused with the reason, which the engine records next to the stage transition.
 */
import { addDays, addMonths } from './clock';
import type { StageFee } from './strategy';

/** EUR 40 in euro cents. */
export const B2B_LUMP_SUM_EUR_MINOR = 4000;

export type DebtorKind = 'person' | 'company';

export interface FeeFacts {
	debtorKind: DebtorKind;
	dueDate: string;
	asOf: string;
	currency: string;
	/** the creditor's contract allows charging the debtor stage fees */
	contractAllowsFees: boolean;
	/**
	 * EUR 40 in the claim's currency (minor units), converted by the caller at the day's rate;
	 * null when no rate is known. Ignored for EUR claims (4000 cents).
	 */
	lumpSumInCurrencyMinor: number | null;
	/** the lump sum was already charged on this claim (it is due once per claim) */
	lumpSumCharged: boolean;
}

export type FeeDecision =
	| { charge: true; amountMinor: number; rule: 'stage_fee' | 'c14_lump_sum' }
	| { charge: false; rule: 'stage_fee' | 'c14_lump_sum'; reason: string };

/** The first day in default is the day after the due date; the lump sum may be claimed for a year. */
export function lumpSumDeadline(dueDate: string): string {
	return addMonths(addDays(dueDate, 1), 12);
}

export function stageFeeDecision(fee: StageFee, f: FeeFacts): FeeDecision {
	if (fee.kind === 'fixed') {
		if (!f.contractAllowsFees)
			return { charge: false, rule: 'stage_fee', reason: 'strategy.fee.refused.contract' };
		return { charge: true, rule: 'stage_fee', amountMinor: fee.amountMinor };
	}
	const refuse = (reason: string): FeeDecision => ({ charge: false, rule: 'c14_lump_sum', reason });
	if (f.debtorKind !== 'company') return refuse('strategy.fee.refused.consumer');
	// asOf before the deadline: within one year of default (the deadline day is the first day past it)
	if (f.asOf >= lumpSumDeadline(f.dueDate)) return refuse('strategy.fee.refused.tooLate');
	if (f.lumpSumCharged) return refuse('strategy.fee.refused.alreadyCharged');
	const amount = f.currency === 'EUR' ? B2B_LUMP_SUM_EUR_MINOR : f.lumpSumInCurrencyMinor;
	if (amount === null || !Number.isSafeInteger(amount) || amount <= 0)
		return refuse('strategy.fee.refused.noRate');
	return { charge: true, rule: 'c14_lump_sum', amountMinor: amount };
}

/**
 * EUR 40 in forint minor units at a rate given as text ("400.52" forints per euro, at most two
 * decimals), rounded to whole forints (HUF claims are whole forints); null when the rate is
 * missing or unreadable. Integer arithmetic only: the rate becomes fillér per euro.
 */
export function lumpSumInHufMinor(rate: string | undefined | null): number | null {
	const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec((rate ?? '').trim());
	if (!m) return null;
	const fillerPerEur = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	if (fillerPerEur <= 0) return null;
	const filler = (B2B_LUMP_SUM_EUR_MINOR / 100) * fillerPerEur;
	return Math.round(filler / 100) * 100;
}
