import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	batchDetail,
	dueLetterCount,
	handOverBatch,
	listBatches,
	markLetterReturned
} from '$lib/server/services/letters';
import { requestTodaysBatch } from '$lib/server/services/letter-writing';
import { jobQueued } from '$lib/server/jobs/queue';
import { failFrom, orHttp, parseId, readForm } from '$lib/server/http';
import { opsList } from '../list';
import { recordForm } from '../record-form';

/** The batches; with `?batch=<id>` also that batch's letters (one route: debtors' JS stays lean). */
export const load: PageServerLoad = ({ url }) => {
	const { actor, db } = opsList(url);
	const raw = url.searchParams.get('batch');
	const batchId = raw === null ? null : parseId(raw);
	const open = raw === null ? null : orHttp(() => batchDetail(db, actor, batchId ?? 0));
	return { due: dueLetterCount(db, actor), batches: listBatches(db, actor), open };
};

export const actions: Actions = {
	/** "Make today's batch": every due letter, re-checked (C7), into a new batch — in the jobs worker. */
	build: async ({ request, url }) => {
		const actor = requireRole('operator', 'admin');
		await readForm(request);
		try {
			const r = requestTodaysBatch(getDb(), actor, { origin: url.origin });
			if (r.batchId !== null) jobQueued();
			return { making: r };
		} catch (e) {
			return failFrom(e);
		}
	},
	handOver: recordForm(
		'batchId',
		z.object({}),
		(db, actor, batchId) => handOverBatch(db, actor, { batchId }),
		(batchId) => ({ handedOver: true, batchId: String(batchId) })
	),
	/** The post brought this letter back: bounced, and the address is marked invalid. */
	returned: recordForm(
		'messageId',
		z.object({}),
		(db, actor, messageId) => markLetterReturned(db, actor, { messageId }),
		(messageId) => ({ returned: true, messageId: String(messageId) })
	)
};
