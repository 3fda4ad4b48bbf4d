import type { PageServerLoad } from './$types';
import { listMessages } from '$lib/server/services/message-views';
import { MESSAGE_CHANNELS } from '$lib/domain/messages';
import { MESSAGE_STATUSES } from '$lib/domain/delivery';
import { oneOf } from '$lib/server/http';
import { opsList } from '../list';

export const load: PageServerLoad = ({ url }) => {
	const { actor, db, page } = opsList(url);
	const s = url.searchParams;
	const filter = {
		q: (s.get('q') ?? '').slice(0, 200),
		status: oneOf(MESSAGE_STATUSES, s.get('status')),
		channel: oneOf(MESSAGE_CHANNELS, s.get('channel'))
	};
	return {
		filter,
		statuses: [...MESSAGE_STATUSES],
		channels: [...MESSAGE_CHANNELS],
		list: listMessages(db, actor, { ...filter, page })
	};
};
