import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	buildTodaysBatch,
	dueLetterCount,
	handOverBatch,
	listBatches
} from '$lib/server/services/letters';
import { failFrom, readForm } from '$lib/server/http';
import { recordForm } from '../record-form';

export const load: PageServerLoad = () => {
	const actor = requireRole('operator', 'admin');
	const db = getDb();
	return { due: dueLetterCount(db, actor), batches: listBatches(db, actor) };
};

export const actions: Actions = {
	/** "Make today's batch": every due letter, re-checked (C7), into a new batch. */
	build: async ({ request, url }) => {
		const actor = requireRole('operator', 'admin');
		await readForm(request);
		try {
			const r = buildTodaysBatch(getDb(), actor, { origin: url.origin });
			return { built: r };
		} catch (e) {
			return failFrom(e);
		}
	},
	handOver: recordForm(
		'batchId',
		z.object({}),
		(db, actor, batchId) => handOverBatch(db, actor, { batchId }),
		(batchId) => ({ handedOver: true, batchId: String(batchId) })
	)
};
