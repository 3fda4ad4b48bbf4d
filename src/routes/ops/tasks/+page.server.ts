import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	dueTasks,
	recordTaskOutcome,
	TASK_CHANNELS,
	TASK_OUTCOMES
} from '$lib/server/services/tasks';
import { failFrom, idParam, oneOf, parseForm, readForm, text } from '$lib/server/http';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const channel = oneOf(TASK_CHANNELS, url.searchParams.get('channel'));
	return { channel, tasks: dueTasks(getDb(), actor, { channel: channel ?? undefined }) };
};

const schema = z.object({ outcome: z.enum(TASK_OUTCOMES, 'form.required') });

export const actions: Actions = {
	record: async ({ request }) => {
		const actor = requireRole('operator', 'admin');
		const form = await readForm(request);
		// the task a form is about is a hidden field: anything but an id is a 404
		const taskId = idParam(text(form, 'taskId'));
		const parsed = parseForm(form, schema);
		if (!parsed.ok) return parsed.failure;
		try {
			recordTaskOutcome(getDb(), actor, { taskId, ...parsed.data });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { done: true };
	}
};
