import type { PageServerLoad } from './$types';
import { listOutbox, OUTBOX_STATUSES } from '$lib/server/services/outbox';
import { opsList } from '../list';

export const load: PageServerLoad = ({ url }) => {
	const { actor, db, filter: status } = opsList(url, 'status', OUTBOX_STATUSES);
	return { status, statuses: [...OUTBOX_STATUSES], ...listOutbox(db, actor, { status }) };
};
