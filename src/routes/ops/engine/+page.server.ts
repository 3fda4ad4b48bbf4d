import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { engineOverview, runAgain } from '$lib/server/services/engine-overview';
import { jobQueued } from '$lib/server/jobs/queue';
import { failFrom, readForm } from '$lib/server/http';
import { opsList } from '../list';

/** The engine's runs and the actions waiting; the page number comes in the query string. */
export const load: PageServerLoad = ({ url }) => {
	const { actor, db, page } = opsList(url);
	return engineOverview(db, actor, { page });
};

export const actions: Actions = {
	/** today's pass once more, in the jobs worker (never on the request thread) */
	again: async ({ request }) => {
		const actor = requireRole('operator', 'admin');
		await readForm(request);
		try {
			runAgain(getDb(), actor);
		} catch (e) {
			return failFrom(e);
		}
		jobQueued();
		return { again: true };
	}
};
