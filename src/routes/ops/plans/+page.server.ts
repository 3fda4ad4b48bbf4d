import type { PageServerLoad } from './$types';
import { planQueue } from '$lib/server/services/plans';
import { opsList } from '../list';

export const load: PageServerLoad = ({ locals, url }) => {
	const { actor, db, page } = opsList(url);
	const done = url.searchParams.get('done');
	return {
		list: planQueue(db, actor, { lang: locals.lang, page }),
		done:
			done === 'approved' || done === 'rejected' || done === 'countered'
				? (done as 'approved' | 'rejected' | 'countered')
				: null
	};
};
