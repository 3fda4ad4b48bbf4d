import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	dateField,
	failFrom,
	idParam,
	MAX,
	orHttp,
	parseForm,
	readForm,
	textField
} from '$lib/server/http';
import { parseAmount } from '$lib/domain/money';
import { FREQUENCIES } from '$lib/domain/schedule-types';
import { approvePlan, counterPlan, planForReview, rejectPlan } from '$lib/server/services/plans';

export const load: PageServerLoad = ({ params, locals }) => {
	const actor = requireRole('operator', 'admin');
	return orHttp(() => planForReview(getDb(), actor, idParam(params.id), locals.lang));
};

/** The reason a debtor reads (required by the service, with its own message). */
const rejectSchema = z.object({ reason: textField(MAX.reason, { optional: true }) });

const counterSchema = z.object({
	downPayment: z
		.string()
		.trim()
		.max(40, 'form.invalidAmount')
		.transform((s, ctx) => {
			if (s === '') return 0;
			const p = parseAmount(s);
			if (p.ok) return p.minor;
			ctx.addIssue({ code: 'custom', message: 'form.invalidAmount' });
			return z.NEVER;
		}),
	installmentCount: z
		.string()
		.trim()
		.regex(/^\d{1,3}$/, 'form.invalid')
		.transform(Number),
	frequency: z.enum(FREQUENCIES),
	firstDueDate: dateField,
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
		const id = idParam(params.id);
		const parsed = parseForm(await readForm(request), rejectSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			rejectPlan(getDb(), actor, { planId: id, reason: parsed.data.reason });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		redirect(303, '/ops/plans?done=rejected');
	},
	counter: async ({ params, request }) => {
		const actor = requireRole('operator', 'admin');
		const id = idParam(params.id);
		const parsed = parseForm(await readForm(request), counterSchema, {
			rename: { downPayment: 'downPaymentMinor' }
		});
		if (!parsed.ok) return parsed.failure;
		const { note, downPayment, ...proposal } = parsed.data;
		try {
			counterPlan(getDb(), actor, {
				planId: id,
				proposal: { ...proposal, downPaymentMinor: downPayment },
				note
			});
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		redirect(303, '/ops/plans?done=countered');
	}
};
