import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { signIn, landingFor } from '$lib/server/services/sign-in';
import { setSessionCookie } from '$lib/server/auth/hooks';
import { cookieExpiry } from '$lib/server/auth/sessions';
import { clientIp, currentSessionId, str, type FieldErrors } from '$lib/server/auth/request';

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
		const form = await event.request.formData();
		const email = str(form, 'email');
		const next = str(form, 'next');
		const parsed = schema.safeParse({ email, password: str(form, 'password') });
		if (!parsed.success) {
			const errors: FieldErrors = {};
			for (const i of parsed.error.issues) errors[String(i.path[0])] ??= { key: 'form.required' };
			return fail(400, { email, errors, message: null });
		}
		const r = await signIn(getDb(), {
			email: parsed.data.email,
			password: parsed.data.password,
			ip: clientIp(event),
			previousSessionId: currentSessionId(event)
		});
		if (!r.ok) {
			return fail(r.reason === 'throttled' ? 429 : 400, {
				email,
				errors: {} as FieldErrors,
				message: { key: r.reason === 'throttled' ? 'auth.login.throttled' : 'auth.login.invalid' }
			});
		}
		setSessionCookie(event, r.session.token, cookieExpiry(r.session.session));
		if (r.next === 'totp') redirect(303, '/login/totp');
		if (r.next === 'enrol') redirect(303, '/account/totp');
		redirect(303, landingFor(r.role, next));
	}
};
