/**
 * Booking a refund on the ledger (and the refund tasks it covers), and the provider's later word on
 * it: a refund that failed after it was booked is taken back and the duty to refund opens again.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { systemActor } from '$lib/domain/actor';
import { parseOrder } from '$lib/domain/allocation';
import { localDate } from '$lib/domain/clock';
import { zeroBalances, type Component } from '$lib/domain/ledger';
import type { DB } from '../db/client';
import {
	claims,
	creditors,
	disputes,
	ledgerEntries,
	payments,
	refundTasks,
	refunds
} from '../db/schema';
import { clock } from '../clock';
import type { RefundEvent } from '../payments/gateway';
import { audit, updateAudited } from './audit';
import { changeStatus } from './claim-state';
import { reevaluateNow } from './holds';
import { postEntries } from './ledger';
import { issueCertificate } from './payments';
import { writeTx } from './tx';
import { eventSeen, recordEvent } from './webhook-events';
import { syncSettlementDiscount } from './settlement-offers';
import { correctionMemo } from '$lib/domain/dispute-correction';
import { openRefundTask } from './reconcile';
import { applyPaymentToPlan, unapplyRefundFromPlan } from './plan-settlement';

/**
 * A refund the provider accepted, by its answer to our request or by its own event: marked
 * succeeded, booked on the claim, the payment's refund tasks covered (`taskId`, the one the
 * operator worked, first), audited with `after` (the provider's reference, and the event).
 */
export function refundSucceeded(
	db: DB,
	actor: Actor,
	r: Pick<typeof refunds.$inferSelect, 'id' | 'paymentId' | 'amountMinor'>,
	taskId: number | null,
	now: number,
	after: { providerRef: string | null; event?: string }
): void {
	db.update(refunds)
		.set({ status: 'succeeded', providerRef: after.providerRef })
		.where(eq(refunds.id, r.id))
		.run();
	bookRefund(db, actor, r.paymentId, r.id, r.amountMinor, now);
	coverTasks(db, actor, r.paymentId, r.id, r.amountMinor, taskId, now);
	audit(db, actor, { action: 'refund.succeeded', entity: 'refund', entityId: r.id, after });
}

/**
 * A refund covers the payment's open refund tasks (the one the operator worked first, then the
 * oldest): a task it covers is done; one it covers in part stays open for what is still owed, so
 * a small refund never closes a larger duty to give money back (C11).
 */
function coverTasks(
	db: DB,
	actor: Actor,
	paymentId: number,
	refundId: number,
	amount: number,
	firstTaskId: number | null,
	now: number
): void {
	const open = db
		.select()
		.from(refundTasks)
		.where(and(eq(refundTasks.paymentId, paymentId), eq(refundTasks.status, 'open')))
		.orderBy(asc(refundTasks.id))
		.all()
		.sort((a, b) => Number(b.id === firstTaskId) - Number(a.id === firstTaskId));
	let rest = amount;
	for (const task of open) {
		if (rest <= 0) break;
		if (rest >= task.amountMinor) {
			updateAudited(db, actor, refundTasks, task.id, {
				set: { status: 'done', refundId, doneAt: now },
				audit: {
					action: 'refund_task.done',
					entity: 'refund_task',
					after: { refundId }
				}
			});
			rest -= task.amountMinor;
		} else {
			updateAudited(db, actor, refundTasks, task.id, {
				set: { amountMinor: task.amountMinor - rest },
				audit: {
					action: 'refund_task.reduce',
					entity: 'refund_task',
					before: { amountMinor: task.amountMinor },
					after: { amountMinor: task.amountMinor - rest, refundId }
				}
			});
			rest = 0;
		}
	}
}

