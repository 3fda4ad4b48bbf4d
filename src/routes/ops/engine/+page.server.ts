import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { engineOverview } from '$lib/server/services/engine-overview';
import { parseId } from '$lib/server/http';

/** The engine's runs and the actions waiting; the page number comes in the query string. */
export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	return engineOverview(getDb(), actor, { page: parseId(url.searchParams.get('page')) ?? 1 });
};
