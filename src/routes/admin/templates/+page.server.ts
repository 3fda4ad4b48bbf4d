import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listTemplates } from '$lib/server/services/template-admin';
import { orHttp } from '$lib/server/http';

export const load: PageServerLoad = () => {
	const actor = requireRole('admin');
	return { templates: orHttp(() => listTemplates(getDb(), actor)) };
};
