import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { verifySecondFactor, landingFor } from '$lib/server/services/sign-in';
import { setSessionCookie } from '$lib/server/auth/hooks';
import { cookieExpiry } from '$lib/server/auth/sessions';
import { clientIp } from '$lib/server/auth/request';
import { readForm, text } from '$lib/server/http';

/** Only a session that gave the right password and waits for its code may be here. */
function pendingVerify(locals: App.Locals) {
	if (locals.staff) redirect(303, landingFor(locals.staff.role));
	const p = locals.pendingStaff;
	if (!p) redirect(303, '/login');
	if (p.needs === 'enrol') redirect(303, '/account/totp');
	return p;
}

export const load: PageServerLoad = ({ locals }) => {
	pendingVerify(locals);
	return {};
};

export const actions: Actions = {
	verify: async (event) => {
		const pending = pendingVerify(event.locals);
		const form = await readForm(event.request);
		const code = text(form, 'code').replace(/\s+/g, '');
		if (!/^\d{6}$/.test(code)) {
			return fail(400, { errors: { code: { key: 'auth.totp.invalid' } } });
		}
		const r = verifySecondFactor(getDb(), pending, code, clientIp(event));
		if (!r.ok) {
			return fail(r.reason === 'throttled' ? 429 : 400, {
				errors: {
					code: { key: r.reason === 'throttled' ? 'auth.totp.throttled' : 'auth.totp.invalid' }
				}
			});
		}
		setSessionCookie(event, r.session.token, cookieExpiry(r.session.session));
		redirect(303, landingFor(r.role));
	}
};
