import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import { makePromise } from '$lib/server/services/promises';
import { formClaim } from '$lib/server/payments/checkout';
import type { Currency } from '$lib/domain/money';
import {
	amountField,
	dateField,
	failFrom,
	idParam,
	orHttp,
	parseForm,
	readForm
} from '$lib/server/http';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireDebtor();
	const d = orHttp(() => claimDetail(getDb(), actor, idParam(params.id)));
	return { claim: d.claim, promise: d.promise, promiseRange: d.promiseRange };
};

const schema = (currency: Currency) =>
	z.object({ promisedDate: dateField, amount: amountField(currency) });

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const { actor, db, claimId, currency } = formClaim(params.id); // guard + 404 for others
		const parsed = parseForm(await readForm(request), schema(currency));
		if (!parsed.ok) return parsed.failure; // 400, keys per field, what was typed
		try {
			const { promisedDate, amount } = parsed.data;
			makePromise(db, actor, { claimId, promisedDate, amountMinor: amount });
		} catch (e) {
			return failFrom(e, { values: parsed.values, money: { currency, lang: locals.lang } });
		}
		return { saved: true };
	}
};
