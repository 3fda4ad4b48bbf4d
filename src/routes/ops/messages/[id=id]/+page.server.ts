import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { cancelMessage, getMessage, resendMessage } from '$lib/server/services/message-views';
import { failFrom, idParam } from '$lib/server/http';
import { staffRecord } from '$lib/server/http/record';

export const load: PageServerLoad = ({ params }) => ({
	message: staffRecord(['operator', 'admin'], params.id, getMessage).record
});

export const actions: Actions = {
	resend: async ({ params }) => {
		const actor = requireRole('operator', 'admin');
		try {
			return { resent: resendMessage(getDb(), actor, idParam(params.id)).id };
		} catch (e) {
			return failFrom(e);
		}
	},
	cancel: async ({ params }) => {
		const actor = requireRole('operator', 'admin');
		try {
			cancelMessage(getDb(), actor, idParam(params.id));
			return { cancelled: true };
		} catch (e) {
			return failFrom(e);
		}
	}
};
