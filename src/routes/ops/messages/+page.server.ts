import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listMessages } from '$lib/server/services/message-views';
import { MESSAGE_CHANNELS } from '$lib/domain/messages';
import { MESSAGE_STATUSES } from '$lib/domain/delivery';
import { oneOf, parseId } from '$lib/server/http';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const s = url.searchParams;
	const filter = {
		q: (s.get('q') ?? '').slice(0, 200),
		status: oneOf(MESSAGE_STATUSES, s.get('status')),
		channel: oneOf(MESSAGE_CHANNELS, s.get('channel'))
	};
	const page = parseId(s.get('page')) ?? 1;
	return {
		filter,
		statuses: [...MESSAGE_STATUSES],
		channels: [...MESSAGE_CHANNELS],
		list: listMessages(getDb(), actor, { ...filter, page })
	};
};
