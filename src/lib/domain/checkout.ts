/**
 * One open checkout per claim (issue 15 item 10). Twenty "pay in full" clicks at once used to
 * open twenty checkouts, all of them payable. The rule follows Stripe's own guidance for Checkout:
 * one open Checkout Session per order, reused while it is open (found again with the same
 * idempotency key, so the same amount gets the same checkout URL), and a session that expires
 * (`expires_at`) stops holding the order. Here the order is the claim's balance:
 *
 * - a pending payment holds its amount while its checkout can still be paid: until its expiry
 *   (we set it on the session, so Stripe and we agree), or for as long as the provider has said
 *   the debtor completed the checkout and the money is on its way (bank debits);
 * - a request for the same amount and purpose as a held payment gets that payment's checkout;
 * - any other request is allowed only if the held amounts and it together stay within what is
 *   owed, and is refused with the time until the held checkout expires otherwise.
 *
 * An abandoned checkout therefore locks nothing for longer than CHECKOUT_TTL_MS.
 */

/**
 * How long a hosted payment page stays payable. Stripe accepts 30 minutes to 24 hours for a
 * Checkout Session's `expires_at` (default 24 h); one hour is enough to pay by card and keeps an
 * abandoned checkout from blocking a different amount for long. The demo page honours it too.
 */
export const CHECKOUT_TTL_MS = 60 * 60 * 1000;

export interface HeldPayment {
	id: number;
	amountMinor: number;
	purpose: string;
	planId: number | null;
	createdAt: number;
	/** the provider said the checkout was completed and the money is in flight */
	inFlight: boolean;
}

export const checkoutExpiresAt = (createdAt: number) => createdAt + CHECKOUT_TTL_MS;

/** Whether a pending payment still holds its amount at `now`. */
export function holds(p: Pick<HeldPayment, 'createdAt' | 'inFlight'>, now: number): boolean {
	return p.inFlight || now < checkoutExpiresAt(p.createdAt);
}

export type CheckoutDecision =
	| { kind: 'new' }
	| { kind: 'reuse'; paymentId: number }
	/** `minutes` until a held checkout expires; null when only money in flight blocks */
	| { kind: 'refuse'; minutes: number | null };

/**
 * What to do with a request to pay `amountMinor` when `pending` are the claim's pending payments
 * and `maxMinor` the most that may be paid now (the full amount).
 */
export function decideCheckout(
	pending: HeldPayment[],
	request: { amountMinor: number; purpose: string; planId: number | null },
	maxMinor: number,
	now: number
): CheckoutDecision {
	const held = pending.filter((p) => holds(p, now));
	const same = held.find(
		(p) =>
			!p.inFlight &&
			p.amountMinor === request.amountMinor &&
			p.purpose === request.purpose &&
			p.planId === request.planId
	);
	if (same) return { kind: 'reuse', paymentId: same.id };
	const heldTotal = held.reduce((a, p) => a + p.amountMinor, 0);
	if (heldTotal + request.amountMinor <= maxMinor) return { kind: 'new' };
	const freedAt = Math.min(
		...held.map((p) => (p.inFlight ? Infinity : checkoutExpiresAt(p.createdAt)))
	);
	return {
		kind: 'refuse',
		minutes: Number.isFinite(freedAt) ? Math.max(1, Math.ceil((freedAt - now) / 60_000)) : null
	};
}

/**
 * A changed order (Stripe's advice: expire the open Checkout Session, then open a new one): when
 * `decideCheckout` refuses a request only because of held checkouts the debtor has not completed,
 * these are the ones to expire at the provider first. Only checkouts with a provider page
 * (`expirable`) can be expired; money in flight and a checkout still being opened keep holding.
 * Returns null when expiring them would not let the request in (or there is nothing to expire).
 */
export function checkoutsToExpire(
	pending: (HeldPayment & { expirable: boolean })[],
	request: { amountMinor: number },
	maxMinor: number,
	now: number
): number[] | null {
	const held = pending.filter((p) => holds(p, now));
	const gone = held.filter((p) => !p.inFlight && p.expirable);
	const staying = held.filter((p) => !gone.includes(p)).reduce((a, p) => a + p.amountMinor, 0);
	if (gone.length === 0 || staying + request.amountMinor > maxMinor) return null;
	return gone.map((p) => p.id);
}
