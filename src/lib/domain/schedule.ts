/**
 * Installment schedules: due dates by frequency and amounts that add up to the balance to the
 * minor unit. Pure; the evaluator (plans.ts), the services and the browser all use these.
 *
 * - The down payment (if any) is item 0, due today.
 * - Installments 1..n are due from the first due date: every 7 / 14 days, or monthly on the
 *   first date's day of month (31 Jan -> 28/29 Feb -> 31 Mar: the anchor day is kept).
 * - HUF installments are whole forints (multiples of 100 minor units); any fillér remainder of the
 *   balance goes to the last installment. The split is even: parts differ by at most one unit.
 */
import { addDays, addMonths } from './clock';
import { splitEven, type Currency } from './money';
import type { Frequency } from './schedule-types';

export interface ScheduleItem {
	/** 0 = down payment, 1..n = installments */
	seq: number;
	dueDate: string;
	amountMinor: number;
}

export interface ScheduleInput {
	balanceMinor: number;
	currency: Currency;
	downPaymentMinor: number;
	installmentCount: number;
	frequency: Frequency;
	firstDueDate: string;
	/** the down payment's due date */
	today: string;
}

/** The smallest amount we create in a currency: whole forints for HUF, cents for EUR. */
export function unitOf(currency: Currency): number {
	return currency === 'HUF' ? 100 : 1;
}

/** The due date of installment number `i` (0-based) from the first due date. */
export function nthDueDate(first: string, frequency: Frequency, i: number): string {
	switch (frequency) {
		case 'weekly':
			return addDays(first, 7 * i);
		case 'biweekly':
			return addDays(first, 14 * i);
		case 'monthly':
			return addMonths(first, i, Number(first.slice(8, 10)));
	}
}

export function dueDates(first: string, frequency: Frequency, count: number): string[] {
	return Array.from({ length: count }, (_, i) => nthDueDate(first, frequency, i));
}

/** Installment amounts (without the down payment) that add up to `totalMinor` exactly. */
export function installmentAmounts(
	totalMinor: number,
	count: number,
	currency: Currency
): number[] {
	return splitEven(totalMinor, count, unitOf(currency));
}

export function buildSchedule(s: ScheduleInput): ScheduleItem[] {
	const items: ScheduleItem[] = [];
	if (s.downPaymentMinor > 0)
		items.push({ seq: 0, dueDate: s.today, amountMinor: s.downPaymentMinor });
	const rest = s.balanceMinor - s.downPaymentMinor;
	const amounts = installmentAmounts(rest, s.installmentCount, s.currency);
	const dates = dueDates(s.firstDueDate, s.frequency, s.installmentCount);
	for (let i = 0; i < s.installmentCount; i++)
		items.push({ seq: i + 1, dueDate: dates[i], amountMinor: amounts[i] });
	return items;
}

export function scheduleTotal(items: readonly ScheduleItem[]): number {
	return items.reduce((a, b) => a + b.amountMinor, 0);
}

/** Roughly how many installments of a frequency fall in a month (for budgets). */
export const PER_MONTH: Record<Frequency, { num: number; den: number }> = {
	weekly: { num: 52, den: 12 },
	biweekly: { num: 26, den: 12 },
	monthly: { num: 1, den: 1 }
};
