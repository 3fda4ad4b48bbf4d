/**
 * A debtor link's token travels from the URL (/p/<token>) into a short-lived cookie at once, so
 * the page that asks the identity question has a plain URL: the token leaves no trace in the
 * address bar, the browser history, a screenshot or a Referer.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { dev } from '$app/environment';

const COOKIE = 'rendez_link';

export function rememberLinkToken(event: RequestEvent, token: string): void {
	event.cookies.set(COOKIE, token, {
		path: '/p',
		httpOnly: true,
		sameSite: 'lax',
		secure: !dev && event.url.protocol === 'https:',
		maxAge: 60 * 60
	});
}

/** The token of the link being answered; '' when none (the page then says the link is unusable). */
export function linkToken(event: RequestEvent): string {
	return event.cookies.get(COOKIE) ?? '';
}

export function clearLinkToken(event: RequestEvent): void {
	event.cookies.delete(COOKIE, { path: '/p' });
}
