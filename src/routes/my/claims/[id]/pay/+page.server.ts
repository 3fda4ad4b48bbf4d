import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { str } from '$lib/server/auth/request';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import { checkout, formClaim } from '$lib/server/payments/checkout';
import { failFrom, idParam } from '$lib/server/payments/route-errors';
import { parseAmount } from '$lib/domain/money';

/** Paying a part of one claim (Civil Code 6:41: the debtor names the claim), within the creditor's rules. */
export const load: PageServerLoad = ({ params }) => {
	const actor = requireDebtor();
	try {
		const d = claimDetail(getDb(), actor, idParam(params.id));
		const { id, reference, currency, balanceMinor } = d.claim;
		return { claim: { id, reference, currency, balanceMinor }, pay: d.pay };
	} catch (e) {
		throw failFrom(e);
	}
};

export const actions: Actions = {
	default: async ({ request, params, locals, url }) => {
		const { actor, db, claimId, currency } = formClaim(params.id);
		const amount = str(await request.formData(), 'amount');
		const parsed = parseAmount(amount, currency);
		if (!parsed.ok)
			return fail(400, {
				amount,
				errors: {
					amount: { key: parsed.reason === 'empty' ? 'form.required' : 'form.invalidAmount' }
				},
				error: undefined
			});
		return checkout(
			db,
			actor,
			{ claimId, amountMinor: parsed.minor, purpose: 'partial' },
			{ origin: url.origin, lang: locals.lang, currency },
			{ amount }
		);
	}
};
