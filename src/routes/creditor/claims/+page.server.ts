import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listClaims, normaliseQuery } from '$lib/server/services/creditor-claims';
import { portfoliosOf } from '$lib/server/services/reports';
import { NotFoundError } from '$lib/server/services/errors';
import { claimQuery } from './query';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('creditor');
	const db = getDb();
	const query = claimQuery(url);
	try {
		const page = listClaims(db, actor, { ...query, limit: 50 });
		const { after: _a, limit: _l, ...shown } = normaliseQuery(query);
		return { page, query: shown, portfolios: portfoliosOf(db, actor) };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, { message: 'not found' });
		throw e;
	}
};
