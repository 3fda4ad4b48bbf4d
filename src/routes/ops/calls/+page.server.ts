import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { callList } from '$lib/server/services/calls';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	return { tasks: callList(getDb(), actor), logged: url.searchParams.get('logged') === '1' };
};
