import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';

export const load: PageServerLoad = ({ locals }) => {
	requireRole('operator', 'admin');
	return { name: locals.staff?.name ?? '' };
};
