import { fail, redirect } from '@sveltejs/kit';
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { enrolTotp, landingFor } from '$lib/server/services/sign-in';
import { changeOwnTotp, ownTotpStatus } from '$lib/server/services/own-account';
import { setSessionCookie } from '$lib/server/auth/hooks';
import { cookieExpiry } from '$lib/server/auth/sessions';
import { formatKey, newTotpKey, totpUri } from '$lib/server/auth/totp';
import { readForm, text as str, type FieldErrors } from '$lib/server/http';

/**
 * Who may enrol: a signed-in staff member (optional second factor), or an admin whose password
 * was right but who has no key yet (must enrol before anything else). Nobody else.
 */
function enroller(locals: App.Locals): { userId: number; sessionId: string; required: boolean } {
	if (locals.staff)
		return { userId: locals.staff.userId, sessionId: locals.staff.sessionId, required: false };
	const p = locals.pendingStaff;
	if (p?.needs === 'enrol') return { userId: p.userId, sessionId: p.sessionId, required: true };
	if (p?.needs === 'verify') redirect(303, '/login/totp');
	redirect(303, '/login?next=%2Faccount%2Ftotp');
}

function keyView(key: Uint8Array, email: string) {
	return { keyHex: encodeHexLowerCase(key), keyText: formatKey(key), uri: totpUri(email, key) };
}

export const load: PageServerLoad = ({ locals, url }) => {
	const who = enroller(locals);
	const u = ownTotpStatus(getDb(), who);
	return {
		required: who.required,
		active: u.active,
		done: url.searchParams.has('done'),
		...keyView(newTotpKey(), u.email)
	};
};

export const actions: Actions = {
	enrol: async (event) => {
		const who = enroller(event.locals);
		const form = await readForm(event.request);
		const keyHex = str(form, 'key');
		const code = str(form, 'code').replace(/\s+/g, '');
		let key: Uint8Array;
		try {
			key = decodeHex(keyHex);
		} catch {
			key = new Uint8Array();
		}
		const { email } = ownTotpStatus(getDb(), who);
		if (key.length !== 20) key = newTotpKey();
		const again = keyView(key, email);
		const current = str(form, 'current');
		const errors: FieldErrors = {};
		if (!who.required && !current) errors.current = { key: 'form.required' };
		if (!/^\d{6}$/.test(code)) errors.code = { key: 'auth.enrol.invalid' };
		if (Object.keys(errors).length) return fail(400, { ...again, errors });
		const r = who.required
			? enrolTotp(getDb(), who, key, code)
			: await changeOwnTotp(getDb(), who, current, key, code);
		if (!r.ok) {
			return fail(400, { ...again, errors: { [r.field]: { key: r.key } } as FieldErrors });
		}
		setSessionCookie(event, r.session.token, cookieExpiry(r.session.session));
		redirect(303, who.required ? landingFor(r.role) : '/account/totp?done=1');
	}
};
