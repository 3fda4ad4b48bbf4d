import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { throwHttp } from '$lib/server/http';
import { ValidationError } from '$lib/server/services/errors';
import { remittanceFor } from '$lib/server/services/remittance';
import type { PageServerLoad } from './$types';
import { recentMonths, statementQuery } from './period';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('creditor', 'admin');
	const q = statementQuery(url, actor);
	const base = { query: q, months: recentMonths(), isAdmin: actor.kind === 'admin' };
	try {
		return { ...base, remittance: remittanceFor(getDb(), actor, q.creditorId, q), error: null };
	} catch (e) {
		if (e instanceof ValidationError)
			return { ...base, remittance: null, error: e.fields.from.key };
		throwHttp(e);
	}
};
