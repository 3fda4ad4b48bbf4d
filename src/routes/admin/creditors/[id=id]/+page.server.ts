import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	creditorSchema,
	getCreditor,
	setCreditorActive,
	updateCreditor
} from '$lib/server/services/creditors-admin';
import { failFrom, idParam, orHttp, parseForm, readForm } from '$lib/server/http';
import { recordAction } from '../../record-action';

export const load: PageServerLoad = ({ params, url }) => {
	const actor = requireRole('admin');
	return {
		creditor: orHttp(() => getCreditor(getDb(), actor, idParam(params.id))),
		created: url.searchParams.has('created')
	};
};

export const actions: Actions = {
	update: async ({ request, params }) => {
		const actor = requireRole('admin');
		const id = idParam(params.id);
		const parsed = parseForm(await readForm(request), creditorSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			updateCreditor(getDb(), actor, id, parsed.data);
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { saved: 'admin.creditors.saved' as const };
	},
	deactivate: async ({ params }) => {
		return recordAction(
			params.id,
			(db, actor, id) => setCreditorActive(db, actor, id, false),
			() => ({ saved: 'admin.creditors.deactivated' as const })
		);
	},
	activate: async ({ params }) => {
		return recordAction(
			params.id,
			(db, actor, id) => setCreditorActive(db, actor, id, true),
			() => ({ saved: 'admin.creditors.activated' as const })
		);
	}
};
