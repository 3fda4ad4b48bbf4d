import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { idField, submitForm } from '$lib/server/http';
import { addRegion, fieldRegions, removeRegion } from '$lib/server/services/visits';

export const load: PageServerLoad = () => {
	const actor = requireRole('admin');
	return fieldRegions(getDb(), actor);
};

const addSchema = z.object({
	agentId: z
		.string()
		.regex(/^\d{1,9}$/, 'form.required')
		.transform(Number),
	postalFrom: z.string().trim().max(4, 'admin.regions.error.postal'),
	postalTo: z.string().trim().max(4, 'admin.regions.error.postal')
});

export const actions: Actions = {
	add: async ({ request }) => {
		const actor = requireRole('admin');
		return submitForm(request, addSchema, (data) => {
			addRegion(getDb(), actor, data);
			return { added: true };
		});
	},
	remove: async ({ request }) => {
		const actor = requireRole('admin');
		return submitForm(request, z.object({ regionId: idField }), (data) => {
			removeRegion(getDb(), actor, data);
			return { removed: true };
		});
	}
};
