import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { megabytes, uploadLimit } from '$lib/server/body-limit';
import {
	file,
	fileTooLarge,
	idField,
	optionalPlanFields,
	planOf,
	planRename,
	readUploadForm,
	submitForm,
	textField
} from '$lib/server/http';
import { MAX_ATTACHMENT_BYTES } from '$lib/server/services/disputes';
import { myVisits, recordVisit, VISIT_OUTCOMES } from '$lib/server/services/visits';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('field_agent');
	return {
		visits: myVisits(getDb(), actor),
		maxFileMb: megabytes(uploadLimit(MAX_ATTACHMENT_BYTES)),
		logged: url.searchParams.get('logged') === '1'
	};
};

/** The visit form: the plan's fields are all empty (no plan) or a whole proposal. */
const schema = z
	.object({
		taskId: idField,
		outcome: z.enum(VISIT_OUTCOMES, 'form.required'),
		note: textField(2000, { optional: true }),
		...optionalPlanFields
	})
	.transform((v, ctx) => {
		const planned = v.installmentCount !== '' || v.firstDueDate !== '';
		const plan = planned ? planOf(v, ctx) : null;
		return { taskId: v.taskId, outcome: v.outcome, note: v.note, plan };
	});

/** Larger than the server accepts: said next to the file field (the dispute form's words). */
const tooLarge = fileTooLarge('portal.dispute.error.fileTooBig', MAX_ATTACHMENT_BYTES);

export const actions: Actions = {
	record: async ({ request, locals }) => {
		const actor = requireRole('field_agent');
		const form = await readUploadForm(request, tooLarge);
		if (!(form instanceof FormData)) return form;
		return submitForm(form, schema, { rename: planRename }, async (data) => {
			const upload = await file(form, 'file');
			recordVisit(getDb(), actor, { ...data, file: upload?.bytes ?? null, lang: locals.lang });
			return { done: true, taskId: data.taskId };
		});
	}
};
