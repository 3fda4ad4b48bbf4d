/**
 * Why a payment was flagged or failed, as payments.flag_reason keeps it: a code with its facts,
 * not a sentence, so each reader (the operators' page, in their language) words it.
 */
export type PaymentFlag =
	| { code: 'gateway_unavailable' }
	| { code: 'amount_mismatch'; amountMinor: number; currency: string }
	/** a reason stored before these codes, shown as it is */
	| { code: 'text'; text: string };

/** The provider reported another amount or currency than our payment row: recorded, never posted. */
export function amountMismatchFlag(amountMinor: number, currency: string): string {
	return `amount_mismatch:${amountMinor}:${currency}`;
}

export const GATEWAY_UNAVAILABLE = 'gateway_unavailable';

export function parsePaymentFlag(reason: string): PaymentFlag {
	if (reason === GATEWAY_UNAVAILABLE) return { code: 'gateway_unavailable' };
	const m = /^amount_mismatch:(-?\d+):([A-Z]{3})$/.exec(reason);
	if (m) return { code: 'amount_mismatch', amountMinor: Number(m[1]), currency: m[2] };
	return { code: 'text', text: reason };
}
