import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import { makePromise } from '$lib/server/services/promises';
import { formClaim } from '$lib/server/payments/checkout';
import type { Currency } from '$lib/domain/money';
import { amountField, dateField, idParam, orHttp, submitForm } from '$lib/server/http';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireDebtor();
	const d = orHttp(() => claimDetail(getDb(), actor, idParam(params.id), { promiseRange: true }));
	// a plan waiting for a decision takes no promise beside it (makePromise refuses it too)
	const s = d.plan?.status;
	const waiting = s === 'proposed' || s === 'countered' ? s : null;
	return { claim: d.claim, promise: d.promise, promiseRange: d.promiseRange, waiting };
};

const schema = (currency: Currency) =>
	z.object({ promisedDate: dateField, amount: amountField(currency) });

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const { actor, db, claimId, currency } = formClaim(params.id); // guard + 404 for others
		// refused: 400, keys per field, what was typed; amounts in the claim's currency
		const money = { currency, lang: locals.lang };
		return submitForm(request, schema(currency), { money }, ({ promisedDate, amount }) => {
			makePromise(db, actor, { claimId, promisedDate, amountMinor: amount });
			return { saved: true };
		});
	}
};
