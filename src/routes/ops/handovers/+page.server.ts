import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	checkHandover,
	handoverQueue,
	HANDOVER_FILTERS,
	markHandedOver
} from '$lib/server/services/handovers';
import { oneOf, parseId } from '$lib/server/http';
import { recordForm } from '../record-form';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const filter = oneOf(HANDOVER_FILTERS, url.searchParams.get('show')) ?? 'active';
	const page = parseId(url.searchParams.get('page')) ?? 1;
	return { filter, list: handoverQueue(getDb(), actor, { filter, page }) };
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
