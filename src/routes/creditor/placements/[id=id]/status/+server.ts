import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getPlacementJob } from '$lib/server/services/placements';
import { NotFoundError } from '$lib/server/services/errors';

/** Progress of a placement job, polled by its page. */
export const GET: RequestHandler = ({ params }) => {
	const actor = requireRole('creditor');
	const id = /^\d{1,12}$/.test(params.id) ? Number(params.id) : NaN;
	try {
		const j = getPlacementJob(getDb(), actor, id, false);
		return json({ status: j.status, processedRows: j.processedRows, totalRows: j.totalRows });
	} catch (e) {
		if (e instanceof NotFoundError || Number.isNaN(id)) error(404, { message: 'not found' });
		throw e;
	}
};
