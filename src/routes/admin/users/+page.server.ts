import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { createStaff, listStaff } from '$lib/server/services/staff';
import { listCreditors } from '$lib/server/services/creditors-admin';
import { failFromService, formValues } from '$lib/server/auth/request';

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

export const actions: Actions = {
	create: async ({ request }) => {
		const actor = requireRole('admin');
		const values = formValues(await request.formData());
		try {
			const r = await createStaff(getDb(), actor, {
				email: values.email ?? '',
				name: values.name ?? '',
				role: values.role as 'admin' | 'operator' | 'creditor',
				creditorId: values.creditorId ? Number(values.creditorId) : undefined
			});
			// shown once, in this response only; never stored or logged
			return {
				created: {
					id: r.id,
					email: (values.email ?? '').trim().toLowerCase(),
					temporaryPassword: r.temporaryPassword
				}
			};
		} catch (e) {
			return failFromService(e, values);
		}
	}
};
