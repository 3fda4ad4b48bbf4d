import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import { cardForm } from '../card-form';
import { amountField, idParam, orHttp, parseForm, readForm } from '$lib/server/http';
import { transferPanel } from '$lib/server/payments/transfer';
import { clock } from '$lib/server/clock';
import { localDate } from '$lib/domain/clock';

/** Paying a part of one claim (Civil Code 6:41: the debtor names the claim), within the creditor's rules. */
export const load: PageServerLoad = ({ params, locals }) => {
	const actor = requireDebtor();
	const d = orHttp(() => claimDetail(getDb(), actor, idParam(params.id)));
	const { id, reference, currency, balanceMinor } = d.claim;
	// beside the card: the bank transfer, drawn and worded on the server (no JS for the debtor)
	const transfer =
		d.pay && d.pay.fullMinor > 0
			? transferPanel(
					locals.lang,
					{ reference, currency },
					d.pay.fullMinor,
					localDate(clock().now()),
					d.pay.partialAllowed
				)
			: null;
	return { claim: { id, reference, currency, balanceMinor }, pay: d.pay, transfer };
};

export const actions: Actions = {
	default: async ({ request, params, locals, url }) => {
		const { currency, pay } = cardForm(params.id, { url, locals });
		const parsed = parseForm(await readForm(request), z.object({ amount: amountField(currency) }));
		if (!parsed.ok) return parsed.failure;
		return pay(parsed.data.amount, 'partial', parsed.values);
	}
};
