/** The refund tests' world: a debtor with one claim (principal, interest, cost) and an operator. */
import { DemoGateway } from '../../src/lib/server/payments/demo';
import type { PaymentGateway } from '../../src/lib/server/payments/gateway';
import { refundOutcome, refundPayment } from '../../src/lib/server/services/refunds';
import type { DB } from '../../src/lib/server/db/client';
import { testDb } from './db';
import { paidFor } from './payment-fixtures';
import { useWorld } from './world';
import {
	OPERATOR,
	addOperator,
	makeClaim,
	makeCreditor,
	makeDebtor,
	withMe
} from './portal-fixtures';

export { OPERATOR };

const demo = new DemoGateway();

/** The provider's word that a refund it had accepted failed after all (Stripe's refund.failed). */
export const refundFailed = (
	db: DB,
	r: { id: number; paymentId: number; providerRef: string | null }
) =>
	refundOutcome(db, {
		provider: 'stripe',
		eventId: `evt_refund_failed_${r.id}`,
		type: 'refund.failed',
		refundId: r.id,
		paymentId: r.paymentId,
		providerRef: r.providerRef!,
		providerPaymentRef: null,
		outcome: 'failed'
	}).outcome;

/**
 * The demo gateway with its refund request answered by `refund` instead: a refusal, a delay, or
 * no answer at all.
 */
export function demoRefunding(refund: PaymentGateway['refund']): PaymentGateway {
	return { name: 'demo', createHostedPage: demo.createHostedPage, refund };
}

/** A claim statement's `refunded` when nothing has come back. */
export const NOTHING_REFUNDED = { principal: 0, interest: 0, fee: 0, cost: 0 };

/**
 * A fresh database with the claim and the operator (id 1); `paid`: a payment by the debtor,
 * approved; `refund`: the operator refunds part of a payment (through the demo gateway unless told).
 */
export function refundWorld() {
	const { db } = testDb();
	const debtorId = makeDebtor(db);
	const claimId = makeClaim(db, makeCreditor(db), debtorId, {
		principal: 1_000_000,
		interest: 100_000,
		cost: 50_000
	});
	addOperator(db);
	return {
		db,
		debtorId,
		claimId,
		paid: (amountMinor: number, purpose: 'full' | 'partial' = 'partial') =>
			paidFor(db, debtorId, claimId, amountMinor, purpose, demo),
		refund: (paymentId: number, amountMinor: number, reason: string, g: PaymentGateway = demo) =>
			refundPayment(db, OPERATOR, { paymentId, amountMinor, reason }, g)
	};
}

export type RefundWorld = ReturnType<typeof refundWorld>;

/** A fresh refundWorld() before each test; the fields are the running test's, `me` the debtor. */
export const useRefundWorld = () => withMe(useWorld(refundWorld));
