import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	createCreditor,
	creditorSchema,
	listCreditors
} from '$lib/server/services/creditors-admin';
import { failFrom, parseForm, readForm } from '$lib/server/http';

export const load: PageServerLoad = () => {
	const actor = requireRole('admin');
	return { creditors: listCreditors(getDb(), actor) };
};

export const actions: Actions = {
	create: async ({ request }) => {
		const actor = requireRole('admin');
		const parsed = parseForm(await readForm(request), creditorSchema);
		if (!parsed.ok) return parsed.failure;
		let id: number;
		try {
			id = createCreditor(getDb(), actor, parsed.data).id;
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		redirect(303, `/admin/creditors/${id}?created=1`);
	}
};
