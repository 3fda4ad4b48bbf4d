import { checkout, formClaim } from '$lib/server/payments/checkout';

type Purpose = 'full' | 'partial' | 'settlement';

/**
 * A form of this claim that ends in a card payment (the full balance or the settlement offer on the
 * claim page, a part on its pay page): the signed-in debtor's claim (404 for anyone else's), and
 * `pay`, which sends the browser to the gateway's page for `amountMinor`, or answers the refusal
 * next to the field with `values` kept, its amounts in the claim's currency and the page's language.
 */
export function cardForm(idText: string, { url, locals }: { url: URL; locals: App.Locals }) {
	const claim = formClaim(idText);
	const page = { origin: url.origin, lang: locals.lang, currency: claim.currency };
	const pay = (amountMinor: number, purpose: Purpose, values: Record<string, string> = {}) =>
		checkout(claim.db, claim.actor, { claimId: claim.claimId, amountMinor, purpose }, page, values);
	return { ...claim, pay };
}
