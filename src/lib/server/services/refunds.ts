/**
 * Refunds by operators, through the gateway. A refund first gives back the part of the payment
 * that was never allocated (an overpayment, C11: nothing to reverse on the ledger), then reverses
 * the payment's allocation in the opposite order (principal first), as positive 'refund' entries.
 * A refund the provider accepted is booked at once; if the provider later reports that it failed
 * (Stripe: `refund.failed`), `refundOutcome` takes the booking back and opens a refund task again.
 * A request the provider never answered stays pending until its event or an operator's retry.
 */
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { systemActor } from '$lib/domain/actor';
import { refundableMinor } from '$lib/domain/payment-flags';
import { readableText } from '$lib/domain/placement';
import type { DB } from '../db/client';
import { payments, refunds } from '../db/schema';
import { clock } from '../clock';
import { getGateway } from '../payments';
import type { PaymentGateway } from '../payments/gateway';
import { audit, insertAudited, updateAudited } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { writeTx } from './tx';
import { assertAgencyStaff } from './actor';
import { refundCountSql } from './refund-lists';
import { refundSucceeded } from './refund-booking';

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
	/**
	 * A bank transfer's money goes back by a transfer from the agency's account, which the operator
	 * makes at the bank first and records here with its reference (no card gateway can send it).
	 */
	transferRef?: string | null;
}

/** How many refunds a payment has had (any outcome): the version an operator's form carries. */

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
		// paid to the creditor: the creditor holds that money, we have none of it to give back
		if (p.gateway === 'direct') throw new ConflictError('payments.refund.error.direct');
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
		if (!readableText(reason)) errors.reason = { key: 'payments.refund.error.reason' };
		const transferRef = input.transferRef?.trim() ?? '';
		// the bank's reference of the transfer made: something an auditor can find on the statement
		if (p.gateway === 'bank_transfer' && !readableText(transferRef))
			errors.transferRef = { key: 'payments.refund.error.transferRef' };
		if (Object.keys(errors).length) throw new ValidationError(errors);
		const r = insertAudited(db, actor, refunds, {
			values: {
				paymentId: p.id,
				amountMinor: input.amountMinor,
				reason,
				status: 'pending',
				createdBy: 'userId' in actor ? actor.userId : null,
				createdAt: clock().now()
			},
			audit: {
				action: 'refund.request',
				entity: 'refund',
				after: { paymentId: p.id, amountMinor: input.amountMinor }
			}
		});
		if (p.gateway === 'bank_transfer') {
			// already sent from the agency's account: booked now, under the transfer's reference
			const providerRef = `transfer:${r.id}:${transferRef}`;
			refundSucceeded(db, actor, r, input.refundTaskId ?? null, clock().now(), { providerRef });
			return {
				refund: { ...r, status: 'succeeded' as const, providerRef },
				payment: p,
				booked: true
			};
		}
		return { refund: r, payment: p, booked: false };
	});
	if (pending.booked) return pending.refund;
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
			updateAudited(db, systemActor('refunds'), refunds, refund.id, {
				set: { status: 'failed', providerRef: result.providerRef || null },
				audit: { action: 'refund.failed', entity: 'refund' }
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
		refundSucceeded(db, actor, refund, refundTaskId, now, { providerRef: result.providerRef });
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
		updateAudited(db, actor, refunds, r.id, {
			set: { status: 'failed' },
			audit: {
				action: 'refund.abandoned',
				entity: 'refund',
				before: { status: 'pending' },
				after: { status: 'failed' }
			}
		});
		return { ...r, status: 'failed' as const };
	});
}

export { refundOutcome, type RefundOutcome } from './refund-booking';
export {
	pendingRefundsForOps,
	paymentsForOps,
	refundTasksForOps,
	refundCountSql
} from './refund-lists';
