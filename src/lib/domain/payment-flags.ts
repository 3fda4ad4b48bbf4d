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

/**
 * What can still be given back on a payment, in its currency: a succeeded payment its amount less
 * what was refunded; a payment flagged for another amount the amount that actually arrived (none
 * of it was posted, so all of it is owed back, C11). Nothing otherwise, or when the provider
 * reported another currency (an operator settles that with the provider directly).
 */
export function refundableMinor(p: {
	status: string;
	amountMinor: number;
	refundedMinor: number;
	currency: string;
	flagReason: string | null;
}): number {
	if (p.status === 'succeeded') return Math.max(0, p.amountMinor - p.refundedMinor);
	if (p.status !== 'flagged' || !p.flagReason) return 0;
	const f = parsePaymentFlag(p.flagReason);
	return f.code === 'amount_mismatch' && f.currency === p.currency
		? Math.max(0, f.amountMinor - p.refundedMinor)
		: 0;
}
