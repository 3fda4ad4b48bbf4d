import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { landingFor } from '$lib/server/services/sign-in';
import { changeOwnPassword } from '$lib/server/services/own-account';
import { setSessionCookie } from '$lib/server/auth/hooks';
import { cookieExpiry } from '$lib/server/auth/sessions';
import { failFrom, readForm, text } from '$lib/server/http';

export const load: PageServerLoad = ({ locals, url }) => {
	requireStaff();
	return { required: !!locals.staff?.mustChangePassword, done: url.searchParams.has('done') };
};

export const actions: Actions = {
	change: async (event) => {
		const actor = requireStaff();
		const staff = event.locals.staff!;
		const form = await readForm(event.request);
		try {
			const s = await changeOwnPassword(getDb(), actor, staff.sessionId, {
				current: text(form, 'current'),
				next: text(form, 'next'),
				confirm: text(form, 'confirm')
			});
			setSessionCookie(event, s.token, cookieExpiry(s.session));
		} catch (e) {
			// passwords are never sent back to the form
			return failFrom(e);
		}
		redirect(303, staff.mustChangePassword ? landingFor(staff.role) : '/account/password?done=1');
	}
};
