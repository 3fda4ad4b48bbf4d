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
import { oneOf } from '$lib/server/http';
import { recordForm } from '../record-form';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const channel = oneOf(TASK_CHANNELS, url.searchParams.get('channel'));
	return { channel, tasks: dueTasks(getDb(), actor, { channel: channel ?? undefined }) };
};

const schema = z.object({ outcome: z.enum(TASK_OUTCOMES, 'form.required') });

export const actions: Actions = {
	record: recordForm('taskId', schema, (db, actor, taskId, input) =>
		recordTaskOutcome(db, actor, { taskId, ...input })
	)
};
