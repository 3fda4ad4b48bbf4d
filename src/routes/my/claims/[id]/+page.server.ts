import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { str } from '$lib/server/auth/request';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import { startPayment } from '$lib/server/services/payments';
import { failFrom, idParam } from '$lib/server/payments/route-errors';
import { parseAmount, type Currency } from '$lib/domain/money';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireDebtor();
	try {
		// as it comes: copying it without the promise page's date range (`...rest`) cost more than sending two dates
		return claimDetail(getDb(), actor, idParam(params.id));
	} catch (e) {
		throw failFrom(e);
	}
};

function currencyOf(actorClaim: { claim: { currency: string } }): Currency {
	return actorClaim.claim.currency as Currency;
}

export const actions: Actions = {
	pay: async ({ request, params, locals, url }) => {
		const actor = requireDebtor();
		const db = getDb();
		const claimId = idParam(params.id);
		let detail;
		try {
			detail = claimDetail(db, actor, claimId);
		} catch (e) {
			throw failFrom(e);
		}
		const currency = currencyOf(detail);
		const form = await request.formData();
		const mode = str(form, 'mode') === 'part' ? 'part' : 'full';
		const amountText = str(form, 'amount');
		let amountMinor: number;
		if (mode === 'full') {
			amountMinor = Number(str(form, 'fullMinor'));
		} else {
			const parsed = parseAmount(amountText, currency);
			if (!parsed.ok) {
				return fail(400, { form: 'pay', mode, amount: amountText, errors: { amount: { key: parsed.reason === 'empty' ? 'form.required' : 'form.invalidAmount' } } });
			}
			amountMinor = parsed.minor;
		}
		let result;
		try {
			result = await startPayment(
				db,
				actor,
				{ claimId, amountMinor, purpose: mode === 'full' ? 'full' : 'partial', origin: url.origin, locale: locals.lang },
			);
		} catch (e) {
			return failFrom(e, { form: 'pay', mode, amount: amountText }, { currency, lang: locals.lang });
		}
		redirect(303, result.redirectUrl);
	}
};
