/**
 * The reasons a card network gives for a chargeback, as Stripe names them (`dispute.reason`). Each
 * has words in the operators' texts; a reason not on the list reads as the network's general one.
 */
export const CHARGEBACK_REASONS = [
	'bank_cannot_process',
	'credit_not_processed',
	'customer_initiated',
	'debit_not_authorized',
	'duplicate',
	'fraudulent',
	'general',
	'incorrect_account_details',
	'insufficient_funds',
	'product_not_received',
	'product_unacceptable',
	'subscription_canceled',
	'unrecognized'
] as const;
export type ChargebackReason = (typeof CHARGEBACK_REASONS)[number];

export function chargebackReason(reason: string | null): ChargebackReason {
	return CHARGEBACK_REASONS.find((r) => r === reason) ?? 'general';
}
