/**
 * A pending demo payment written straight into the table, for tests of what reconcile does with
 * money that arrives beyond the balance (C11). startPayment no longer opens a checkout beyond what
 * is owed (one open checkout per claim, domain/checkout.ts), but such money still arrives: a
 * checkout opened before that rule, a bank transfer booked beside a checkout, a provider that
 * completes a payment late. This row stands for such a checkout.
 */
import type { DB } from '../../src/lib/server/db/client';
import { payments } from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import type { PaymentGateway } from '../../src/lib/server/payments/gateway';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';

export function openedCheckout(
	db: DB,
	p: { claimId: number; amountMinor: number; purpose?: 'full' | 'partial'; createdAt?: number }
): { paymentId: number } {
	const claim = db.$client
		.prepare('SELECT debtor_id AS debtorId, currency FROM claims WHERE id = ?')
		.get(p.claimId) as { debtorId: number; currency: 'HUF' | 'EUR' };
	const row = db
		.insert(payments)
		.values({
			claimId: p.claimId,
			debtorId: claim.debtorId,
			amountMinor: p.amountMinor,
			currency: claim.currency,
			purpose: p.purpose ?? 'partial',
			gateway: 'demo',
			status: 'pending',
			createdAt: p.createdAt ?? clock().now()
		})
		.returning({ id: payments.id })
		.get();
	return { paymentId: row.id };
}

/** The demo gateway's answer about a HUF payment, reconciled (what the demo page's buttons do). */
export const demoAnswer = (
	db: DB,
	paymentId: number,
	amountMinor: number,
	action: 'approve' | 'decline'
) => reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, action));

/** The debtor opens a checkout on the demo gateway (not answered yet). */
export function demoCheckout(
	db: DB,
	debtorId: number,
	claimId: number,
	amountMinor: number,
	purpose: 'full' | 'partial' | 'settlement' = 'partial'
) {
	const me = { kind: 'debtor' as const, debtorId };
	return startPayment(db, me, { claimId, amountMinor, purpose }, new DemoGateway());
}

/** A payment by the debtor, approved by the gateway (the demo one unless told). */
export async function paidFor(
	db: DB,
	debtorId: number,
	claimId: number,
	amountMinor: number,
	purpose: 'full' | 'partial' = 'partial',
	gw: PaymentGateway = new DemoGateway()
): Promise<number> {
	const me = { kind: 'debtor' as const, debtorId };
	const { paymentId } = await startPayment(db, me, { claimId, amountMinor, purpose }, gw);
	reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, 'approve'));
	return paymentId;
}
