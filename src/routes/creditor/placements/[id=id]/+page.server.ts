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

export const actions: Actions = {
	confirm: ({ params }) => {
		const actor = requireRole('creditor');
		const id = idParam(params.id);
		try {
			startPlacement(getDb(), actor, id);
		} catch (e) {
			return failFrom(e);
		}
		redirect(303, `/creditor/placements/${id}`);
	},
	cancel: ({ params }) => {
		const actor = requireRole('creditor');
		const id = idParam(params.id);
		try {
			cancelPlacement(getDb(), actor, id);
		} catch (e) {
			return failFrom(e);
		}
		redirect(303, '/creditor/placements');
	}
};
