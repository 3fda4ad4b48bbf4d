import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { megabytes, uploadLimit } from '$lib/server/body-limit';
import {
	failFrom,
	file,
	forintsField,
	idField,
	parseForm,
	readUploadForm,
	textField,
	type FieldErrors
} from '$lib/server/http';
import { isValidDate } from '$lib/domain/clock';
import { FREQUENCIES } from '$lib/domain/schedule-types';
import { MAX_ATTACHMENT_BYTES } from '$lib/server/services/disputes';
import { myVisits, recordVisit, VISIT_OUTCOMES } from '$lib/server/services/visits';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('field_agent');
	return {
		visits: myVisits(getDb(), actor),
		maxFileMb: megabytes(uploadLimit(MAX_ATTACHMENT_BYTES)),
		frequencies: FREQUENCIES,
		logged: url.searchParams.get('logged') === '1'
	};
};

/** The visit form: the plan's fields are all empty (no plan) or a whole proposal. */
const schema = z
	.object({
		taskId: idField,
		outcome: z.enum(VISIT_OUTCOMES, 'form.required'),
		note: textField(2000, { optional: true }),
		downPayment: forintsField,
		installmentCount: z.string().trim().max(3),
		frequency: z.string().max(20),
		firstDueDate: z.string().trim().max(10)
	})
	.transform((v, ctx) => {
		const issue = (path: string, message: string) => {
			ctx.addIssue({ code: 'custom', path: [path], message });
			return z.NEVER;
		};
		let plan = null;
		if (v.installmentCount !== '' || v.firstDueDate !== '') {
			const frequency = FREQUENCIES.find((f) => f === v.frequency);
			if (!/^\d{1,3}$/.test(v.installmentCount)) return issue('installmentCount', 'form.invalid');
			if (!frequency) return issue('frequency', 'form.required');
			if (!isValidDate(v.firstDueDate)) return issue('firstDueDate', 'form.invalidDate');
			plan = {
				downPaymentMinor: v.downPayment ?? 0,
				installmentCount: Number(v.installmentCount),
				frequency,
				firstDueDate: v.firstDueDate
			};
		}
		return { taskId: v.taskId, outcome: v.outcome, note: v.note, plan };
	});

const tooLarge = (): FieldErrors => ({
	file: {
		key: 'portal.dispute.error.fileTooBig',
		params: { mb: megabytes(uploadLimit(MAX_ATTACHMENT_BYTES)) }
	}
});

export const actions: Actions = {
	record: async ({ request }) => {
		const actor = requireRole('field_agent');
		const form = await readUploadForm(request, tooLarge);
		if (!(form instanceof FormData)) return form;
		const parsed = parseForm(form, schema, { rename: { downPayment: 'downPaymentMinor' } });
		if (!parsed.ok) return parsed.failure;
		const upload = await file(form, 'file');
		try {
			recordVisit(getDb(), actor, { ...parsed.data, file: upload?.bytes ?? null });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { done: true, taskId: parsed.data.taskId };
	}
};
