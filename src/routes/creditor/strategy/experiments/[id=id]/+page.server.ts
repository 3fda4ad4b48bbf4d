import { CURRENCIES } from '$lib/domain/money';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { idParam, oneOf, orHttp } from '$lib/server/http';
import { experimentReport } from '$lib/server/services/strategy-experiments';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url }) => {
	const actor = requireRole('creditor', 'admin');
	const experimentId = idParam(params.id);
	const currency = oneOf(CURRENCIES, url.searchParams.get('currency'));
	return {
		report: orHttp(() => experimentReport(getDb(), actor, { experimentId, currency })),
		isAdmin: actor.kind === 'admin'
	};
};
