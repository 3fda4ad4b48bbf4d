import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { planQueue } from '$lib/server/services/plans';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireRole('operator', 'admin');
	const done = url.searchParams.get('done');
	return {
		queue: planQueue(getDb(), actor, locals.lang),
		done:
			done === 'approved' || done === 'rejected' || done === 'countered'
				? (done as 'approved' | 'rejected' | 'countered')
				: null
	};
};
