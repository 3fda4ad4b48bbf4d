/**
 * The one reconciliation every provider event goes through (Stripe webhook, Stripe success-page
 * check, demo page): `reconcile` books a payment, flags a mismatch, opens a refund task for an
 * overpayment (C11) and issues the settlement certificate at zero (C10). Everything it does happens
 * in one IMMEDIATE transaction, so concurrent deliveries and completions queue on the write lock
 * and each sees the balance the previous one left. Starting payments is in payments.ts.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { systemActor } from '$lib/domain/actor';
import { amountMismatchFlag } from '$lib/domain/payment-flags';
import { allocate, parseOrder } from '$lib/domain/allocation';
import { holds } from '$lib/domain/checkout';
import { addDays, localDate } from '$lib/domain/clock';
import { totalOf, zeroBalances } from '$lib/domain/ledger';
import type { DB } from '../db/client';
import { claims, creditors, payments, refundTasks, settlementCertificates } from '../db/schema';
import { clock } from '../clock';
import type { GatewayEvent } from '../payments/gateway';
import { logEvent } from '../log';
import { audit, insertAudited, updateAudited } from './audit';
import { changeStatus } from './claim-state';
import { reevaluateNow } from './holds';
import { openBalances, postEntries } from './ledger';
import { applyPaymentToPlan } from './plan-settlement';
import { applySettlementDiscount } from './settlement-offers';
import { settlePromisesForClaim } from './promises';
import { writeTx } from './tx';
import { eventSeen, recordEvent } from './webhook-events';

/** C11: an overpayment is refunded within this many days. */
export const REFUND_DUE_DAYS = 5;

export type ReconcileOutcome =
	| 'posted'
	| 'duplicate'
	| 'already_final'
	| 'flagged'
	| 'failed'
	| 'expired'
	| 'awaiting'
	| 'unknown_payment';

export interface ReconcileResult {
	outcome: ReconcileOutcome;
	paymentId: number | null;
	overpaymentMinor?: number;
	settled?: boolean;
}

const FINAL_OK = new Set(['succeeded', 'flagged']);

/**
 * The one reconciliation: records the event id (a repeat does nothing), checks amount and
 * currency against our payment row (a mismatch flags the payment and posts nothing), posts the
 * allocated ledger entries, settles plan installments and promises, marks the claim paid and
 * issues the settlement certificate at zero (C10), opens a refund task for an overpayment (C11).
 * One transaction. `paidOn`: the day the money was paid when that was before today (a payment
 * the creditor reports it received directly), kept on the payment as `settle` does.
 */
