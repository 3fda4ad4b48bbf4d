import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listOutbox, OUTBOX_STATUSES } from '$lib/server/services/outbox';
import { oneOf } from '$lib/server/http';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const status = oneOf(OUTBOX_STATUSES, url.searchParams.get('status'));
	return { status, statuses: [...OUTBOX_STATUSES], ...listOutbox(getDb(), actor, { status }) };
};
