import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	getStaff,
	resetStaffPassword,
	resetStaffTotp,
	setStaffDisabled
} from '$lib/server/services/staff';
import { idParam, orHttp } from '$lib/server/http';
import { flagAction, recordAction } from '../../record-action';

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
		return flagAction(params.id, setStaffDisabled, true, {
			done: 'admin.users.disabledDone' as const
		});
	},
	enable: async ({ params }) => {
		return flagAction(params.id, setStaffDisabled, false, {
			done: 'admin.users.enabledDone' as const
		});
	},
	resetPassword: async ({ params }) => {
		return recordAction(params.id, resetStaffPassword, (r) => ({
			done: 'admin.users.resetDone' as const,
			temporaryPassword: r.temporaryPassword
		}));
	},
	resetTotp: async ({ params }) => {
		return recordAction(params.id, resetStaffTotp, () => ({
			done: 'admin.users.resetTotpDone' as const
		}));
	}
};