function bookRefund(
	db: DB,
	actor: Actor,
	paymentId: number,
	refundId: number,
	amount: number,
	now: number
): void {
	const p = db.select().from(payments).where(eq(payments.id, paymentId)).get()!;
	const claim = db.select().from(claims).where(eq(claims.id, p.claimId)).get()!;
	const lines = db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paymentId)).all();
	const allocated = zeroBalances();
	const refundedByComp = zeroBalances();
	for (const l of lines) {
		if (l.kind === 'payment') allocated[l.component] -= l.amountMinor;
		else if (l.kind === 'refund') refundedByComp[l.component] += l.amountMinor;
	}
	const allocatedTotal = Object.values(allocated).reduce((a, b) => a + b, 0);
	const ledgerRefunded = Object.values(refundedByComp).reduce((a, b) => a + b, 0);
	const overpayment = p.amountMinor - allocatedTotal;
	const overpaymentRefunded = p.refundedMinor - ledgerRefunded;
	let rest = amount - Math.min(amount, Math.max(0, overpayment - overpaymentRefunded));
	const creditor = db
		.select({ o: creditors.allocationOrder })
		.from(creditors)
		.where(eq(creditors.id, claim.creditorId))
		.get()!;
	const reverseOrder = [...parseOrder(creditor.o)].reverse() as Component[];
	const day = localDate(now);
	const entries = [];
	for (const c of reverseOrder) {
		const room = allocated[c] - refundedByComp[c];
		const take = Math.min(rest, room);
		if (take > 0) {
			entries.push({
				component: c,
				kind: 'refund' as const,
				amountMinor: take,
				effectiveDate: day,
				paymentId,
				refundId,
				memo: `refund ${refundId}`
			});
			rest -= take;
		}
	}
	postEntries(db, claim.id, entries);
	syncSettlementDiscount(db, actor, p, refundId, day);
	// a claim closed by an upheld dispute owes nothing: what is given back is written off with it
	const upheld = claim.status === 'closed' ? upheldDisputeOf(db, claim.id) : null;
	if (upheld)
		postEntries(
			db,
			claim.id,
			entries.map((e) => ({
				component: e.component,
				kind: 'write_off' as const,
				amountMinor: -e.amountMinor,
				effectiveDate: day,
				refundId,
				memo: correctionMemo(upheld)
			}))
		);
	db.update(payments)
		.set({ refundedMinor: sql`${payments.refundedMinor} + ${amount}` })
		.where(eq(payments.id, paymentId))
		.run();
	// what the ledger took back is owed again on the plan's installments too
	const plan = unapplyRefundFromPlan(
		db,
		{ id: paymentId, claimId: claim.id },
		refundId,
		entries.reduce((a, e) => a + e.amountMinor, 0)
	);
	const balance = db
		.select({ b: claims.balanceMinor })
		.from(claims)
		.where(eq(claims.id, claim.id))
		.get()!.b;
	if (plan.reopened && claim.status !== 'in_plan')
		changeStatus(db, actor, claim.id, 'in_plan', `refund ${refundId}`);
	else if (claim.status === 'paid' && balance > 0)
		changeStatus(db, actor, claim.id, 'open', `refund ${refundId}`);
	// a refund re-opens the debt: the claim is evaluated again at once
	reevaluateNow(db, claim.id);
}

export type RefundOutcome =
	'duplicate' | 'unknown_refund' | 'booked' | 'reversed' | 'failed' | 'already_final';

/**
 * A provider's later word on a refund, from a verified webhook. A refund that failed after we
 * booked it is taken back in one transaction: negative 'refund' entries naming the ones it posted
 * (the debt is as it was before the refund), the payment's refunded amount, the claim's status
 * (and certificate) if the refund had re-opened it, and a new refund task with the C11 deadline,
 * because the money still has to go back. The event id is recorded once; a repeat does nothing.
 */
export function refundOutcome(
	db: DB,
	ev: RefundEvent
): { outcome: RefundOutcome; refundId: number | null } {
	const actor = systemActor(`gateway:${ev.provider}`);
	return writeTx(db, () => {
		if (eventSeen(db, ev.eventId)) return { outcome: 'duplicate', refundId: ev.refundId };
		const now = clock().now();
		const r = db.select().from(refunds).where(eq(refunds.id, ev.refundId)).get();
		const p = r
			? db
					.select({ providerPaymentRef: payments.providerPaymentRef })
					.from(payments)
					.where(eq(payments.id, r.paymentId))
					.get()
			: undefined;
		// ours by the metadata, of our payment (another database on the same Stripe account has its
		// own refund with our id); the provider's id is stored once its answer to our request is
		// booked, so an event that overtakes that answer matches a refund still pending without one
		const samePayment =
			r != null &&
			r.paymentId === ev.paymentId &&
			(!ev.providerPaymentRef ||
				!p?.providerPaymentRef ||
				ev.providerPaymentRef === p.providerPaymentRef);
		const known =
			r &&
			samePayment &&
			(r.providerRef === ev.providerRef || (r.providerRef == null && r.status === 'pending'));
		// a refund an operator closed as not made (abandonRefund: failed, never confirmed) that the
		// provider reports made after all: the money has left, so it is booked while the payment
		// still has that much to give back (else a refund made meanwhile took its place: an operator
		// sorts it out from the audit trail)
		const madeLate =
			r != null &&
			samePayment &&
			r.status === 'failed' &&
			r.providerRef == null &&
			ev.outcome === 'succeeded';
		const late = madeLate && roomOf(db, r.paymentId) >= r.amountMinor;
		const outcome: RefundOutcome = late
			? 'booked'
			: !known
				? 'unknown_refund'
				: ev.outcome === 'succeeded' && r.status === 'pending'
					? 'booked'
					: ev.outcome !== 'failed' || r.status === 'failed'
						? 'already_final'
						: r.status === 'succeeded'
							? 'reversed'
							: 'failed';
		recordEvent(db, ev, known ? r.paymentId : null, outcome, now);
		if (madeLate && !late) {
			// the money left twice: kept on the refund and in the audit trail for an operator to
			// recover, never booked past what the payment brought
			updateAudited(db, actor, refunds, r.id, {
				set: { providerRef: ev.providerRef },
				audit: {
					action: 'refund.made_late',
					entity: 'refund',
					before: { status: 'failed' },
					after: { status: 'failed', booked: false, providerRef: ev.providerRef, event: ev.type }
				}
			});
			return { outcome, refundId: r.id };
		}
		if (late) {
			audit(db, actor, {
				action: 'refund.made_late',
				entity: 'refund',
				entityId: r.id,
				before: { status: 'failed' },
				after: { status: 'succeeded', event: ev.type }
			});
			refundSucceeded(db, actor, r, null, now, { providerRef: ev.providerRef, event: ev.type });
			return { outcome, refundId: r.id };
		}
		if (known && outcome === 'booked') {
			// we never heard the provider's answer to our request (see sendRefund): its event books it
			refundSucceeded(db, actor, r, null, now, { providerRef: ev.providerRef, event: ev.type });
			return { outcome, refundId: r.id };
		}
		if (!known || (outcome !== 'reversed' && outcome !== 'failed'))
			return { outcome, refundId: known ? r.id : null };
		updateAudited(db, actor, refunds, r.id, {
			set: { status: 'failed', providerRef: ev.providerRef },
			audit: {
				action: 'refund.failed',
				entity: 'refund',
				before: { status: r.status },
				after: { status: 'failed', event: ev.type }
			}
		});
		if (outcome === 'reversed') unbookRefund(db, actor, r, now);
		return { outcome, refundId: r.id };
	});
}

