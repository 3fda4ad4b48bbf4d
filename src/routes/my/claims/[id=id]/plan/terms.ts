import { t } from '$lib/i18n/t';
import type { MessageKey } from '$lib/i18n/core';

/**
 * A plan's terms as the parameters of a sentence (the operator's counter-offer, the nearest plan
 * that passes): how many installments, each one's amount (the first one: the schedule shows any
 * rounding in the last), how often, the first due date and the down payment.
 */
export function termsParams(
	p: {
		installmentCount: number;
		frequency: string;
		firstDueDate: string;
		downPaymentMinor: number;
		schedule: readonly { seq: number; amountMinor: number }[];
	},
	money: (minor: number) => string
) {
	return {
		count: p.installmentCount,
		amount: money(p.schedule.find((i) => i.seq > 0)!.amountMinor),
		frequency: t(('plans.freq.' + p.frequency) as MessageKey),
		first: p.firstDueDate,
		down: money(p.downPaymentMinor)
	};
}
