/**
 * Taking payments: `startPayment` opens a hosted payment page for a claim; `reconcile` is the one
 * function every provider event goes through (Stripe webhook, Stripe success-page check, demo
 * page). Everything reconcile does happens in one IMMEDIATE transaction, so concurrent deliveries
 * and completions queue on the write lock and each sees the balance the previous one left.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { amountMismatchFlag, GATEWAY_UNAVAILABLE } from '$lib/domain/payment-flags';
import { systemActor } from '$lib/domain/actor';
import { allocate, parseOrder } from '$lib/domain/allocation';
import { addDays, localDate } from '$lib/domain/clock';
import { totalOf, zeroBalances } from '$lib/domain/ledger';
import type { Currency } from '$lib/domain/money';
import type { CreditorRules } from '$lib/domain/rules';
import type { DB } from '../db/client';
import {
	claims,
	creditors,
	payments,
	refundTasks,
	settlementCertificates,
	webhookEvents
} from '../db/schema';
import { clock } from '../clock';
import { getGateway } from '../payments';
import type { GatewayEvent, PaymentGateway } from '../payments/gateway';
import { audit } from './audit';
import { changeStatus } from './claim-state';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { openBalances, postEntries } from './ledger';
import { applyPaymentToPlan } from './plan-settlement';
import { settlePromisesForClaim } from './promises';
import { effectiveRules } from './rules';
import { writeTx } from './tx';
import { logEvent } from '../log';
import { assertDebtor } from './actor';

export type PaymentPurpose = 'full' | 'partial' | 'installment' | 'down_payment';

/** C11: an overpayment is refunded within this many days. */
export const REFUND_DUE_DAYS = 5;

/** The amount "pay in full" asks for: the balance, in whole forints for HUF (rounded up). */
export function fullAmount(balanceMinor: number, currency: Currency): number {
	if (balanceMinor <= 0) return 0;
	return currency === 'HUF' ? Math.ceil(balanceMinor / 100) * 100 : balanceMinor;
}

/** The smallest part payment the rules allow for this balance (never more than the full amount). */
export function minimumPart(
	rules: CreditorRules,
	balanceMinor: number,
	currency: Currency
): number {
	return Math.min(rules.minPartialPaymentMinor, fullAmount(balanceMinor, currency));
}

export interface StartPaymentInput {
	claimId: number;
	amountMinor: number;
	purpose: PaymentPurpose;
	planId?: number | null;
	/** scheme://host of the site, for the provider's return URLs (default: ORIGIN) */
	origin?: string;
	/** where "cancel" on the hosted page returns to (default: the claim page) */
	returnPath?: string;
	locale?: 'hu' | 'en';
}

function ownClaim(db: DB, actor: Actor, claimId: number) {
	assertDebtor(actor);
	const claim = db
		.select()
		.from(claims)
		.where(and(eq(claims.id, claimId), eq(claims.debtorId, actor.debtorId)))
		.get();
	if (!claim) throw new NotFoundError('claim');
	return claim;
}

/** The currency of the debtor's own claim, to read an amount they typed (NotFoundError for anyone else's). */
export function claimCurrency(db: DB, actor: Actor, claimId: number): Currency {
	return ownClaim(db, actor, claimId).currency;
}

/**
 * Creates a pending payment row and asks the configured gateway for a hosted page.
 * Returns where to send the debtor. Throws ValidationError (field `amount`) for amounts the
 * creditor's rules do not allow, ConflictError when nothing is owed.
 */
