import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDetail, stageLine } from '$lib/server/services/portal';
import { checkout, formClaim } from '$lib/server/payments/checkout';
import { idParam, orHttp, parseForm, readForm } from '$lib/server/http';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = ({ params, locals }) => {
	const actor = requireDebtor();
	const d = orHttp(() => claimDetail(getDb(), actor, idParam(params.id)));
	// what this page shows, and no more (the pay and promise pages show the minimum part and
	// the promise dates): every field sent is serialised into the page and parsed again.
	// One top-level key: SvelteKit merges each page's data into its layouts' with an object
	// spread, and V8 (Node 20) spends about a microsecond per top-level key on that merge.
	const { claim, stage, ledger, payments, certificate, promise, dispute, plan, pay, canDispute } =
		d;
	return {
		detail: {
			claim,
			stage: stageLine(locals.lang, stage),
			ledger,
			payments,
			certificate,
			promise,
			dispute,
			plan,
			pay: pay && {
				fullMinor: pay.fullMinor,
				partialAllowed: pay.partialAllowed,
				// the link to the bank-transfer panel, worded here (not in the debtors' dictionary)
				transferLink: translate(locals.lang, 'portal.transfer.link')
			},
			canDispute
		}
	};
};

/** The full balance in minor units, as the page showed it (digits only). */
const paySchema = z.object({
	fullMinor: z
		.string()
		.regex(/^\d{1,15}$/, 'form.invalidAmount')
		.transform((s) => Number(s))
});

export const actions: Actions = {
	/** The full balance, as the page showed it (a part is paid on the claim's pay page). */
	pay: async ({ request, params, locals, url }) => {
		const { actor, db, claimId, currency } = formClaim(params.id);
		const parsed = parseForm(await readForm(request), paySchema);
		if (!parsed.ok) return parsed.failure;
		// the service checks it against the balance now (a stale page is told so)
		return checkout(
			db,
			actor,
			{ claimId, amountMinor: parsed.data.fullMinor, purpose: 'full' },
			{ origin: url.origin, lang: locals.lang, currency },
			{}
		);
	}
};
