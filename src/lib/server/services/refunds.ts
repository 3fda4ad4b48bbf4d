/**
 * Refunds by operators, through the gateway. A refund first gives back the part of the payment
 * that was never allocated (an overpayment, C11: nothing to reverse on the ledger), then reverses
 * the payment's allocation in the opposite order (principal first), as positive 'refund' entries.
 * A refund the provider accepted is booked at once; if the provider later reports that it failed
 * (Stripe: `refund.failed`), `refundOutcome` takes the booking back and opens a refund task again.
 * A request the provider never answered stays pending until its event or an operator's retry.
 */
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { systemActor } from '$lib/domain/actor';
import { parseOrder } from '$lib/domain/allocation';
import { refundableMinor } from '$lib/domain/payment-flags';
import { addDays, localDate } from '$lib/domain/clock';
import { zeroBalances, type Component } from '$lib/domain/ledger';
import type { DB } from '../db/client';
import {
	claims,
	creditors,
	ledgerEntries,
	payments,
	refundTasks,
	refunds,
	webhookEvents
} from '../db/schema';
import { clock } from '../clock';
import { getGateway } from '../payments';
import type { PaymentGateway, RefundEvent } from '../payments/gateway';
import { audit } from './audit';
import { changeStatus } from './claim-state';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { postEntries } from './ledger';
import { issueCertificate, REFUND_DUE_DAYS } from './payments';
import { writeTx } from './tx';
import { applyPaymentToPlan, unapplyRefundFromPlan } from './plan-settlement';
import { assertAgencyStaff } from './actor';

export interface RefundInput {
	paymentId: number;
	amountMinor: number;
	reason: string;
	refundTaskId?: number | null;
	/**
	 * How many refunds the payment had when the operator's page was drawn. A different count now
	 * means another refund (a second click, a colleague) came first: the operator looks again
	 * rather than giving the same money back twice.
	 */
	seenRefunds?: number | null;
}

/** How many refunds a payment has had (any outcome): the version an operator's form carries. */
export const refundCountSql = sql<number>`(SELECT count(*) FROM refunds r WHERE r.payment_id = ${payments.id})`;

