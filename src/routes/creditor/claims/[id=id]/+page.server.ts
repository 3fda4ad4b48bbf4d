import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getClaimDetail } from '$lib/server/services/creditor-claims';
import { NotFoundError } from '$lib/server/services/errors';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireRole('creditor');
	const id = /^\d{1,12}$/.test(params.id) ? Number(params.id) : NaN;
	if (!Number.isSafeInteger(id)) error(404, { message: 'not found' });
	try {
		return { detail: getClaimDetail(getDb(), actor, id) };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, { message: 'not found' });
		throw e;
	}
};
