/**
 * The operator's third answer to a dispute (most often "wrong amount"): partly upheld, the amount
 * corrected. Per component of the claim, how much is taken off: each at most what is outstanding
 * on it, at least one more than nothing, and something must stay owed (taking everything off is
 * upholding the dispute). Pure: the service reads the balances and posts the write-offs.
 */
import { COMPONENTS, totalOf, zeroBalances, type Balances, type Component } from './ledger';

/** The operator's decisions: the claim closes, its amount is corrected, or it goes on. */
export const DISPUTE_OUTCOMES = ['upheld', 'corrected', 'rejected'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** A refusal next to a component's field, or (`writeOff`) next to the amounts as a whole. */
export type CorrectionErrors = Partial<
	Record<Component | 'writeOff', { key: string; params?: Record<string, number> }>
>;

/** Why the amounts to take off cannot be taken off the claim's `outstanding`; {} when they can. */
export function correctionProblems(outstanding: Balances, off: Balances): CorrectionErrors {
	const errors: CorrectionErrors = {};
	for (const c of COMPONENTS) {
		const v = off[c];
		if (!Number.isSafeInteger(v) || v < 0) errors[c] = { key: 'form.invalidAmount' };
		else if (v > Math.max(0, outstanding[c]))
			errors[c] = {
				key: 'portal.dispute.ops.error.overOutstanding',
				params: { max: Math.max(0, outstanding[c]) }
			};
	}
	if (Object.keys(errors).length) return errors;
	const total = totalOf(off);
	if (total === 0) errors.writeOff = { key: 'portal.dispute.ops.error.nothingOff' };
	else if (total >= totalOf(outstanding))
		errors.writeOff = { key: 'portal.dispute.ops.error.allOff' };
	return errors;
}

/** The ledger lines of a correction: one negative write-off per component corrected. */
export function correctionLines(off: Balances): { component: Component; amountMinor: number }[] {
	return COMPONENTS.filter((c) => off[c] > 0).map((c) => ({
		component: c,
		amountMinor: -off[c]
	}));
}

/** The amounts to take off as given (a component not named is nothing). */
export function writeOffOf(given: Partial<Record<Component, number>> | undefined): Balances {
	const off = zeroBalances();
	for (const c of COMPONENTS) off[c] = given?.[c] ?? 0;
	return off;
}

/**
 * What upholding a dispute takes off: everything still owed, per component (the claim is withdrawn,
 * so it closes at nothing owed). A component paid over is left alone: that credit is refunded.
 */
export function upheldWriteOff(outstanding: Balances): Balances {
	const off = zeroBalances();
	for (const c of COMPONENTS) off[c] = Math.max(0, outstanding[c]);
	return off;
}

/** The memo of a correction's ledger lines: what ties them to their dispute. */
export const correctionMemo = (disputeId: number) => `dispute ${disputeId}`;