export async function startPayment(
	db: DB,
	actor: Actor,
	input: StartPaymentInput,
	gateway: PaymentGateway = getGateway()
): Promise<{ paymentId: number; redirectUrl: string }> {
	const payment = writeTx(db, () => {
		const claim = ownClaim(db, actor, input.claimId);
		if (claim.status === 'paid' || claim.status === 'closed' || claim.balanceMinor <= 0)
			throw new ConflictError('payments.error.nothingOwed');
		const amount = input.amountMinor;
		const full = fullAmount(claim.balanceMinor, claim.currency);
		if (!Number.isSafeInteger(amount) || amount <= 0)
			throw new ValidationError({ amount: { key: 'payments.error.amountPositive' } });
		if (claim.currency === 'HUF' && amount % 100 !== 0)
			throw new ValidationError({ amount: { key: 'payments.error.wholeForints' } });
		if (amount > full)
			throw new ValidationError({
				amount: { key: 'payments.error.tooMuch', params: { max: full } }
			});
		if (input.purpose === 'full' && amount !== full)
			throw new ValidationError({ amount: { key: 'payments.error.fullMismatch' } });
		if (input.purpose === 'partial') {
			const rules = effectiveRules(db, claim.creditorId, claim.portfolioId).rules;
			if (!rules.partialPaymentsAllowed)
				throw new ValidationError({ amount: { key: 'payments.error.partialNotAllowed' } });
			const min = minimumPart(rules, claim.balanceMinor, claim.currency);
			if (amount < min)
				throw new ValidationError({ amount: { key: 'payments.error.tooLittle', params: { min } } });
		}
		const now = clock().now();
		const row = db
			.insert(payments)
			.values({
				claimId: claim.id,
				debtorId: claim.debtorId,
				planId: input.planId ?? null,
				amountMinor: amount,
				currency: claim.currency,
				purpose: input.purpose,
				gateway: gateway.name,
				status: 'pending',
				createdAt: now
			})
			.returning()
			.get();
		audit(db, actor, {
			action: 'payment.start',
			entity: 'payment',
			entityId: row.id,
			after: {
				claimId: claim.id,
				amountMinor: amount,
				purpose: input.purpose,
				gateway: gateway.name
			}
		});
		return { ...row, reference: claim.reference };
	});
	const origin = (input.origin ?? process.env.ORIGIN ?? 'http://localhost:5173').replace(/\/$/, '');
	try {
		const page = await gateway.createHostedPage({
			paymentId: payment.id,
			idempotencyKey: `payment-${payment.id}-${payment.createdAt}`,
			amountMinor: payment.amountMinor,
			currency: payment.currency,
			description: payment.reference,
			successUrl: `${origin}/my/payments/${payment.id}`,
			cancelUrl: `${origin}${input.returnPath ?? `/my/claims/${payment.claimId}?cancelled=1`}`,
			locale: input.locale ?? 'hu'
		});
		writeTx(db, () => {
			db.update(payments)
				.set({ providerRef: page.providerRef })
				.where(eq(payments.id, payment.id))
				.run();
			audit(db, actor, {
				action: 'payment.hosted_page',
				entity: 'payment',
				entityId: payment.id,
				after: { providerRef: page.providerRef }
			});
		});
		return { paymentId: payment.id, redirectUrl: page.url };
	} catch (e) {
		writeTx(db, () => {
			db.update(payments)
				.set({ status: 'failed', flagReason: GATEWAY_UNAVAILABLE })
				.where(eq(payments.id, payment.id))
				.run();
			audit(db, systemActor('payments'), {
				action: 'payment.gateway_error',
				entity: 'payment',
				entityId: payment.id
			});
		});
		throw new ConflictError('payments.error.gatewayDown', {
			cause: e instanceof Error ? e.name : 'error'
		});
	}
}

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
 * One transaction.
 */
