import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	createCreditor,
	listCreditors,
	type CreditorInput
} from '$lib/server/services/creditors-admin';
import { failFromService, formValues } from '$lib/server/auth/request';

export const load: PageServerLoad = () => {
	const actor = requireRole('admin');
	return { creditors: listCreditors(getDb(), actor) };
};

export const actions: Actions = {
	create: async ({ request }) => {
		const actor = requireRole('admin');
		const values = formValues(await request.formData());
		let id: number;
		try {
			id = createCreditor(getDb(), actor, values as unknown as CreditorInput).id;
		} catch (e) {
			return failFromService(e, values);
		}
		redirect(303, `/admin/creditors/${id}?created=1`);
	}
};
