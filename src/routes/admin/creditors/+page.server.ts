import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	createCreditor,
	creditorSchema,
	listCreditors
} from '$lib/server/services/creditors-admin';
import { submitForm } from '$lib/server/http';

export const load: PageServerLoad = () => {
	const actor = requireRole('admin');
	return { creditors: listCreditors(getDb(), actor) };
};

export const actions: Actions = {
	create: async ({ request }) => {
		const actor = requireRole('admin');
		return submitForm(request, creditorSchema, (data) => {
			const { id } = createCreditor(getDb(), actor, data);
			redirect(303, `/admin/creditors/${id}?created=1`);
		});
	}
};
