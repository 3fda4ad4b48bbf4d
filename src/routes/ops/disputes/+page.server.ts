import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { answerDispute, openDisputesForOps } from '$lib/server/services/disputes';
import { failFrom, idParam, MAX, parseForm, readForm, text, textField } from '$lib/server/http';

export const load: PageServerLoad = () => {
	const actor = requireRole('operator', 'admin');
	return { disputes: openDisputesForOps(getDb(), actor) };
};

/** The answer's length rule (at least a few words) is the service's. */
const schema = z.object({
	outcome: z.enum(['upheld', 'rejected'], 'form.required'),
	answer: textField(MAX.text, { optional: true })
});

export const actions: Actions = {
	answer: async ({ request }) => {
		const actor = requireRole('operator', 'admin');
		const form = await readForm(request);
		// the dispute a form is about is a hidden field: anything but an id is a 404
		const disputeId = idParam(text(form, 'disputeId'));
		const parsed = parseForm(form, schema);
		if (!parsed.ok) return parsed.failure;
		try {
			answerDispute(getDb(), actor, { disputeId, ...parsed.data });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { done: true };
	}
};
