/**
 * Small reads the payment pages need besides the payment itself (they were queries in the
 * routes): the claim a debtor's payment is for, and the currency of a payment an operator refunds.
 */
import { and, eq, isNull, lte, max, sum } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { Currency } from '$lib/domain/money';
import type { DB } from '../db/client';
import { ledgerEntries, payments, refunds } from '../db/schema';
import { perConnection } from '../db/per-connection';
import { ForbiddenError, NotFoundError } from './errors';
import { debtorClaim } from './claim-state';

/** The debtor's own claim as a payment page names it (another debtor's: NotFoundError). */
export function paymentClaimForDebtor(
	db: DB,
	actor: Actor,
	claimId: number
): { id: number; reference: string; status: string } {
	const { id, reference, status } = debtorClaim(db, actor, claimId);
	return { id, reference, status };
}

/** The currency of a payment an operator is about to refund (the amount is typed in it). */
export function paymentCurrencyForOps(db: DB, actor: Actor, paymentId: number): Currency {
	if (actor.kind !== 'operator' && actor.kind !== 'admin') throw new ForbiddenError();
	const p = db
		.select({ currency: payments.currency })
		.from(payments)
		.where(eq(payments.id, paymentId))
		.get();
	if (!p) throw new NotFoundError('payment');
	return p.currency;
}

/**
 * What remained to pay on a payment's claim right after it was posted: the sum of the claim's
 * ledger entries up to the payment's last one (later interest or payments do not change it), or
 * null while the payment has posted nothing (a refund of it later does not change it). The caller has already checked the payment is the
 * actor's (the confirmation page, the receipt).
 */
export function balanceAfterPayment(db: DB, paymentId: number): number | null {
	const last = db
		.select({ claimId: max(ledgerEntries.claimId), id: max(ledgerEntries.id) })
		.from(ledgerEntries)
		// what it posted when it came in (its payment, a settlement's discount), not what a later
		// refund of it posted (those lines name their refund)
		.where(and(eq(ledgerEntries.paymentId, paymentId), isNull(ledgerEntries.refundId)))
		.get();
	if (!last?.id || last.claimId == null) return null;
	const r = db
		.select({ total: sum(ledgerEntries.amountMinor).mapWith(Number) })
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.claimId, last.claimId), lte(ledgerEntries.id, last.id)))
		.get();
	return r?.total ?? 0;
}

/**
 * What of a posted payment the claim did not take (an overpayment, a payment to a closed claim),
 * in minor units: it goes back (C11). As SQL over a payment's id and amount, so that a statement
 * listing payments (the debtor's claim page, services/portal.ts) says it the same way as
 * `overpaidBy`: the amount less what the payment posted to the claim (its own payment lines, not
 * a later refund's), never below zero.
 */
export const overpaidSql = (paymentId: string, amountMinor: string) =>
	`max(0, ${amountMinor} + coalesce((SELECT sum(l.amount_minor) FROM ledger_entries l
	   WHERE l.payment_id = ${paymentId} AND l.kind = 'payment' AND l.refund_id IS NULL), 0))`;

const overpaid = perConnection((c) =>
	c.prepare(`SELECT ${overpaidSql(':id', ':amount')} AS n`).pluck()
);

/** What of a posted payment goes back (`overpaidSql`): the confirmation page says so. */
export function overpaidBy(db: DB, paymentId: number, amountMinor: number): number {
	return overpaid(db).get({ id: paymentId, amount: amountMinor }) as number;
}

/** What of a payment the cardholder's bank took back (a chargeback lost: services/chargebacks.ts). */
export function chargedBackOf(db: DB, paymentId: number): number {
	const r = db
		.select({ back: sum(refunds.amountMinor).mapWith(Number) })
		.from(refunds)
		.where(
			and(
				eq(refunds.paymentId, paymentId),
				eq(refunds.reason, 'chargeback'),
				eq(refunds.status, 'succeeded')
			)
		)
		.get();
	return r?.back ?? 0;
}
