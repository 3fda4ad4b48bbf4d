import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listOutbox, OUTBOX_STATUSES, type OutboxStatus } from '$lib/server/services/outbox';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const asked = url.searchParams.get('status');
	const status = (OUTBOX_STATUSES as readonly string[]).includes(asked ?? '')
		? (asked as OutboxStatus)
		: null;
	return { status, statuses: [...OUTBOX_STATUSES], ...listOutbox(getDb(), actor, { status }) };
};
