import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { cancelPlacement, getPlacementJob, startPlacement } from '$lib/server/services/placements';
import { failFrom, idParam, orHttp } from '$lib/server/http';
import { startValidation } from '../run';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireRole('creditor');
	const db = getDb();
	const id = idParam(params.id);
	const job = orHttp(() => getPlacementJob(db, actor, id));
	// a server restart mid-validation: pick it up again
	if (job.status === 'validating') startValidation(db, actor, id);
	return { job: { ...job, errors: job.errors.slice(0, 500) } };
};

/** A button on this placement: the service call, its refusal as the answer, else on to `next`. */
function act(raw: string, run: typeof startPlacement, next: (id: number) => string) {
	const actor = requireRole('creditor');
	const id = idParam(raw);
	try {
		run(getDb(), actor, id);
	} catch (e) {
		return failFrom(e);
	}
	redirect(303, next(id));
}

export const actions: Actions = {
	confirm: ({ params }) => act(params.id, startPlacement, (id) => `/creditor/placements/${id}`),
	cancel: ({ params }) => act(params.id, cancelPlacement, () => '/creditor/placements')
};
