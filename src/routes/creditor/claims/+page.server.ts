import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listClaims, normaliseQuery } from '$lib/server/services/creditor-claims';
import { portfoliosOf } from '$lib/server/services/reports';
import { orHttp } from '$lib/server/http';
import { claimQuery } from './query';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('creditor');
	const db = getDb();
	const query = claimQuery(url);
	const page = orHttp(() => listClaims(db, actor, { ...query, limit: 50 }));
	const { after: _a, limit: _l, ...shown } = normaliseQuery(query);
	return { page, query: shown, portfolios: portfoliosOf(db, actor) };
};
