import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import {
	dueTasks,
	recordTaskOutcome,
	TASK_CHANNELS,
	TASK_OUTCOMES
} from '$lib/server/services/tasks';
import { opsList } from '../list';
import { recordForm } from '../record-form';

export const load: PageServerLoad = ({ url }) => {
	const { actor, db, filter: channel } = opsList(url, 'channel', TASK_CHANNELS);
	return { channel, tasks: dueTasks(db, actor, { channel: channel ?? undefined }) };
};

const schema = z.object({ outcome: z.enum(TASK_OUTCOMES, 'form.required') });

export const actions: Actions = {
	record: recordForm('taskId', schema, (db, actor, taskId, input) =>
		recordTaskOutcome(db, actor, { taskId, ...input })
	)
};
