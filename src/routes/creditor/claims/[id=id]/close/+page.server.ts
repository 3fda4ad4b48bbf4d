import { z } from 'zod';
import { amountField, dateField, submitForm } from '$lib/server/http';
import { staffRecord } from '$lib/server/http/record';
import { getClaimDetail } from '$lib/server/services/creditor-claims';
import { recallClaim, reportDirectPayment } from '$lib/server/services/recall';
import type { Actions, PageServerLoad } from './$types';
import { clock } from '$lib/server/clock';
import { localDate } from '$lib/domain/clock';

const reason = z.string().trim().min(1).max(500);

function claimOf(id: string) {
	const { actor, db, record } = staffRecord(['creditor'], id, getClaimDetail);
	return { actor, db, claim: record.claim };
}

// today: the direct payment's day, by default and at the latest
export const load: PageServerLoad = ({ params }) => ({
	claim: claimOf(params.id).claim,
	today: localDate(clock().now())
});

export const actions: Actions = {
	recall: async ({ request, params }) => {
		const { actor, db, claim } = claimOf(params.id);
		return submitForm(request, z.object({ reason }), (data) => {
			recallClaim(db, actor, claim.id, data.reason);
			return { done: 'close.recalled' as const };
		});
	},
	direct: async ({ request, params, locals }) => {
		const { actor, db, claim } = claimOf(params.id);
		const currency = claim.currency;
		const schema = z.object({
			amount: amountField(currency),
			// the day the debtor paid (the service refuses a future day or one before placement)
			paidOn: dateField,
			reason,
			// the balance the form showed (a second click, or a payment meanwhile, is refused)
			seen: z
				.string()
				.regex(/^(-?\d{1,15})?$/, 'form.invalid')
				.transform((s) => (s === '' ? null : Number(s)))
				.optional()
		});
		const money = { currency, lang: locals.lang };
		return submitForm(request, schema, { money }, (data) => {
			reportDirectPayment(db, actor, {
				claimId: claim.id,
				amountMinor: data.amount,
				reason: data.reason,
				seenBalanceMinor: data.seen ?? null,
				paidOn: data.paidOn
			});
			return { done: 'close.directSaved' as const };
		});
	}
};
