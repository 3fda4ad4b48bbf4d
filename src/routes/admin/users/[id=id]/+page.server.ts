import type { Actions, PageServerLoad } from './$types';
import {
	getStaff,
	resetStaffPassword,
	resetStaffTotp,
	setStaffDisabled
} from '$lib/server/services/staff';
import { staffRecord } from '$lib/server/http/record';
import { flagAction, recordAction } from '../../record-action';

export const load: PageServerLoad = ({ params, locals }) => {
	const { id, record: user } = staffRecord(['admin'], params.id, getStaff);
	return { user, self: locals.staff?.userId === id };
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
