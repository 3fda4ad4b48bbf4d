import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failFromService, idParam, str, type FieldErrors } from '$lib/server/auth/request';
import { parseAmount } from '$lib/domain/money';
import { isValidDate } from '$lib/domain/clock';
import { FREQUENCIES, type Frequency } from '$lib/domain/schedule-types';
import { approvePlan, counterPlan, planForReview, rejectPlan } from '$lib/server/services/plans';
import { fail } from '@sveltejs/kit';

export const load: PageServerLoad = ({ params, locals }) => {
	const actor = requireRole('operator', 'admin');
	const id = idParam(params.id);
	try {
		return planForReview(getDb(), actor, id, locals.lang);
	} catch (e) {
		return failFromService(e) as never;
	}
};

export const actions: Actions = {
	approve: async ({ params }) => {
		const actor = requireRole('operator', 'admin');
		const id = idParam(params.id);
		try {
			approvePlan(getDb(), actor, { planId: id });
		} catch (e) {
			return failFromService(e);
		}
		redirect(303, '/ops/plans?done=approved');
	},
	reject: async ({ params, request }) => {
		const actor = requireRole('operator', 'admin');
		const id = idParam(params.id);
		const form = await request.formData();
		const reason = str(form, 'reason');
		try {
			rejectPlan(getDb(), actor, { planId: id, reason });
		} catch (e) {
			return failFromService(e, { reason, action: 'reject' });
		}
		redirect(303, '/ops/plans?done=rejected');
	},
	counter: async ({ params, request }) => {
		const actor = requireRole('operator', 'admin');
		const id = idParam(params.id);
		const form = await request.formData();
		const values: Record<string, string> = { action: 'counter' };
		for (const k of ['downPayment', 'installmentCount', 'frequency', 'firstDueDate', 'note'])
			values[k] = str(form, k).trim();
		const errors: FieldErrors = {};
		const down =
			values.downPayment === '' ? { ok: true as const, minor: 0 } : parseAmount(values.downPayment);
		if (!down.ok) errors.downPaymentMinor = { key: 'form.invalidAmount' };
		if (!/^\d{1,3}$/.test(values.installmentCount))
			errors.installmentCount = { key: 'form.invalid' };
		if (!FREQUENCIES.includes(values.frequency as Frequency))
			errors.frequency = { key: 'form.invalid' };
		if (!isValidDate(values.firstDueDate)) errors.firstDueDate = { key: 'form.invalidDate' };
		if (values.note.length > 1000) errors.note = { key: 'form.invalid' };
		if (Object.keys(errors).length > 0 || !down.ok)
			return fail(400, { errors, values, message: null });
		try {
			counterPlan(getDb(), actor, {
				planId: id,
				proposal: {
					downPaymentMinor: down.minor,
					installmentCount: Number(values.installmentCount),
					frequency: values.frequency as Frequency,
					firstDueDate: values.firstDueDate
				},
				note: values.note
			});
		} catch (e) {
			return failFromService(e, values);
		}
		redirect(303, '/ops/plans?done=countered');
	}
};