export function reconcile(
	db: DB,
	ev: GatewayEvent,
	opts: { paidOn?: string } = {}
): ReconcileResult {
	const actor = systemActor(`gateway:${ev.provider}`);
	return writeTx(db, () => {
		if (eventSeen(db, ev.eventId)) return { outcome: 'duplicate', paymentId: ev.paymentId };
		const now = clock().now();
		const payment = db.select().from(payments).where(eq(payments.id, ev.paymentId)).get();
		const record = (outcome: ReconcileOutcome) =>
			recordEvent(db, ev, payment?.id ?? null, outcome, now);
		// ours by the metadata, and by the provider's own id once we know it: another database that
		// shares the Stripe account (staging, a re-seeded demo) has its own payment with our id
		if (
			!payment ||
			payment.gateway !== ev.provider ||
			(payment.providerRef && ev.providerRef && payment.providerRef !== ev.providerRef)
		) {
			const foreign = payment ? { id: payment.id } : null;
			recordEvent(db, ev, null, 'unknown_payment', now);
			if (foreign)
				logEvent('warn', 'payment_event_foreign_session', {
					paymentId: foreign.id,
					event: ev.type
				});
			return { outcome: 'unknown_payment', paymentId: null };
		}
		// the demo page answers a payment once, like a card: its second answer changes nothing
		if (ev.provider === 'demo' && payment.status !== 'pending') {
			record('already_final');
			return { outcome: 'already_final', paymentId: payment.id };
		}
		if (ev.outcome === 'pending') {
			record('awaiting');
			return { outcome: 'awaiting', paymentId: payment.id };
		}
		// the demo page expires like a Stripe session (domain/checkout.ts): an answer given after
		// that is an expiry, so a checkout that no longer holds the balance can never be paid
		const outcome =
			ev.provider === 'demo' && !holds({ createdAt: payment.createdAt, inFlight: false }, now)
				? 'expired'
				: ev.outcome;
		if (outcome === 'failed' || outcome === 'expired') {
			// a late "expired" or "failed" never undoes money that already arrived
			if (payment.status !== 'pending') {
				record('already_final');
				return { outcome: 'already_final', paymentId: payment.id };
			}
			const to = outcome === 'failed' ? 'failed' : 'expired';
			updateAudited(db, actor, payments, payment.id, {
				set: { status: to, completedAt: now },
				audit: {
					action: `payment.${to}`,
					entity: 'payment',
					before: { status: payment.status },
					after: { status: to, event: ev.type }
				}
			});
			record(to);
			return { outcome: to, paymentId: payment.id };
		}
		// succeeded
		if (FINAL_OK.has(payment.status)) {
			record('already_final');
			return { outcome: 'already_final', paymentId: payment.id };
		}
		const currency = ev.currency.toUpperCase();
		if (ev.amountMinor !== payment.amountMinor || currency !== payment.currency) {
			updateAudited(db, actor, payments, payment.id, {
				set: {
					status: 'flagged',
					flagReason: amountMismatchFlag(ev.amountMinor, currency),
					providerPaymentRef: ev.providerPaymentRef ?? payment.providerPaymentRef
				},
				audit: {
					action: 'payment.flagged',
					entity: 'payment',
					before: { status: payment.status },
					after: {
						status: 'flagged',
						reported: { amountMinor: ev.amountMinor, currency },
						expected: { amountMinor: payment.amountMinor, currency: payment.currency }
					}
				}
			});
			// the money that arrived is not posted, so all of it is owed back (C11): an operator
			// refunds it from the task (another currency is settled with the provider directly)
			if (currency === payment.currency && ev.amountMinor > 0)
				openRefundTask(db, actor, payment, payment.claimId, ev.amountMinor, now, {
					why: 'flagged'
				});
			record('flagged');
			return { outcome: 'flagged', paymentId: payment.id };
		}
		const res = settle(db, actor, payment, ev, now, opts.paidOn);
		record('posted');
		return { outcome: 'posted', paymentId: payment.id, ...res };
	});
}

/**
 * Posts a payment whose money arrived (a provider's success, a bank transfer from the statement,
 * bank.ts): 6:46 allocation, plan and promises, refund task for an overpayment, certificate at
 * zero. Call inside the caller's transaction. `paidOn`, the day the money arrived if that was
 * before `now`'s (a bank transfer's booking day), is kept on the payment (`arrived_on`) and is the
 * plan's and the promises' on-time check; the ledger lines
 * are dated the day they are posted, like everything else, so a month's remittance already worked
 * out never changes afterwards.
 */
