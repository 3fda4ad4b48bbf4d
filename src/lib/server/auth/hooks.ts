/**
 * Resolves the session cookie into `locals.staff` / `locals.debtor` / `locals.pendingStaff`, and
 * keeps the cookie's lifetime in step with the session's (renewal on activity).
 */
import type { Cookies, Handle, RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import { cookieExpiry, SESSION_COOKIE, validateSessionToken } from './sessions';

/** Secure everywhere but plain-http localhost (development and the local e2e server). */
function secureFor(url: URL): boolean {
	return !(
		url.protocol === 'http:' &&
		(url.hostname === 'localhost' || url.hostname === '127.0.0.1')
	);
}

export function setSessionCookie(
	event: Pick<RequestEvent, 'cookies' | 'url'>,
	token: string,
	expiresAt: number
): void {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secureFor(event.url),
		expires: new Date(expiresAt)
	});
}

export function deleteSessionCookie(event: { cookies: Cookies; url: URL }): void {
	event.cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: secureFor(event.url)
	});
}

export const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	event.locals.debtor = null;
	event.locals.pendingStaff = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = validateSessionToken(getDb(), token);
		if (!result) {
			deleteSessionCookie(event);
		} else {
			if (result.kind === 'staff') event.locals.staff = result.staff;
			else if (result.kind === 'debtor') event.locals.debtor = result.debtor;
			else event.locals.pendingStaff = result.pending;
			// the cookie expires with the idle window, which moves only when the session was renewed
			if (result.renewed) setSessionCookie(event, token, cookieExpiry(result.session));
		}
	}
	return resolve(event);
};
