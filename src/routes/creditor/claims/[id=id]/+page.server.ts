import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getClaimDetail } from '$lib/server/services/creditor-claims';
import { idParam, orHttp } from '$lib/server/http';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireRole('creditor');
	return { detail: orHttp(() => getClaimDetail(getDb(), actor, idParam(params.id))) };
};
