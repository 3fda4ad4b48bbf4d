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
	disable: flagAction(setStaffDisabled, true, { done: 'admin.users.disabledDone' as const }),
	enable: flagAction(setStaffDisabled, false, { done: 'admin.users.enabledDone' as const }),
	resetPassword: recordAction(resetStaffPassword, (r) => ({
		done: 'admin.users.resetDone' as const,
		temporaryPassword: r.temporaryPassword
	})),
	resetTotp: recordAction(resetStaffTotp, () => ({ done: 'admin.users.resetTotpDone' as const }))
};
