import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	checkHandover,
	handoverQueue,
	HANDOVER_FILTERS,
	markHandedOver
} from '$lib/server/services/handovers';
import { failFrom, idParam, oneOf, readForm, text } from '$lib/server/http';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const filter = oneOf(HANDOVER_FILTERS, url.searchParams.get('show')) ?? 'active';
	return { filter, rows: handoverQueue(getDb(), actor, { filter }) };
};

/** One button per row: the row it acts on is a hidden field (anything but an id is a 404). */
async function act(request: Request, run: typeof checkHandover, done: 'checked' | 'handedOver') {
	const actor = requireRole('operator', 'admin');
	const form = await readForm(request);
	const raw = text(form, 'handoverId');
	const handoverId = idParam(raw);
	try {
		run(getDb(), actor, { handoverId });
	} catch (e) {
		return failFrom(e, { values: { handoverId: raw } });
	}
	return { done, handoverId };
}

export const actions: Actions = {
	check: async ({ request }) => {
		return act(request, checkHandover, 'checked');
	},
	handOver: async ({ request }) => {
		return act(request, markHandedOver, 'handedOver');
	}
};
