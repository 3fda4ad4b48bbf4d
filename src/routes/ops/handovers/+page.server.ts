import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import {
	checkHandover,
	handoverQueue,
	HANDOVER_FILTERS,
	markHandedOver
} from '$lib/server/services/handovers';
import { opsList } from '../list';
import { recordForm } from '../record-form';

export const load: PageServerLoad = ({ url }) => {
	const { actor, db, page, filter } = opsList(url, 'show', HANDOVER_FILTERS, 'active');
	return { filter, list: handoverQueue(db, actor, { filter, page }) };
};

/** One button per row: the row it acts on is its hidden field. */
const none = z.object({});

export const actions: Actions = {
	check: recordForm(
		'handoverId',
		none,
		(db, actor, handoverId) => checkHandover(db, actor, { handoverId }),
		(handoverId) => ({ done: 'checked' as const, handoverId })
	),
	handOver: recordForm(
		'handoverId',
		none,
		(db, actor, handoverId) => markHandedOver(db, actor, { handoverId }),
		(handoverId) => ({ done: 'handedOver' as const, handoverId })
	)
};