export async function refundPayment(
	db: DB,
	actor: Actor,
	input: RefundInput,
	gateway: PaymentGateway = getGateway()
) {
	assertAgencyStaff(actor);
	const reason = input.reason.trim();
	const pending = writeTx(db, () => {
		const p = db
			.select({ ...getTableColumns(payments), refundCount: refundCountSql })
			.from(payments)
			.where(eq(payments.id, input.paymentId))
			.get();
		if (!p) throw new NotFoundError('payment');
		if (input.seenRefunds != null && input.seenRefunds !== p.refundCount)
			throw new ConflictError('payments.refund.error.changed');
		// a succeeded payment, or a flagged one whose money arrived unposted
		const refundable = refundableMinor(p);
		if (
			p.status !== 'succeeded' &&
			!(p.status === 'flagged' && (refundable > 0 || p.refundedMinor > 0))
		)
			throw new ConflictError('payments.refund.error.notSucceeded');
		// refunds still waiting for the provider's answer are money already on its way back
		const inFlight = db
			.select({ n: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)` })
			.from(refunds)
			.where(and(eq(refunds.paymentId, p.id), eq(refunds.status, 'pending')))
			.get()!.n;
		const left = Math.max(0, refundable - inFlight);
		const errors: ConstructorParameters<typeof ValidationError>[0] = {};
		if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
			errors.amount = { key: 'payments.error.amountPositive' };
		else if (input.amountMinor > left)
			errors.amount = { key: 'payments.refund.error.tooMuch', params: { max: left } };
		if (reason.length < 3) errors.reason = { key: 'payments.refund.error.reason' };
		if (Object.keys(errors).length) throw new ValidationError(errors);
		const now = clock().now();
		const r = db
			.insert(refunds)
			.values({
				paymentId: p.id,
				amountMinor: input.amountMinor,
				reason,
				status: 'pending',
				createdBy: 'userId' in actor ? actor.userId : null,
				createdAt: now
			})
			.returning()
			.get();
		audit(db, actor, {
			action: 'refund.request',
			entity: 'refund',
			entityId: r.id,
			after: { paymentId: p.id, amountMinor: input.amountMinor }
		});
		return { refund: r, payment: p };
	});
	return sendRefund(
		db,
		actor,
		pending.refund,
		pending.payment,
		input.refundTaskId ?? null,
		gateway
	);
}

/**
 * Asks the provider for a refund we recorded as pending, always with the same idempotency key,
 * and books it once the provider accepts it. A refusal is final (the operator may start a new
 * one). No answer at all (a timeout, a dropped connection) leaves the refund pending: the
 * provider may have made it, so it is booked when the provider's event says so, or when the
 * operator sends it again (`retryRefund`), which the key makes safe.
 */
async function sendRefund(
	db: DB,
	actor: Actor,
	refund: typeof refunds.$inferSelect,
	payment: Pick<
		typeof payments.$inferSelect,
		'id' | 'currency' | 'providerPaymentRef' | 'providerRef'
	>,
	refundTaskId: number | null,
	gateway: PaymentGateway
) {
	let result: Awaited<ReturnType<PaymentGateway['refund']>>;
	try {
		result = await gateway.refund({
			paymentId: payment.id,
			refundId: refund.id,
			idempotencyKey: `refund-${refund.id}-${refund.createdAt}`,
			amountMinor: refund.amountMinor,
			currency: payment.currency,
			providerPaymentRef: payment.providerPaymentRef,
			providerRef: payment.providerRef
		});
	} catch (e) {
		writeTx(db, () =>
			audit(db, systemActor('refunds'), {
				action: 'refund.no_answer',
				entity: 'refund',
				entityId: refund.id,
				after: { error: e instanceof Error ? e.name : 'error' }
			})
		);
		throw new ConflictError('payments.refund.error.noAnswer');
	}
	if (result.status === 'failed') {
		// recorded (and committed) before the error goes back to the operator
		writeTx(db, () => {
			db.update(refunds)
				.set({ status: 'failed', providerRef: result.providerRef || null })
				.where(eq(refunds.id, refund.id))
				.run();
			audit(db, systemActor('refunds'), {
				action: 'refund.failed',
				entity: 'refund',
				entityId: refund.id
			});
		});
		throw new ConflictError('payments.refund.error.gateway');
	}
	const booked = writeTx(db, () => {
		const now = clock().now();
		const current = db.select().from(refunds).where(eq(refunds.id, refund.id)).get()!;
		// the provider's own event may have been quicker than its answer to us: booked already
		if (current.status === 'succeeded') return current;
		// or its failure arrived meanwhile (refundOutcome)
		if (current.status !== 'pending') return null;
		// a refund the provider accepted is money on its way back: book it now (Stripe's "pending"
		// refunds almost always succeed; a later failure arrives as an event, see refundOutcome)
		db.update(refunds)
			.set({ status: 'succeeded', providerRef: result.providerRef })
			.where(eq(refunds.id, refund.id))
			.run();
		bookRefund(db, actor, payment.id, refund.id, refund.amountMinor, now);
		coverTasks(db, actor, payment.id, refund.id, refund.amountMinor, refundTaskId, now);
		audit(db, actor, {
			action: 'refund.succeeded',
			entity: 'refund',
			entityId: refund.id,
			after: { providerRef: result.providerRef }
		});
		return db.select().from(refunds).where(eq(refunds.id, refund.id)).get()!;
	});
	if (!booked) throw new ConflictError('payments.refund.error.gateway');
	return booked;
}

const RETRY_WINDOW_MS = 23 * 60 * 60 * 1000;

/** Sends a refund that got no answer again, with the same idempotency key (see sendRefund). */
export async function retryRefund(
	db: DB,
	actor: Actor,
	refundId: number,
	gateway: PaymentGateway = getGateway()
) {
	assertAgencyStaff(actor);
	const r = db.select().from(refunds).where(eq(refunds.id, refundId)).get();
	if (!r) throw new NotFoundError('refund');
	if (r.status !== 'pending') throw new ConflictError('payments.refund.error.notPending');
	// the provider keeps an idempotency key for a day (Stripe: at least 24 hours); later, the same
	// key could make a second refund, so an older one is checked with the provider by hand
	if (clock().now() - r.createdAt > RETRY_WINDOW_MS)
		throw new ConflictError('payments.refund.error.tooOldToRetry');
	const p = db.select().from(payments).where(eq(payments.id, r.paymentId)).get()!;
	writeTx(db, () => audit(db, actor, { action: 'refund.retry', entity: 'refund', entityId: r.id }));
	return sendRefund(db, actor, r, p, null, gateway);
}

/**
 * A pending refund the operator has checked at the provider and found not made (too old to send
 * again, or the provider unreachable for good): it is closed as failed, which frees its amount
 * for a new refund. Audited with who decided it.
 */
export function abandonRefund(db: DB, actor: Actor, refundId: number) {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const r = db.select().from(refunds).where(eq(refunds.id, refundId)).get();
		if (!r) throw new NotFoundError('refund');
		if (r.status !== 'pending') throw new ConflictError('payments.refund.error.notPending');
		db.update(refunds).set({ status: 'failed' }).where(eq(refunds.id, r.id)).run();
		audit(db, actor, {
			action: 'refund.abandoned',
			entity: 'refund',
			entityId: r.id,
			before: { status: 'pending' },
			after: { status: 'failed' }
		});
		return { ...r, status: 'failed' as const };
	});
}

/** Refunds waiting for the provider's word, oldest first (operators send them again from here). */
export function pendingRefundsForOps(db: DB, actor: Actor) {
	assertAgencyStaff(actor);
	return db
		.select({
			id: refunds.id,
			paymentId: refunds.paymentId,
			reference: claims.reference,
			amountMinor: refunds.amountMinor,
			currency: payments.currency,
			createdAt: refunds.createdAt
		})
		.from(refunds)
		.innerJoin(payments, eq(payments.id, refunds.paymentId))
		.innerJoin(claims, eq(claims.id, payments.claimId))
		.where(eq(refunds.status, 'pending'))
		.orderBy(asc(refunds.id))
		.all();
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
			db.update(refundTasks)
				.set({ status: 'done', refundId, doneAt: now })
				.where(eq(refundTasks.id, task.id))
				.run();
			audit(db, actor, {
				action: 'refund_task.done',
				entity: 'refund_task',
				entityId: task.id,
				after: { refundId }
			});
			rest -= task.amountMinor;
		} else {
			db.update(refundTasks)
				.set({ amountMinor: task.amountMinor - rest })
				.where(eq(refundTasks.id, task.id))
				.run();
			audit(db, actor, {
				action: 'refund_task.reduce',
				entity: 'refund_task',
				entityId: task.id,
				before: { amountMinor: task.amountMinor },
				after: { amountMinor: task.amountMinor - rest, refundId }
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
		if (
			db
				.select({ id: webhookEvents.id })
				.from(webhookEvents)
				.where(eq(webhookEvents.eventId, ev.eventId))
				.get()
		)
			return { outcome: 'duplicate', refundId: ev.refundId };
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
		const outcome: RefundOutcome = !known
			? 'unknown_refund'
			: ev.outcome === 'succeeded' && r.status === 'pending'
				? 'booked'
				: ev.outcome !== 'failed' || r.status === 'failed'
					? 'already_final'
					: r.status === 'succeeded'
						? 'reversed'
						: 'failed';
		db.insert(webhookEvents)
			.values({
				provider: ev.provider,
				eventId: ev.eventId,
				type: ev.type,
				paymentId: known ? r.paymentId : null,
				outcome,
				receivedAt: now
			})
			.run();
		if (known && outcome === 'booked') {
			// we never heard the provider's answer to our request (see sendRefund): its event books it
			db.update(refunds)
				.set({ status: 'succeeded', providerRef: ev.providerRef })
				.where(eq(refunds.id, r.id))
				.run();
			bookRefund(db, actor, r.paymentId, r.id, r.amountMinor, now);
			coverTasks(db, actor, r.paymentId, r.id, r.amountMinor, null, now);
			audit(db, actor, {
				action: 'refund.succeeded',
				entity: 'refund',
				entityId: r.id,
				after: { providerRef: ev.providerRef, event: ev.type }
			});
			return { outcome, refundId: r.id };
		}
		if (!known || (outcome !== 'reversed' && outcome !== 'failed'))
			return { outcome, refundId: known ? r.id : null };
		db.update(refunds)
			.set({ status: 'failed', providerRef: ev.providerRef })
			.where(eq(refunds.id, r.id))
			.run();
		audit(db, actor, {
			action: 'refund.failed',
			entity: 'refund',
			entityId: r.id,
			before: { status: r.status },
			after: { status: 'failed', event: ev.type }
		});
		if (outcome === 'reversed') unbookRefund(db, actor, r, now);
		return { outcome, refundId: r.id };
	});
}

function unbookRefund(db: DB, actor: Actor, r: typeof refunds.$inferSelect, now: number): void {
	const p = db.select().from(payments).where(eq(payments.id, r.paymentId)).get()!;
	const claim = db.select().from(claims).where(eq(claims.id, p.claimId)).get()!;
	const day = localDate(now);
	const posted = db
		.select()
		.from(ledgerEntries)
		.where(and(eq(ledgerEntries.refundId, r.id), eq(ledgerEntries.kind, 'refund')))
		.all();
	postEntries(
		db,
		claim.id,
		posted.map((e) => ({
			component: e.component,
			kind: 'refund' as const,
			amountMinor: -e.amountMinor,
			effectiveDate: day,
			paymentId: p.id,
			refundId: r.id,
			reversesId: e.id,
			memo: `refund ${r.id} failed`
		}))
	);
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
	const task = db
		.insert(refundTasks)
		.values({
			claimId: claim.id,
			paymentId: p.id,
			amountMinor: r.amountMinor,
			currency: p.currency,
			dueDate: addDays(day, REFUND_DUE_DAYS),
			createdAt: now
		})
		.returning({ id: refundTasks.id })
		.get();
	audit(db, actor, {
		action: 'refund_task.open',
		entity: 'refund_task',
		entityId: task.id,
		after: { paymentId: p.id, amountMinor: r.amountMinor, failedRefundId: r.id }
	});
}

/** Operators' view: recent payments, open refund tasks by due date. */
export function paymentsForOps(
	db: DB,
	actor: Actor,
	opts: { status?: string; limit?: number } = {}
) {
	assertAgencyStaff(actor);
	const statuses = ['pending', 'succeeded', 'failed', 'expired', 'flagged'] as const;
	const st = statuses.find((s) => s === opts.status);
	return db
		.select({
			id: payments.id,
			claimId: payments.claimId,
			reference: claims.reference,
			amountMinor: payments.amountMinor,
			refundedMinor: payments.refundedMinor,
			currency: payments.currency,
			purpose: payments.purpose,
			gateway: payments.gateway,
			status: payments.status,
			flagReason: payments.flagReason,
			refundCount: refundCountSql,
			receiptNumber: payments.receiptNumber,
			createdAt: payments.createdAt,
			completedAt: payments.completedAt
		})
		.from(payments)
		.innerJoin(claims, eq(claims.id, payments.claimId))
		.where(st ? eq(payments.status, st) : undefined)
		.orderBy(sql`${payments.id} DESC`)
		.limit(opts.limit ?? 100)
		.all();
}

export function refundTasksForOps(db: DB, actor: Actor) {
	assertAgencyStaff(actor);
	return db
		.select({
			id: refundTasks.id,
			claimId: refundTasks.claimId,
			paymentId: refundTasks.paymentId,
			reference: claims.reference,
			amountMinor: refundTasks.amountMinor,
			currency: refundTasks.currency,
			dueDate: refundTasks.dueDate,
			status: refundTasks.status,
			refundCount: refundCountSql
		})
		.from(refundTasks)
		.innerJoin(claims, eq(claims.id, refundTasks.claimId))
		.innerJoin(payments, eq(payments.id, refundTasks.paymentId))
		.where(inArray(refundTasks.status, ['open']))
		.orderBy(asc(refundTasks.dueDate))
		.all();
}
