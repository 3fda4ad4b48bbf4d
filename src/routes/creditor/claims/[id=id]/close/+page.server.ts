import { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { amountField, failFrom, idParam, orHttp, parseForm, readForm } from '$lib/server/http';
import { getClaimDetail } from '$lib/server/services/creditor-claims';
import { recallClaim, reportDirectPayment } from '$lib/server/services/recall';
import type { Actions, PageServerLoad } from './$types';

const reason = z.string().trim().min(1).max(500);

function claimOf(id: string) {
	const actor = requireRole('creditor');
	const db = getDb();
	const detail = orHttp(() => getClaimDetail(db, actor, idParam(id)));
	return { actor, db, claim: detail.claim };
}

export const load: PageServerLoad = ({ params }) => ({ claim: claimOf(params.id).claim });

export const actions: Actions = {
	recall: async ({ request, params }) => {
		const { actor, db, claim } = claimOf(params.id);
		const parsed = parseForm(await readForm(request), z.object({ reason }));
		if (!parsed.ok) return parsed.failure;
		try {
			recallClaim(db, actor, claim.id, parsed.data.reason);
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { done: 'close.recalled' as const };
	},
	direct: async ({ request, params, locals }) => {
		const { actor, db, claim } = claimOf(params.id);
		const currency = claim.currency;
		const parsed = parseForm(
			await readForm(request),
			z.object({ amount: amountField(currency), reason })
		);
		if (!parsed.ok) return parsed.failure;
		try {
			reportDirectPayment(db, actor, {
				claimId: claim.id,
				amountMinor: parsed.data.amount,
				reason: parsed.data.reason
			});
		} catch (e) {
			return failFrom(e, { values: parsed.values, money: { currency, lang: locals.lang } });
		}
		return { done: 'close.directSaved' as const };
	}
};
