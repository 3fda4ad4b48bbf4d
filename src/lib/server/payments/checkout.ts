/**
 * Portal forms about one claim that take an amount (pay, promise): the claim they are about, and
 * the end of a form that starts a payment (to the gateway's page, or the error next to the field,
 * amounts formatted in the page's language).
 */
import { redirect } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/actor';
import type { Currency } from '$lib/domain/money';
import type { Lang } from '$lib/i18n';
import { requireDebtor } from '../auth/guards';
import { getDb } from '../db';
import type { DB } from '../db/client';
import { claimCurrency, startPayment } from '../services/payments';
import { failFrom, idParam, orHttp } from '../http';

/** The signed-in debtor's claim a form is about (404 for anyone else's), with its currency. */
export function formClaim(idText: string): {
	actor: Actor;
	db: DB;
	claimId: number;
	currency: Currency;
} {
	const actor = requireDebtor();
	const db = getDb();
	const claimId = idParam(idText);
	return { actor, db, claimId, currency: orHttp(() => claimCurrency(db, actor, claimId)) };
}

/**
 * Starts the payment and sends the browser to the gateway, or answers the refusal (`values` kept).
 * A checkout the debtor left unpaid for another amount is replaced (expired at the provider).
 */
export async function checkout(
	db: DB,
	actor: Actor,
	input: { claimId: number; amountMinor: number; purpose: 'full' | 'partial' | 'settlement' },
	page: { origin: string; lang: Lang; currency: Currency },
	values: Record<string, string>
) {
	let result;
	try {
		result = await startPayment(db, actor, {
			...input,
			origin: page.origin,
			locale: page.lang,
			replaceAbandoned: true
		});
	} catch (e) {
		return failFrom(e, { values, money: { currency: page.currency, lang: page.lang } });
	}
	redirect(303, result.redirectUrl);
}
