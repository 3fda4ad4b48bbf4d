import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { signIn, landingFor } from '$lib/server/services/sign-in';
import { setSessionCookie } from '$lib/server/auth/hooks';
import { cookieExpiry } from '$lib/server/auth/sessions';
import { clientIp, currentSessionId } from '$lib/server/auth/request';
import { parseForm, readForm, text } from '$lib/server/http';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.staff) redirect(303, landingFor(locals.staff.role));
	if (locals.pendingStaff)
		redirect(303, locals.pendingStaff.needs === 'enrol' ? '/account/totp' : '/login/totp');
	return {
		next: url.searchParams.get('next') ?? '',
		signedOut: url.searchParams.has('signedout')
	};
};

const schema = z.object({
	email: z.string().trim().min(1).max(200),
	password: z.string().min(1).max(500)
});

export const actions: Actions = {
	login: async (event) => {
		const form = await readForm(event.request);
		const next = text(form, 'next');
		// the typed address comes back with a refusal; the password never does
		const parsed = parseForm(form, schema);
		if (!parsed.ok) return parsed.failure;
		const values = { email: parsed.values.email ?? '' };
		const r = await signIn(getDb(), {
			email: parsed.data.email,
			password: parsed.data.password,
			ip: clientIp(event),
			previousSessionId: currentSessionId(event)
		});
		if (!r.ok) {
			return fail(r.reason === 'throttled' ? 429 : 400, {
				values,
				message: { key: r.reason === 'throttled' ? 'auth.login.throttled' : 'auth.login.invalid' }
			});
		}
		setSessionCookie(event, r.session.token, cookieExpiry(r.session.session));
		if (r.next === 'totp') redirect(303, '/login/totp');
		if (r.next === 'enrol') redirect(303, '/account/totp');
		redirect(303, landingFor(r.role, next));
	}
};
