/**
 * Taking payments: `startPayment` opens a hosted payment page for a claim (one open checkout per
 * claim); `reconcile` (reconcile.ts, re-exported here) is the one function every provider event
 * goes through.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { GATEWAY_UNAVAILABLE } from '$lib/domain/payment-flags';
import { systemActor } from '$lib/domain/actor';
import {
	checkoutExpiresAt,
	checkoutsToExpire,
	decideCheckout,
	type HeldPayment
} from '$lib/domain/checkout';
import type { Currency } from '$lib/domain/money';
import type { CreditorRules } from '$lib/domain/rules';
import type { DB } from '../db/client';
import { payments } from '../db/schema';
import { clock } from '../clock';
import { getGateway } from '../payments';
import type { PaymentGateway } from '../payments/gateway';
import { audit, insertAudited, updateAudited } from './audit';
import { ConflictError, ValidationError } from './errors';
import { debtorRow } from './owned';
import { claimRules } from './rules';
import { writeTx } from './tx';
import { debtorClaim } from './claim-state';
import { offerFor } from './settlement-offers';

/** settlement: the whole balance at once, less the creditor's offered discount (settlement-offers.ts) */
export type PaymentPurpose = 'full' | 'partial' | 'installment' | 'down_payment' | 'settlement';

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
	/**
	 * The debtor changed their order (the portal's pay forms): checkouts they left unpaid are
	 * expired at the provider so this one can open, instead of a refusal until they expire.
	 */
	replaceAbandoned?: boolean;
}

/** The currency of the debtor's own claim, to read an amount they typed (NotFoundError for anyone else's). */
export function claimCurrency(db: DB, actor: Actor, claimId: number): Currency {
	return debtorClaim(db, actor, claimId).currency;
}

/**
 * The claim's pending payments, and whether the provider has said each one's checkout was
 * completed with the money still on its way (an 'awaiting' answer to a completed session).
 */
function pendingOf(
	db: DB,
	claimId: number
): (HeldPayment & { providerRef: string | null; expirable: boolean })[] {
	const rows = db.$client
		.prepare(
			`SELECT p.id, p.amount_minor AS amountMinor, p.purpose, p.plan_id AS planId, p.created_at AS createdAt,
				p.provider_ref AS providerRef,
				EXISTS (SELECT 1 FROM webhook_events w WHERE w.payment_id = p.id AND w.outcome = 'awaiting'
					AND (w.type = 'checkout.session.completed' OR w.event_id LIKE 'check:%:complete:%')) AS inFlight
			 FROM payments p WHERE p.claim_id = ? AND p.status = 'pending'`
		)
		.all(claimId) as (Omit<HeldPayment, 'inFlight'> & {
		inFlight: number;
		providerRef: string | null;
	})[];
	return rows.map((r) => ({ ...r, inFlight: r.inFlight === 1, expirable: r.providerRef != null }));
}

type Opened = { payment: typeof payments.$inferSelect & { reference: string }; reused: boolean };
/** held checkouts to expire at the provider before deciding again (a changed order) */
type Switch = { expire: { id: number; providerRef: string }[] };

/**
 * startPayment's decision, in one IMMEDIATE transaction: the checkout to reuse, a new payment row,
 * a refusal (thrown), or (`mayExpire`) the abandoned checkouts whose expiry would let it in.
 */
