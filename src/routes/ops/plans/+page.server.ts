import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { planQueue } from '$lib/server/services/plans';
import { parseId } from '$lib/server/http';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireRole('operator', 'admin');
	const done = url.searchParams.get('done');
	return {
		list: planQueue(getDb(), actor, {
			lang: locals.lang,
			page: parseId(url.searchParams.get('page')) ?? 1
		}),
		done:
			done === 'approved' || done === 'rejected' || done === 'countered'
				? (done as 'approved' | 'rejected' | 'countered')
				: null
	};
};
