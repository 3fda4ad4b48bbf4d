import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failFrom, idField, parseForm, readForm } from '$lib/server/http';
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
		const parsed = parseForm(await readForm(request), addSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			addRegion(getDb(), actor, parsed.data);
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { added: true };
	},
	remove: async ({ request }) => {
		const actor = requireRole('admin');
		const parsed = parseForm(await readForm(request), z.object({ regionId: idField }));
		if (!parsed.ok) return parsed.failure;
		try {
			removeRegion(getDb(), actor, parsed.data);
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { removed: true };
	}
};
