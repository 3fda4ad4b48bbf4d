import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	cancelPlacement,
	confirmPlacement,
	getPlacementJob
} from '$lib/server/services/placements';
import { ConflictError, NotFoundError } from '$lib/server/services/errors';
import { startValidation } from '../run';

const jobId = (raw: string) => {
	const id = /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(id)) error(404, { message: 'not found' });
	return id;
};

function notFound<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, { message: 'not found' });
		throw e;
	}
}

export const load: PageServerLoad = ({ params }) => {
	const actor = requireRole('creditor');
	const db = getDb();
	const id = jobId(params.id);
	const job = notFound(() => getPlacementJob(db, actor, id));
	// a server restart mid-validation: pick it up again
	if (job.status === 'validating') startValidation(db, actor, id);
	return { job: { ...job, errors: job.errors.slice(0, 500) } };
};

export const actions: Actions = {
	confirm: ({ params }) => {
		const actor = requireRole('creditor');
		const id = jobId(params.id);
		try {
			notFound(() => confirmPlacement(getDb(), actor, id));
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { error: { key: e.key, params: e.params } });
			throw e;
		}
		redirect(303, `/creditor/placements/${id}`);
	},
	cancel: ({ params }) => {
		const actor = requireRole('creditor');
		const id = jobId(params.id);
		try {
			notFound(() => cancelPlacement(getDb(), actor, id));
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { error: { key: e.key, params: e.params } });
			throw e;
		}
		redirect(303, '/creditor/placements');
	}
};
