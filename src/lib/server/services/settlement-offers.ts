/**
 * Settlement offers (issue 19 item 6): what the creditor's rule offers on a claim today
 * (domain/settlement.ts), and the write-off of the discount when a payment takes the offer. A
 * payment takes it when its purpose is 'settlement' (the card checkout of the claim page) or,
 * for a bank transfer, when it pays at least the offer's amount; `applySettlementDiscount` is
 * called by reconcile.ts `settle` before the payment is allocated, in the same transaction, so
 * the payment then pays the rest exactly and the claim closes with its certificate.
 */
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import type { Component } from '$lib/domain/ledger';
import type { Currency } from '$lib/domain/money';
import type { CreditorRules } from '$lib/domain/rules';
import type { Stage } from '$lib/domain/stages';
import { settlementOffer, type SettlementOffer } from '$lib/domain/settlement';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { claims, payments } from '../db/schema';
import { audit } from './audit';
import { debtorClaim } from './claim-state';
import { openBalances, postEntries } from './ledger';
import { claimRules } from './rules';

/** What the offer depends on, prepared once per connection (the claim page asks on every view). */
const offerFacts = perConnection((_client, db) =>
	db
		.select({
			status: claims.status,
			stage: claims.stage,
			stageChangedAt: claims.stageChangedAt,
			currency: claims.currency,
			creditorId: claims.creditorId,
			portfolioId: claims.portfolioId
		})
		.from(claims)
		.where(eq(claims.id, sql.placeholder('claimId')))
		.prepare()
);

/** The offer the creditor's rule makes on this claim on the day of `at` (ms), or null. */
export function offerFor(db: DB, claimId: number, at: number): SettlementOffer | null {
	const c = offerFacts(db).get({ claimId });
	// an open claim only: not while a plan runs, a dispute is open, or once it is paid or closed
	if (!c || c.status !== 'open') return null;
	return offerOn(db, { ...c, id: claimId }, claimRules(db, c), at);
}

/**
 * The same offer for a claim whose row and rules in force the caller has read already (the claim
 * page reads both in its one statement).
 */
export function offerOn(
	db: DB,
	c: {
		id: number;
		status: string;
		stage: Stage;
		stageChangedAt: number;
		currency: Currency;
	},
	rules: CreditorRules,
	at: number
): SettlementOffer | null {
	if (c.status !== 'open' || !rules.settlement?.enabled) return null;
	return settlementOffer(
		rules.settlement,
		{
			open: openBalances(db, c.id),
			stage: c.stage,
			currency: c.currency,
			stageSince: localDate(c.stageChangedAt)
		},
		localDate(at)
	);
}

/** The offer on the debtor's own claim (NotFoundError for anyone else's). */
export function offerForDebtor(
	db: DB,
	actor: Actor,
	claimId: number,
	at: number
): SettlementOffer | null {
	debtorClaim(db, actor, claimId);
	return offerFor(db, claimId, at);
}

/**
 * A payment that takes the offer: writes the discount off (its own ledger kind, audited) and says
 * so. The offer is the one standing when the payment was started (its deadline then), on the
 * balance now; a payment short of it (the balance grew meanwhile) is an ordinary part payment.
 */
export function applySettlementDiscount(
	db: DB,
	actor: Actor,
	payment: typeof payments.$inferSelect,
	day: string
): boolean {
	if (payment.purpose !== 'settlement') return false;
	const offer = offerFor(db, payment.claimId, payment.createdAt);
	if (!offer || payment.amountMinor < offer.payMinor) return false;
	postEntries(
		db,
		payment.claimId,
		(['cost', 'fee', 'interest', 'principal'] as const)
			.filter((c) => offer.parts[c] > 0)
			.map((c) => ({
				component: c,
				kind: 'settlement_discount' as const,
				amountMinor: -offer.parts[c],
				effectiveDate: day,
				paymentId: payment.id,
				memo: `settlement ${payment.id}`
			}))
	);
	audit(db, actor, {
		action: 'settlement.discount',
		entity: 'claim',
		entityId: payment.claimId,
		after: {
			paymentId: payment.id,
			discountMinor: offer.discountMinor,
			parts: offer.parts,
			payMinor: offer.payMinor,
			maxBp: offer.maxBp,
			deadline: offer.deadline
		}
	});
	return true;
}

/**
 * A settlement ("pay this much and the rest is let go") holds while none of its payment's money
 * has gone back. A refund that takes back ledger money makes the discount owed again; that refund
 * failing, with no other refund of the payment standing, lets it go again. Brought in line after
 * every refund booked or taken back: discount lines for the difference (the statement's
 * written-off column nets them), audited. A refund of an overpayment alone changes nothing.
 */
export function syncSettlementDiscount(
	db: DB,
	actor: Actor,
	payment: { id: number; claimId: number },
	refundId: number,
	day: string
): void {
	const rows = db.$client
		.prepare(
			`SELECT component,
			        sum(CASE WHEN refund_id IS NULL THEN amount_minor ELSE 0 END) AS agreed,
			        sum(amount_minor) AS standing
			   FROM ledger_entries WHERE payment_id = ? AND kind = 'settlement_discount'
			  GROUP BY component`
		)
		.all(payment.id) as { component: Component; agreed: number; standing: number }[];
	if (!rows.length) return;
	const refunded = db.$client
		.prepare(
			`SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries WHERE payment_id = ? AND kind = 'refund'`
		)
		.pluck()
		.get(payment.id) as number;
	const undone = refunded > 0;
	const lines = rows
		.map((r) => ({ component: r.component, amountMinor: (undone ? 0 : r.agreed) - r.standing }))
		.filter((l) => l.amountMinor !== 0);
	if (!lines.length) return;
	postEntries(
		db,
		payment.claimId,
		lines.map((l) => ({
			...l,
			kind: 'settlement_discount' as const,
			effectiveDate: day,
			paymentId: payment.id,
			refundId,
			memo: undone
				? `settlement ${payment.id} undone by refund ${refundId}`
				: `settlement ${payment.id} restored: refund ${refundId} failed`
		}))
	);
	const agreed = -rows.reduce((a, r) => a + r.agreed, 0);
	audit(db, actor, {
		action: undone ? 'settlement.undo' : 'settlement.restore',
		entity: 'claim',
		entityId: payment.claimId,
		before: { paymentId: payment.id, discountMinor: undone ? agreed : 0 },
		after: { paymentId: payment.id, refundId, discountMinor: undone ? 0 : agreed }
	});
}

/** Whether a claim was settled by agreement (its ledger has a settlement discount). */
export function settledByAgreement(db: DB, claimId: number): number {
	return (
		(db.$client
			.prepare(
				`SELECT coalesce(-sum(amount_minor), 0) FROM ledger_entries
				 WHERE claim_id = ? AND kind = 'settlement_discount'`
			)
			.pluck()
			.get(claimId) as number) ?? 0
	);
}
