import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { SEARCH_LIMIT, searchCases } from '$lib/server/services/search';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const q = url.searchParams.get('q') ?? '';
	// an empty box (the page opened from the menu) is not an error; anything else is searched
	const result = searchCases(getDb(), actor, q);
	return { ...result, asked: result.query !== '', limit: SEARCH_LIMIT };
};
