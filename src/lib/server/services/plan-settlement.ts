/**
 * The seam between payments and plans. Payment reconciliation (services/payments.ts) calls
 * `applyPaymentToPlan` inside its transaction after posting a succeeded payment to the ledger;
 * the plans work settles installments oldest first and completes the plan when all are paid.
 */
import type { DB } from '../db/client';

export interface SettledPayment {
	id: number;
	claimId: number;
	amountMinor: number;
	/** instant the payment succeeded (clock ms) */
	completedAt: number;
}

// Implemented by the installment-plans work; until then a payment settles no installment.
export function applyPaymentToPlan(db: DB, payment: SettledPayment): void {
	void db;
	void payment;
}
