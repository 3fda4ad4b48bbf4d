import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	failFrom,
	forintsField,
	idParam,
	MAX,
	planRename,
	planTermsFields,
	submitForm,
	textField
} from '$lib/server/http';
import { staffRecord } from '$lib/server/http/record';
import { approvePlan, counterPlan, planForReview, rejectPlan } from '$lib/server/services/plans';

export const load: PageServerLoad = ({ params, locals }) => {
	const review = staffRecord(['operator', 'admin'], params.id, (db, actor, planId) =>
		planForReview(db, actor, planId, locals.lang)
	);
	return review.record;
};

/** The reason a debtor reads (required by the service, with its own message). */
const rejectSchema = z.object({ reason: textField(MAX.reason, { optional: true }) });

const counterSchema = z.object({
	downPayment: forintsField.transform((minor) => minor ?? 0),
	...planTermsFields,
	note: textField(MAX.reason, { optional: true })
});

export const actions: Actions = {
	approve: async ({ params }) => {
		const actor = requireRole('operator', 'admin');
		try {
			approvePlan(getDb(), actor, { planId: idParam(params.id) });
		} catch (e) {
			return failFrom(e);
		}
		redirect(303, '/ops/plans?done=approved');
	},
	reject: async ({ params, request }) => {
		const actor = requireRole('operator', 'admin');
		const planId = idParam(params.id);
		return submitForm(request, rejectSchema, ({ reason }) => {
			rejectPlan(getDb(), actor, { planId, reason });
			redirect(303, '/ops/plans?done=rejected');
		});
	},
	counter: async ({ params, request, locals }) => {
		const actor = requireRole('operator', 'admin');
		const planId = idParam(params.id);
		return submitForm(
			request,
			counterSchema,
			{ rename: planRename },
			({ note, downPayment, ...proposal }) => {
				const terms = { ...proposal, downPaymentMinor: downPayment };
				counterPlan(getDb(), actor, { planId, proposal: terms, note, lang: locals.lang });
				redirect(303, '/ops/plans?done=countered');
			}
		);
	}
};
