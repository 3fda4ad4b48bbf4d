export const FREQUENCIES = ['weekly', 'biweekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** An installment's state as kept: open ('due'), settled, overdue past the grace days, or missed. */
export type InstallmentStatus = 'due' | 'paid' | 'late' | 'missed';

/**
 * The word a schedule shows for an installment: an open one whose day has not come yet is
 * 'upcoming'; from its day on it is 'due' (then 'late' once the daily job marks it so). Of a
 * plan that has ended (broken, or cancelled with its claim: `ended`), one still open is 'void':
 * nobody owes it any more as an instalment (a missed one stays 'missed'). Dates are ISO calendar days, so they compare as strings.
 */
export function installmentWord<S extends string>(
	status: S,
	dueDate: string,
	today: string,
	ended = false
): S | 'upcoming' | 'void' {
	if (ended && (status === 'due' || status === 'late')) return 'void';
	return status === 'due' && dueDate > today ? 'upcoming' : status;
}
