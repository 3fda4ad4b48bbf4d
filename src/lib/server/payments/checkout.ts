/**
 * The end of a portal form that starts a payment: start it and send the debtor to the gateway's
 * page, or answer with the error next to the field (amounts formatted in the page's language).
 */
import { redirect } from '@sveltejs/kit';
import type { Actor } from '$lib/domain/actor';
import type { Currency } from '$lib/domain/money';
import type { Lang } from '$lib/i18n';
import type { DB } from '../db/client';
import { startPayment } from '../services/payments';
import { failFrom } from './route-errors';

export async function checkout<E extends Record<string, unknown>>(
	db: DB,
	actor: Actor,
	input: { claimId: number; amountMinor: number; purpose: 'full' | 'partial' },
	page: { origin: string; lang: Lang; currency: Currency },
	keep: E
) {
	let result;
	try {
		result = await startPayment(db, actor, { ...input, origin: page.origin, locale: page.lang });
	} catch (e) {
		return failFrom(e, keep, { currency: page.currency, lang: page.lang });
	}
	redirect(303, result.redirectUrl);
}
