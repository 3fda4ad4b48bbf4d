import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { str } from '$lib/server/auth/request';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import { makePromise } from '$lib/server/services/promises';
import { failFrom, idParam } from '$lib/server/payments/route-errors';
import { formClaim } from '$lib/server/payments/checkout';
import { parseAmount } from '$lib/domain/money';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireDebtor();
	try {
		const d = claimDetail(getDb(), actor, idParam(params.id));
		return { claim: d.claim, promise: d.promise, promiseRange: d.promiseRange };
	} catch (e) {
		throw failFrom(e);
	}
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const { actor, db, claimId, currency } = formClaim(params.id);
		const form = await request.formData();
		const date = str(form, 'promisedDate').trim();
		const amountText = str(form, 'amount');
		const parsed = parseAmount(amountText, currency);
		const errors: Record<string, { key: string }> = {};
		if (!date) errors.promisedDate = { key: 'form.required' };
		if (!parsed.ok)
			errors.amount = { key: parsed.reason === 'empty' ? 'form.required' : 'form.invalidAmount' };
		if (Object.keys(errors).length)
			return fail(400, { promisedDate: date, amount: amountText, errors });
		try {
			makePromise(db, actor, {
				claimId,
				promisedDate: date,
				amountMinor: parsed.ok ? parsed.minor : 0
			});
		} catch (e) {
			return failFrom(
				e,
				{ promisedDate: date, amount: amountText },
				{ currency, lang: locals.lang }
			);
		}
		return { saved: true };
	}
};