function openCheckout(
	db: DB,
	actor: Actor,
	input: StartPaymentInput,
	gateway: PaymentGateway,
	mayExpire: boolean
): Opened | Switch {
	return writeTx(db, () => {
		const claim = debtorClaim(db, actor, input.claimId);
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
		if (input.purpose === 'settlement') {
			// exactly the offer standing now (a stale page, an offer that lapsed: reload)
			const offer = offerFor(db, claim.id, clock().now());
			if (!offer || amount !== offer.payMinor)
				throw new ConflictError('payments.error.fullMismatch');
		}
		if (input.purpose === 'partial') {
			const rules = claimRules(db, claim);
			if (!rules.partialPaymentsAllowed)
				throw new ValidationError({ amount: { key: 'payments.error.partialNotAllowed' } });
			const min = minimumPart(rules, claim.balanceMinor, claim.currency);
			if (amount < min)
				throw new ValidationError({ amount: { key: 'payments.error.tooLittle', params: { min } } });
		}
		const now = clock().now();
		const planId = input.planId ?? null;
		const pending = pendingOf(db, claim.id);
		const decision = decideCheckout(
			pending,
			{ amountMinor: amount, purpose: input.purpose, planId },
			full,
			now
		);
		if (decision.kind === 'refuse') {
			const ids = mayExpire ? checkoutsToExpire(pending, { amountMinor: amount }, full, now) : null;
			if (ids)
				return {
					expire: pending
						.filter((p) => ids.includes(p.id))
						.map((p) => ({ id: p.id, providerRef: p.providerRef! }))
				};
			throw decision.minutes === null
				? new ConflictError('payments.error.paymentInFlight')
				: new ConflictError('payments.error.pendingCheckout', { minutes: decision.minutes });
		}
		if (decision.kind === 'reuse') {
			const row = db.select().from(payments).where(eq(payments.id, decision.paymentId)).get()!;
			return { payment: { ...row, reference: claim.reference }, reused: true };
		}
		const row = insertAudited(db, actor, payments, {
			values: {
				claimId: claim.id,
				debtorId: claim.debtorId,
				planId,
				amountMinor: amount,
				currency: claim.currency,
				purpose: input.purpose,
				gateway: gateway.name,
				status: 'pending',
				createdAt: now
			},
			audit: {
				action: 'payment.start',
				entity: 'payment',
				after: {
					claimId: claim.id,
					amountMinor: amount,
					purpose: input.purpose,
					gateway: gateway.name
				}
			}
		});
		return { payment: { ...row, reference: claim.reference }, reused: false };
	});
}

/**
 * Creates a pending payment row and asks the configured gateway for a hosted page.
 * Returns where to send the debtor. Throws ValidationError (field `amount`) for amounts the
 * creditor's rules do not allow, ConflictError when nothing is owed.
 *
 * One open checkout per claim (domain/checkout.ts, as Stripe advises: one open Checkout Session
 * per order, idempotency keys): while a payment for the same amount is pending and its checkout
 * can still be paid, the debtor is sent to that same checkout (the gateway is asked again with
 * that payment's idempotency key, so Stripe answers with the session it already made); another
 * amount that together with the pending ones would exceed what is owed is refused
 * (`payments.error.pendingCheckout`). The check and the insert share one IMMEDIATE transaction,
 * so parallel requests queue on it and the second one already sees the first one's row.
 *
 * A changed order (`replaceAbandoned`, the portal's pay forms; Stripe's advice: expire the open
 * session, then create a new one): when the refusal is only due to checkouts the debtor left
 * unpaid, they are expired at the provider and here (expireForNewCheckout), and the request is
 * decided once more in a new transaction.
 */
