import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { bankImport, ENTRIES_SHOWN } from '$lib/server/services/bank';
import { idParam, orHttp } from '$lib/server/http';
import { jobQueued } from '$lib/server/jobs/queue';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireRole('operator', 'admin');
	const view = orHttp(() => bankImport(getDb(), actor, idParam(params.id)));
	// still to do: wake the worker (it also looks by itself every few seconds)
	if (view.imp.status === 'queued' || view.imp.status === 'processing') jobQueued();
	return { ...view, limit: ENTRIES_SHOWN };
};
