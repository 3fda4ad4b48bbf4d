/**
 * Chargebacks: a cardholder disputed a card payment with their bank, and the provider tells us how
 * it goes (Stripe's `charge.dispute.*` webhooks). While the bank decides, the payment stands and
 * the dispute waits on the operators' payments page, with the day by which evidence must reach the
 * bank (it is answered in the provider's dashboard). A dispute lost means the bank gave the money
 * back to the cardholder: it is booked as a refund of the payment (reason `chargeback`), through the
 * one refund booking, so the debt is owed again, plan instalments it paid are open again, and the
 * remittance gives the creditor's share back. A dispute won moved no money. Each event is recorded
 * once (`webhook_events`); a repeat, or news of a dispute already decided, changes nothing.
 */
import { and, desc, eq, gte, or, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { systemActor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { cardDisputes, claims, payments, refunds } from '../db/schema';
import { clock } from '../clock';
import type { ChargebackEvent } from '../payments/gateway';
import { assertAgencyStaff } from './actor';
import { insertAudited, updateAudited } from './audit';
import { refundSucceeded, roomOf } from './refund-booking';
import { writeTx } from './tx';
import { eventSeen, recordEvent } from './webhook-events';

export type ChargebackOutcome =
	'duplicate' | 'unknown_payment' | 'opened' | 'open' | 'won' | 'lost' | 'already_final';

type Dispute = typeof cardDisputes.$inferSelect;

export function chargebackOutcome(
	db: DB,
	ev: ChargebackEvent
): { outcome: ChargebackOutcome; disputeId: number | null } {
	const actor = systemActor(`gateway:${ev.provider}`);
	return writeTx(db, () => {
		if (eventSeen(db, ev.eventId)) return { outcome: 'duplicate', disputeId: null };
		const now = clock().now();
		const p = db
			.select()
			.from(payments)
			.where(
				and(eq(payments.gateway, 'stripe'), eq(payments.providerPaymentRef, ev.providerPaymentRef))
			)
			.get();
		let outcome: ChargebackOutcome = 'unknown_payment';
		let dispute: Dispute | undefined;
		if (p) {
			dispute = db
				.select()
				.from(cardDisputes)
				.where(eq(cardDisputes.providerRef, ev.disputeId))
				.get();
			const opened = !dispute;
			dispute ??= insertAudited(db, actor, cardDisputes, {
				values: {
					paymentId: p.id,
					providerRef: ev.disputeId,
					amountMinor: ev.amountMinor,
					currency: p.currency,
					reason: ev.reason,
					evidenceDueBy: ev.evidenceDueBy,
					createdAt: now
				},
				audit: {
					action: 'chargeback.opened',
					entity: 'card_dispute',
					after: { paymentId: p.id, amountMinor: ev.amountMinor, evidenceDueBy: ev.evidenceDueBy }
				}
			});
			if (dispute.status !== 'open') outcome = 'already_final';
			else if (ev.status === 'lost') outcome = lose(db, actor, dispute, ev, p, now);
			else if (ev.status === 'won') {
				updateAudited(db, actor, cardDisputes, dispute.id, {
					set: { status: 'won', closedAt: now },
					audit: { action: 'chargeback.won', entity: 'card_dispute', after: { event: ev.type } }
				});
				outcome = 'won';
			} else {
				if (!opened && ev.evidenceDueBy !== dispute.evidenceDueBy)
					updateAudited(db, actor, cardDisputes, dispute.id, {
						set: { evidenceDueBy: ev.evidenceDueBy },
						audit: {
							action: 'chargeback.update',
							entity: 'card_dispute',
							before: { evidenceDueBy: dispute.evidenceDueBy },
							after: { evidenceDueBy: ev.evidenceDueBy }
						}
					});
				outcome = opened ? 'opened' : 'open';
			}
		}
		recordEvent(db, ev, p?.id ?? null, outcome, now);
		return { outcome, disputeId: dispute?.id ?? null };
	});
}

/**
 * The bank took the money back: booked as a refund of the payment, at most what the payment can
 * still give back (a refund we made before the chargeback already returned part of it; the bank's
 * figure beyond that is kept on the dispute and in the audit for an operator to take up with the
 * provider). Another currency than the payment's is never booked: it is left to an operator too.
 */
function lose(
	db: DB,
	actor: Actor,
	d: Dispute,
	ev: ChargebackEvent,
	p: typeof payments.$inferSelect,
	now: number
): 'lost' {
	const take = ev.currency === p.currency ? Math.min(ev.amountMinor, roomOf(db, p.id)) : 0;
	let refundId: number | null = null;
	if (take > 0) {
		const r = db
			.insert(refunds)
			.values({
				paymentId: p.id,
				amountMinor: take,
				reason: 'chargeback',
				status: 'pending',
				providerRef: ev.disputeId,
				createdAt: now
			})
			.returning()
			.get();
		refundSucceeded(db, actor, r, null, now, { providerRef: ev.disputeId, event: ev.type });
		refundId = r.id;
	}
	updateAudited(db, actor, cardDisputes, d.id, {
		set: { status: 'lost', closedAt: now, refundId, amountMinor: ev.amountMinor },
		audit: {
			action: 'chargeback.lost',
			entity: 'card_dispute',
			after: {
				refundId,
				bookedMinor: take,
				unbookedMinor: ev.amountMinor - take,
				currency: ev.currency,
				event: ev.type
			}
		}
	});
	return 'lost';
}

/** How long a decided chargeback stays on the operators' page. */
const SHOWN_AFTER_CLOSE_MS = 30 * 86_400_000;

/**
 * The operators' list: open chargebacks, the nearest evidence deadline first, then the ones decided
 * in the last 30 days, newest first.
 */
export function chargebacksForOps(db: DB, actor: Actor) {
	assertAgencyStaff(actor);
	const since = clock().now() - SHOWN_AFTER_CLOSE_MS;
	return db
		.select({
			id: cardDisputes.id,
			paymentId: cardDisputes.paymentId,
			claimId: claims.id,
			reference: claims.reference,
			amountMinor: cardDisputes.amountMinor,
			currency: cardDisputes.currency,
			status: cardDisputes.status,
			reason: cardDisputes.reason,
			evidenceDueBy: cardDisputes.evidenceDueBy,
			closedAt: cardDisputes.closedAt
		})
		.from(cardDisputes)
		.innerJoin(payments, eq(payments.id, cardDisputes.paymentId))
		.innerJoin(claims, eq(claims.id, payments.claimId))
		.where(or(eq(cardDisputes.status, 'open'), gte(cardDisputes.closedAt, since)))
		.orderBy(
			desc(eq(cardDisputes.status, 'open')),
			sql`CASE WHEN ${cardDisputes.status} = 'open' THEN ${cardDisputes.evidenceDueBy} END`,
			desc(cardDisputes.closedAt)
		)
		.limit(100)
		.all();
}
