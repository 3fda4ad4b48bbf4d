/**
 * Taking payments: `startPayment` opens a hosted payment page for a claim (one open checkout per
 * claim); `reconcile` (reconcile.ts, re-exported here) is the one function every provider event
 * goes through.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { GATEWAY_UNAVAILABLE } from '$lib/domain/payment-flags';
import { systemActor } from '$lib/domain/actor';
import { checkoutExpiresAt, decideCheckout, type HeldPayment } from '$lib/domain/checkout';
import type { Currency } from '$lib/domain/money';
import type { CreditorRules } from '$lib/domain/rules';
import type { DB } from '../db/client';
import { payments } from '../db/schema';
import { clock } from '../clock';
import { getGateway } from '../payments';
import type { PaymentGateway } from '../payments/gateway';
import { audit } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { assertDebtor } from './actor';
import { effectiveRules } from './rules';
import { writeTx } from './tx';
import { debtorClaim } from './claim-state';

export type PaymentPurpose = 'full' | 'partial' | 'installment' | 'down_payment';

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

/** The currency of the debtor's own claim, to read an amount they typed (NotFoundError for anyone else's). */
export function claimCurrency(db: DB, actor: Actor, claimId: number): Currency {
	return debtorClaim(db, actor, claimId).currency;
}

/**
 * The claim's pending payments, and whether the provider has said each one's checkout was
 * completed with the money still on its way (an 'awaiting' answer to a completed session).
 */
function pendingOf(db: DB, claimId: number): HeldPayment[] {
	const rows = db.$client
		.prepare(
			`SELECT p.id, p.amount_minor AS amountMinor, p.purpose, p.plan_id AS planId, p.created_at AS createdAt,
				EXISTS (SELECT 1 FROM webhook_events w WHERE w.payment_id = p.id AND w.outcome = 'awaiting'
					AND (w.type = 'checkout.session.completed' OR w.event_id LIKE 'check:%:complete:%')) AS inFlight
			 FROM payments p WHERE p.claim_id = ? AND p.status = 'pending'`
		)
		.all(claimId) as (Omit<HeldPayment, 'inFlight'> & { inFlight: number })[];
	return rows.map((r) => ({ ...r, inFlight: r.inFlight === 1 }));
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
 */
export async function startPayment(
	db: DB,
	actor: Actor,
	input: StartPaymentInput,
	gateway: PaymentGateway = getGateway()
): Promise<{ paymentId: number; redirectUrl: string }> {
	const { payment, reused } = writeTx(db, () => {
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
		if (input.purpose === 'partial') {
			const rules = effectiveRules(db, claim.creditorId, claim.portfolioId).rules;
			if (!rules.partialPaymentsAllowed)
				throw new ValidationError({ amount: { key: 'payments.error.partialNotAllowed' } });
			const min = minimumPart(rules, claim.balanceMinor, claim.currency);
			if (amount < min)
				throw new ValidationError({ amount: { key: 'payments.error.tooLittle', params: { min } } });
		}
		const now = clock().now();
		const planId = input.planId ?? null;
		const decision = decideCheckout(
			pendingOf(db, claim.id),
			{ amountMinor: amount, purpose: input.purpose, planId },
			full,
			now
		);
		if (decision.kind === 'refuse')
			throw decision.minutes === null
				? new ConflictError('payments.error.paymentInFlight')
				: new ConflictError('payments.error.pendingCheckout', { minutes: decision.minutes });
		if (decision.kind === 'reuse') {
			const row = db.select().from(payments).where(eq(payments.id, decision.paymentId)).get()!;
			return { payment: { ...row, reference: claim.reference }, reused: true };
		}
		const row = db
			.insert(payments)
			.values({
				claimId: claim.id,
				debtorId: claim.debtorId,
				planId,
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
		return { payment: { ...row, reference: claim.reference }, reused: false };
	});
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

export {
	issueCertificate,
	reconcile,
	REFUND_DUE_DAYS,
	type ReconcileOutcome,
	type ReconcileResult
} from './reconcile';
