import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { createStaff, listStaff } from '$lib/server/services/staff';
import { listCreditors } from '$lib/server/services/creditors-admin';
import { STAFF_ROLES } from '$lib/domain/actor';
import { MAX, optionalIdField, submitForm, textField } from '$lib/server/http';

export const load: PageServerLoad = () => {
	const actor = requireRole('admin');
	const db = getDb();
	return {
		users: listStaff(db, actor),
		creditors: listCreditors(db, actor)
			.filter((c) => c.active)
			.map((c) => ({ id: c.id, name: c.shortName }))
	};
};

/** Shapes only; the service checks the address, the role's creditor and uniqueness. */
const schema = z.object({
	email: textField(MAX.line),
	name: textField(MAX.line),
	role: z.enum(STAFF_ROLES),
	creditorId: optionalIdField
});

export const actions: Actions = {
	create: async ({ request }) => {
		const actor = requireRole('admin');
		return submitForm(request, schema, async ({ creditorId, ...rest }) => {
			const r = await createStaff(getDb(), actor, { ...rest, creditorId: creditorId ?? undefined });
			// shown once, in this response only; never stored or logged
			return {
				created: {
					id: r.id,
					email: rest.email.toLowerCase(),
					temporaryPassword: r.temporaryPassword
				}
			};
		});
	}
};
