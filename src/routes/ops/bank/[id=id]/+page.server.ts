import type { PageServerLoad } from './$types';
import { bankImport, ENTRIES_SHOWN } from '$lib/server/services/bank';
import { staffRecord } from '$lib/server/http/record';
import { jobQueued } from '$lib/server/jobs/queue';

export const load: PageServerLoad = ({ params }) => {
	const { record: view } = staffRecord(['operator', 'admin'], params.id, bankImport);
	// still to do: wake the worker (it also looks by itself every few seconds)
	if (view.imp.status === 'queued' || view.imp.status === 'processing') jobQueued();
	return { ...view, limit: ENTRIES_SHOWN };
};
