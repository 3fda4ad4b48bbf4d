import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { changeOwnPassword, landingFor } from '$lib/server/services/sign-in';
import { setSessionCookie } from '$lib/server/auth/hooks';
import { cookieExpiry } from '$lib/server/auth/sessions';
import { failFromService, str } from '$lib/server/auth/request';

export const load: PageServerLoad = ({ locals, url }) => {
	requireStaff();
	return { required: !!locals.staff?.mustChangePassword, done: url.searchParams.has('done') };
};

export const actions: Actions = {
	change: async (event) => {
		const actor = requireStaff();
		const staff = event.locals.staff!;
		const form = await event.request.formData();
		try {
			const s = await changeOwnPassword(getDb(), actor, staff.sessionId, {
				current: str(form, 'current'),
				next: str(form, 'next'),
				confirm: str(form, 'confirm')
			});
			setSessionCookie(event, s.token, cookieExpiry(s.session));
		} catch (e) {
			// passwords are never sent back to the form
			return failFromService(e);
		}
		redirect(303, staff.mustChangePassword ? landingFor(staff.role) : '/account/password?done=1');
	}
};