export async function startPayment(
	db: DB,
	actor: Actor,
	input: StartPaymentInput,
	gateway: PaymentGateway = getGateway()
): Promise<{ paymentId: number; redirectUrl: string }> {
	let opened = openCheckout(db, actor, input, gateway, input.replaceAbandoned === true);
	if ('expire' in opened) {
		await expireForNewCheckout(db, actor, opened.expire, gateway);
		// decided again in its own IMMEDIATE transaction: a parallel request that opened a checkout
		// meanwhile is seen, so the held total still never passes the balance
		opened = openCheckout(db, actor, input, gateway, false);
	}
	if ('expire' in opened) throw new Error('unreachable: a second decision never expires');
	const { payment, reused } = opened;
	const origin = (input.origin ?? process.env.ORIGIN ?? 'http://localhost:5173').replace(/\/$/, '');
	const request = {
		paymentId: payment.id,
		idempotencyKey: `payment-${payment.id}-${payment.createdAt}`,
		amountMinor: payment.amountMinor,
		currency: payment.currency,
		description: payment.reference,
		successUrl: `${origin}/my/payments/${payment.id}`,
		cancelUrl: `${origin}${input.returnPath ?? `/my/claims/${payment.claimId}?cancelled=1`}`,
		locale: input.locale ?? 'hu',
		expiresAt: checkoutExpiresAt(payment.createdAt)
	};
	if (reused) {
		try {
			// the same key and request: the provider answers with the checkout it made the first time
			const page = await gateway.createHostedPage(request);
			return { paymentId: payment.id, redirectUrl: page.url };
		} catch {
			// the first request failed (its row says so), or this one differs (another language)
			const now = db.select().from(payments).where(eq(payments.id, payment.id)).get()!;
			if (now.status === 'failed') throw new ConflictError('payments.error.gatewayDown');
			throw new ConflictError('payments.error.pendingCheckout', {
				minutes: Math.max(1, Math.ceil((checkoutExpiresAt(now.createdAt) - clock().now()) / 60_000))
			});
		}
	}
	try {
		const page = await gateway.createHostedPage(request);
		writeTx(db, () => {
			updateAudited(db, actor, payments, payment.id, {
				set: { providerRef: page.providerRef },
				audit: {
					action: 'payment.hosted_page',
					entity: 'payment',
					after: { providerRef: page.providerRef }
				}
			});
		});
		return { paymentId: payment.id, redirectUrl: page.url };
	} catch (e) {
		writeTx(db, () => {
			updateAudited(db, systemActor('payments'), payments, payment.id, {
				set: { status: 'failed', flagReason: GATEWAY_UNAVAILABLE },
				audit: { action: 'payment.gateway_error', entity: 'payment' }
			});
		});
		throw new ConflictError('payments.error.gatewayDown', {
			cause: e instanceof Error ? e.name : 'error'
		});
	}
}

/**
 * A changed order (domain/checkout.ts `checkoutsToExpire`): the debtor left checkouts unpaid and
 * now asks for another amount. Each is expired at the provider first, outside any transaction;
 * those the provider closed are marked expired here, if still pending (a provider event may have
 * settled one meanwhile). One the debtor completed, or one the provider could not be asked about,
 * stays pending and keeps holding, so the request is refused as before. A payment event that
 * still arrives for an expired one is reconciled as usual (money arriving is booked, never lost).
 */
async function expireForNewCheckout(
	db: DB,
	actor: Actor,
	held: { id: number; providerRef: string }[],
	gateway: PaymentGateway
): Promise<void> {
	const closed: typeof held = [];
	for (const p of held) {
		const answer = await gateway.expireHostedPage?.(p.providerRef).catch(() => 'error' as const);
		if (answer === 'expired') closed.push(p);
	}
	if (closed.length === 0) return;
	writeTx(db, () => {
		const now = clock().now();
		const still = db
			.select({ id: payments.id })
			.from(payments)
			.where(
				and(
					inArray(
						payments.id,
						closed.map((p) => p.id)
					),
					eq(payments.status, 'pending')
				)
			)
			.all();
		for (const { id } of still) {
			db.update(payments)
				.set({ status: 'expired', completedAt: now })
				.where(and(eq(payments.id, id), eq(payments.status, 'pending')))
				.run();
			audit(db, actor, {
				action: 'payment.expired_for_new_checkout',
				entity: 'payment',
				entityId: id,
				before: { status: 'pending' },
				after: { status: 'expired', providerRef: closed.find((p) => p.id === id)!.providerRef }
			});
		}
	});
}

/** One payment of this debtor (receipt page, demo page). */
export function paymentForDebtor(db: DB, actor: Actor, paymentId: number) {
	return debtorRow(db, actor, 'payment', paymentId);
}

export {
	issueCertificate,
	reconcile,
	REFUND_DUE_DAYS,
	type ReconcileOutcome,
	type ReconcileResult
} from './reconcile';