export function reconcile(db: DB, ev: GatewayEvent): ReconcileResult {
	const actor = systemActor(`gateway:${ev.provider}`);
	return writeTx(db, () => {
		const seen = db
			.select({ id: webhookEvents.id })
			.from(webhookEvents)
			.where(eq(webhookEvents.eventId, ev.eventId))
			.get();
		if (seen) return { outcome: 'duplicate', paymentId: ev.paymentId };
		const now = clock().now();
		const payment = db.select().from(payments).where(eq(payments.id, ev.paymentId)).get();
		const record = (outcome: ReconcileOutcome) =>
			db
				.insert(webhookEvents)
				.values({
					provider: ev.provider,
					eventId: ev.eventId,
					type: ev.type,
					paymentId: payment?.id ?? null,
					outcome,
					receivedAt: now
				})
				.run();
		// ours by the metadata, and by the provider's own id once we know it: another database that
		// shares the Stripe account (staging, a re-seeded demo) has its own payment with our id
		if (
			!payment ||
			payment.gateway !== ev.provider ||
			(payment.providerRef && ev.providerRef && payment.providerRef !== ev.providerRef)
		) {
			const foreign = payment ? { id: payment.id } : null;
			db.insert(webhookEvents)
				.values({
					provider: ev.provider,
					eventId: ev.eventId,
					type: ev.type,
					paymentId: null,
					outcome: 'unknown_payment',
					receivedAt: now
				})
				.run();
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
		if (ev.outcome === 'failed' || ev.outcome === 'expired') {
			// a late "expired" or "failed" never undoes money that already arrived
			if (payment.status !== 'pending') {
				record('already_final');
				return { outcome: 'already_final', paymentId: payment.id };
			}
			const to = ev.outcome === 'failed' ? 'failed' : 'expired';
			db.update(payments)
				.set({ status: to, completedAt: now })
				.where(eq(payments.id, payment.id))
				.run();
			audit(db, actor, {
				action: `payment.${to}`,
				entity: 'payment',
				entityId: payment.id,
				before: { status: payment.status },
				after: { status: to, event: ev.type }
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
			db.update(payments)
				.set({
					status: 'flagged',
					flagReason: amountMismatchFlag(ev.amountMinor, currency),
					providerPaymentRef: ev.providerPaymentRef ?? payment.providerPaymentRef
				})
				.where(eq(payments.id, payment.id))
				.run();
			audit(db, actor, {
				action: 'payment.flagged',
				entity: 'payment',
				entityId: payment.id,
				before: { status: payment.status },
				after: {
					status: 'flagged',
					reported: { amountMinor: ev.amountMinor, currency },
					expected: { amountMinor: payment.amountMinor, currency: payment.currency }
				}
			});
			// the money that arrived is not posted, so all of it is owed back (C11): an operator
			// refunds it from the task (another currency is settled with the provider directly)
			if (currency === payment.currency && ev.amountMinor > 0)
				openRefundTask(db, actor, payment, payment.claimId, ev.amountMinor, now, 'flagged');
			record('flagged');
			return { outcome: 'flagged', paymentId: payment.id };
		}
		const res = settle(db, actor, payment, ev, now);
		record('posted');
		return { outcome: 'posted', paymentId: payment.id, ...res };
	});
}

function settle(
	db: DB,
	actor: Actor,
	payment: typeof payments.$inferSelect,
	ev: GatewayEvent,
	now: number
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
	const open = closed ? zeroBalances() : openBalances(db, claim.id);
	const { parts, overpayment } = allocate(
		payment.amountMinor,
		open,
		parseOrder(creditor.allocationOrder)
	);
	const day = localDate(now);
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
				effectiveDate: day,
				paymentId: payment.id,
				memo: `payment ${payment.id}`
			}))
	);
	const year = day.slice(0, 4);
	const receiptNumber = `RZ-${year}-${String(payment.id).padStart(7, '0')}`;
	db.update(payments)
		.set({
			status: 'succeeded',
			completedAt: now,
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
			completedAt: now
		});
	if (overpayment > 0)
		openRefundTask(
			db,
			actor,
			payment,
			claim.id,
			overpayment,
			now,
			closed ? 'closed_claim' : 'overpayment'
		);
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
	settlePromisesForClaim(db, actor, claim.id, now);
	return { overpaymentMinor: overpayment, settled };
}

/** C11: money that has to go back becomes an operators' task, due in five days. */
function openRefundTask(
	db: DB,
	actor: Actor,
	payment: typeof payments.$inferSelect,
	claimId: number,
	amountMinor: number,
	now: number,
	why: 'overpayment' | 'closed_claim' | 'flagged'
): void {
	const task = db
		.insert(refundTasks)
		.values({
			claimId,
			paymentId: payment.id,
			amountMinor,
			currency: payment.currency,
			dueDate: addDays(localDate(now), REFUND_DUE_DAYS),
			createdAt: now
		})
		.returning({ id: refundTasks.id })
		.get();
	audit(db, actor, {
		action: 'refund_task.open',
		entity: 'refund_task',
		entityId: task.id,
		after: { paymentId: payment.id, amountMinor, why }
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

/** One payment of this debtor (receipt page, demo page). */
export function paymentForDebtor(db: DB, actor: Actor, paymentId: number) {
	assertDebtor(actor);
	const p = db
		.select()
		.from(payments)
		.where(and(eq(payments.id, paymentId), eq(payments.debtorId, actor.debtorId)))
		.get();
	if (!p) throw new NotFoundError('payment');
	return p;
}
