import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	getCreditor,
	setCreditorActive,
	updateCreditor,
	type CreditorInput
} from '$lib/server/services/creditors-admin';
import { failFromService, formValues, idParam } from '$lib/server/auth/request';

export const load: PageServerLoad = ({ params, url }) => {
	const actor = requireRole('admin');
	return {
		creditor: getCreditorOr404(actor, idParam(params.id)),
		created: url.searchParams.has('created')
	};
};

function getCreditorOr404(actor: ReturnType<typeof requireRole>, id: number) {
	try {
		return getCreditor(getDb(), actor, id);
	} catch (e) {
		return failFromService(e) as never;
	}
}

export const actions: Actions = {
	update: async ({ request, params }) => {
		const actor = requireRole('admin');
		const id = idParam(params.id);
		const values = formValues(await request.formData());
		try {
			updateCreditor(getDb(), actor, id, values as unknown as CreditorInput);
		} catch (e) {
			return failFromService(e, values);
		}
		return { saved: 'admin.creditors.saved' as const };
	},
	deactivate: async ({ params }) => {
		const actor = requireRole('admin');
		try {
			setCreditorActive(getDb(), actor, idParam(params.id), false);
		} catch (e) {
			return failFromService(e);
		}
		return { saved: 'admin.creditors.deactivated' as const };
	},
	activate: async ({ params }) => {
		const actor = requireRole('admin');
		try {
			setCreditorActive(getDb(), actor, idParam(params.id), true);
		} catch (e) {
			return failFromService(e);
		}
		return { saved: 'admin.creditors.activated' as const };
	}
};