export function settle(
	db: DB,
	actor: Actor,
	payment: typeof payments.$inferSelect,
	ev: Pick<GatewayEvent, 'providerRef' | 'providerPaymentRef'>,
	now: number,
	paidOn = localDate(now)
): { overpaymentMinor: number; settled: boolean } {
	const claim = db.select().from(claims).where(eq(claims.id, payment.claimId)).get()!;
	const creditor = db
		.select({ allocationOrder: creditors.allocationOrder })
		.from(creditors)
		.where(eq(creditors.id, claim.creditorId))
		.get()!;
	// a closed claim (a dispute upheld while the debtor was at the checkout) takes no more money:
	// all of it goes back, and the claim stays as it is
	const closed = claim.status === 'closed';
	// a payment that takes a settlement offer writes the discount off first (settlement-offers.ts)
	const today = localDate(now);
	if (!closed) applySettlementDiscount(db, actor, payment, today);
	const open = closed ? zeroBalances() : openBalances(db, claim.id);
	const { parts, overpayment } = allocate(
		payment.amountMinor,
		open,
		parseOrder(creditor.allocationOrder)
	);
	const order = parseOrder(creditor.allocationOrder);
	postEntries(
		db,
		claim.id,
		order
			.filter((c) => parts[c] > 0)
			.map((c) => ({
				component: c,
				kind: 'payment' as const,
				amountMinor: -parts[c],
				effectiveDate: today,
				paymentId: payment.id,
				memo: `payment ${payment.id}`
			}))
	);
	const year = localDate(now).slice(0, 4);
	const receiptNumber = `RZ-${year}-${String(payment.id).padStart(7, '0')}`;
	db.update(payments)
		.set({
			status: 'succeeded',
			completedAt: now,
			// only a day before the posting's is kept (undefined leaves the column out)
			arrivedOn: paidOn < today ? paidOn : undefined,
			receiptNumber,
			providerRef: ev.providerRef ?? payment.providerRef,
			providerPaymentRef: ev.providerPaymentRef ?? payment.providerPaymentRef
		})
		.where(eq(payments.id, payment.id))
		.run();
	const allocated = totalOf(parts);
	audit(db, actor, {
		action: 'payment.succeeded',
		entity: 'payment',
		entityId: payment.id,
		before: { status: payment.status },
		after: { status: 'succeeded', claimId: claim.id, allocated: parts, overpayment, receiptNumber }
	});
	if (allocated > 0)
		applyPaymentToPlan(db, {
			id: payment.id,
			claimId: claim.id,
			amountMinor: allocated,
			completedAt: now,
			paidOn
		});
	if (overpayment > 0)
		openRefundTask(db, actor, payment, claim.id, overpayment, now, {
			why: closed ? 'closed_claim' : 'overpayment'
		});
	if (closed) return { overpaymentMinor: overpayment, settled: false };
	const balance = db
		.select({ b: claims.balanceMinor })
		.from(claims)
		.where(eq(claims.id, claim.id))
		.get()!.b;
	let settled = false;
	if (balance <= 0) {
		settled = true;
		const wasPaid = claim.status === 'paid';
		changeStatus(db, actor, claim.id, 'paid', `payment ${payment.id}`);
		// paid off now (again, if a refund had re-opened it): the certificate bears today's date
		if (!wasPaid) issueCertificate(db, actor, claim.id, now, { reissue: true });
	}
	settlePromisesForClaim(db, actor, claim.id, now, paidOn);
	// at once, not at the nightly run: a claim paid off has its pending actions cancelled here
	reevaluateNow(db, claim.id);
	return { overpaymentMinor: overpayment, settled };
}

/**
 * C11: money that has to go back becomes an operators' task, due in five days. `reason` says why
 * in its audit row: a payment's overpayment, a payment to a closed claim or a flagged payment, or
 * the failed refund whose money is owed again.
 */
export function openRefundTask(
	db: DB,
	actor: Actor,
	payment: typeof payments.$inferSelect,
	claimId: number,
	amountMinor: number,
	now: number,
	reason: { why: 'overpayment' | 'closed_claim' | 'flagged' } | { failedRefundId: number }
): void {
	insertAudited(db, actor, refundTasks, {
		values: {
			claimId,
			paymentId: payment.id,
			amountMinor,
			currency: payment.currency,
			dueDate: addDays(localDate(now), REFUND_DUE_DAYS),
			createdAt: now
		},
		audit: {
			action: 'refund_task.open',
			entity: 'refund_task',
			after: { paymentId: payment.id, amountMinor, ...reason }
		}
	});
}

/**
 * C10: the certificate is issued the moment the balance reaches zero. A claim has one: when a
 * refund re-opened it and a payment pays it off again, it is issued anew (`reissue`) with that
 * day's date and number (the audit log keeps the earlier one); a refund that failed leaves it as
 * it was. The portal shows it only while the balance is zero.
 */
export function issueCertificate(
	db: DB,
	actor: Actor,
	claimId: number,
	now: number,
	opts: { reissue: boolean }
): void {
	const number = `RZ-IG-${localDate(now).slice(0, 4)}-${String(claimId).padStart(8, '0')}`;
	const before = db
		.select()
		.from(settlementCertificates)
		.where(eq(settlementCertificates.claimId, claimId))
		.get();
	if (before && !opts.reissue) return;
	if (before) {
		db.update(settlementCertificates)
			.set({ number, issuedAt: now })
			.where(eq(settlementCertificates.id, before.id))
			.run();
		audit(db, actor, {
			action: 'certificate.reissue',
			entity: 'claim',
			entityId: claimId,
			before: { number: before.number, issuedAt: before.issuedAt },
			after: { certificateId: before.id, number, issuedAt: now }
		});
		return;
	}
	const row = db
		.insert(settlementCertificates)
		.values({ claimId, number, issuedAt: now })
		.returning({ id: settlementCertificates.id })
		.get();
	audit(db, actor, {
		action: 'certificate.issue',
		entity: 'claim',
		entityId: claimId,
		after: { certificateId: row.id, number }
	});
}
