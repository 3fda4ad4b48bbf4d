/**
 * A debtor link's token travels from the URL (/p/<token>) into a short-lived cookie at once, so
 * the page that asks the identity question has a plain URL: the token leaves no trace in the
 * address bar, the browser history, a screenshot or a Referer.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { dev } from '$app/environment';

const COOKIE = 'rendez_link';

/**
 * The cookie's attributes, the same when it is set and when it is cleared: a clearing cookie whose
 * path, Secure or SameSite differ from the one that set it is a different cookie to the browser
 * (or is refused, as a Secure one over plain http is), and the token would stay behind.
 */
function attributes(event: Pick<RequestEvent, 'url'>) {
	return {
		path: '/p',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: !dev && event.url.protocol === 'https:'
	};
}

export function rememberLinkToken(event: RequestEvent, token: string): void {
	event.cookies.set(COOKIE, token, { ...attributes(event), maxAge: 60 * 60 });
}

/** The token of the link being answered; '' when none (the page then says the link is unusable). */
export function linkToken(event: RequestEvent): string {
	return event.cookies.get(COOKIE) ?? '';
}

export function clearLinkToken(event: RequestEvent): void {
	event.cookies.delete(COOKIE, attributes(event));
}