/** What a payment can still give back: its amount less what its refunds booked or hold. */
export function roomOf(db: DB, paymentId: number): number {
	const p = db
		.select({ amount: payments.amountMinor, refunded: payments.refundedMinor })
		.from(payments)
		.where(eq(payments.id, paymentId))
		.get();
	const inFlight = db
		.select({ id: refunds.id, amount: refunds.amountMinor })
		.from(refunds)
		.where(and(eq(refunds.paymentId, paymentId), eq(refunds.status, 'pending')))
		.all()
		.reduce((a, x) => a + x.amount, 0);
	return p ? p.amount - p.refunded - inFlight : 0;
}

/** The upheld dispute that closed a claim, if one did. */
function upheldDisputeOf(db: DB, claimId: number): number | null {
	return (
		db
			.select({ id: disputes.id })
			.from(disputes)
			.where(and(eq(disputes.claimId, claimId), eq(disputes.status, 'upheld')))
			.get()?.id ?? null
	);
}

function unbookRefund(db: DB, actor: Actor, r: typeof refunds.$inferSelect, now: number): void {
	const p = db.select().from(payments).where(eq(payments.id, r.paymentId)).get()!;
	const claim = db.select().from(claims).where(eq(claims.id, p.claimId)).get()!;
	const day = localDate(now);
	const posted = db
		.select()
		.from(ledgerEntries)
		.where(
			and(eq(ledgerEntries.refundId, r.id), inArray(ledgerEntries.kind, ['refund', 'write_off']))
		)
		.all();
	// its refund lines, and what it wrote off with them on a claim closed by an upheld dispute
	postEntries(
		db,
		claim.id,
		posted.map((e) => ({
			component: e.component,
			kind: e.kind,
			amountMinor: -e.amountMinor,
			effectiveDate: day,
			paymentId: p.id,
			refundId: r.id,
			reversesId: e.id,
			// a write-off keeps its dispute's memo: what the dispute took off is summed by it
			memo: e.kind === 'write_off' ? e.memo : `refund ${r.id} failed`
		}))
	);
	// no refund of the payment standing any more: its settlement holds again
	syncSettlementDiscount(db, actor, p, r.id, day);
	db.update(payments)
		.set({ refundedMinor: sql`${payments.refundedMinor} - ${r.amountMinor}` })
		.where(eq(payments.id, p.id))
		.run();
	const balance = db
		.select({ b: claims.balanceMinor })
		.from(claims)
		.where(eq(claims.id, claim.id))
		.get()!.b;
	// what the refund had taken off the plan's installments settles them again, as of the payment
	if (r.planUnappliedMinor > 0) {
		applyPaymentToPlan(db, {
			id: p.id,
			claimId: claim.id,
			amountMinor: r.planUnappliedMinor,
			completedAt: p.completedAt ?? now
		});
	}
	// the refund had re-opened a settled claim: it is settled again, and its certificate (withdrawn
	// meanwhile, unchanged) shows again with its first date
	const after = db
		.select({ status: claims.status })
		.from(claims)
		.where(eq(claims.id, claim.id))
		.get()!.status;
	if ((after === 'open' || after === 'in_plan') && balance <= 0 && posted.length > 0) {
		changeStatus(db, actor, claim.id, 'paid', `refund ${r.id} failed`);
		issueCertificate(db, actor, claim.id, now, { reissue: false });
	}
	openRefundTask(db, actor, p, claim.id, r.amountMinor, now, { failedRefundId: r.id });
	reevaluateNow(db, claim.id);
}
