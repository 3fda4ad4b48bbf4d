import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	getStaff,
	resetStaffPassword,
	resetStaffTotp,
	setStaffDisabled
} from '$lib/server/services/staff';
import { failFrom, idParam, orHttp } from '$lib/server/http';

export const load: PageServerLoad = ({ params, locals }) => {
	const actor = requireRole('admin');
	const id = idParam(params.id);
	return {
		user: orHttp(() => getStaff(getDb(), actor, id)),
		self: locals.staff?.userId === id
	};
};

export const actions: Actions = {
	disable: async ({ params }) => {
		const actor = requireRole('admin');
		try {
			setStaffDisabled(getDb(), actor, idParam(params.id), true);
		} catch (e) {
			return failFrom(e);
		}
		return { done: 'admin.users.disabledDone' as const };
	},
	enable: async ({ params }) => {
		const actor = requireRole('admin');
		try {
			setStaffDisabled(getDb(), actor, idParam(params.id), false);
		} catch (e) {
			return failFrom(e);
		}
		return { done: 'admin.users.enabledDone' as const };
	},
	resetPassword: async ({ params }) => {
		const actor = requireRole('admin');
		try {
			const r = await resetStaffPassword(getDb(), actor, idParam(params.id));
			return { done: 'admin.users.resetDone' as const, temporaryPassword: r.temporaryPassword };
		} catch (e) {
			return failFrom(e);
		}
	},
	resetTotp: async ({ params }) => {
		const actor = requireRole('admin');
		try {
			resetStaffTotp(getDb(), actor, idParam(params.id));
		} catch (e) {
			return failFrom(e);
		}
		return { done: 'admin.users.resetTotpDone' as const };
	}
};
