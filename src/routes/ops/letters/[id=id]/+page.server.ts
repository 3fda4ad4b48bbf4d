import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { batchDetail, handOverBatch, markLetterReturned } from '$lib/server/services/letters';
import { idParam, orHttp } from '$lib/server/http';
import { recordForm } from '../../record-form';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireRole('operator', 'admin');
	return orHttp(() => batchDetail(getDb(), actor, idParam(params.id)));
};

export const actions: Actions = {
	handOver: recordForm(
		'batchId',
		z.object({}),
		(db, actor, batchId) => handOverBatch(db, actor, { batchId }),
		() => ({ handedOver: true })
	),
	/** The post brought this letter back: bounced, and the address is marked invalid. */
	returned: recordForm(
		'messageId',
		z.object({}),
		(db, actor, messageId) => markLetterReturned(db, actor, { messageId }),
		(messageId) => ({ returned: true, messageId: String(messageId) })
	)
};
