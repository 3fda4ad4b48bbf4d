import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getPlacementJob } from '$lib/server/services/placements';
import { idParam, orHttp } from '$lib/server/http';

/** Progress of a placement job, polled by its page. */
export const GET: RequestHandler = ({ params }) => {
	const actor = requireRole('creditor');
	const j = orHttp(() => getPlacementJob(getDb(), actor, idParam(params.id), false));
	// while placing, the bar counts rows placed out of the good ones
	const placing = j.status === 'placing';
	return json({
		status: j.status,
		processedRows: placing ? j.placedRows : j.processedRows,
		totalRows: placing ? j.goodRows : j.totalRows
	});
};
