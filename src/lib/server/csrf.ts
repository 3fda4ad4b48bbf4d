/**
 * SvelteKit's own cross-site form check (a form POST from another origin is refused), kept as it
 * was, with one exception: the e-mail one-click unsubscribe (RFC 8058). A mail provider posts
 * `List-Unsubscribe=One-Click` to the link from its own servers, with no Origin header, and the
 * built-in check cannot exempt one path; so the built-in check is off (svelte.config.js) and
 * this one runs first in `handle`. The exempt route needs no session and changes only the opt-out
 * of the debtor its HMAC token names.
 */
const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths a form may be posted to from anywhere. */
export const CSRF_EXEMPT = /^\/stop\/\d+\/[^/]+\/?$/;

/** The 403 SvelteKit would give, or null when the request may go on. */
export function crossSiteRefusal(request: Request, url: URL): Response | null {
	if (!UNSAFE.has(request.method)) return null;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return null;
	if (request.headers.get('origin') === url.origin) return null;
	if (CSRF_EXEMPT.test(url.pathname)) return null;
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	return request.headers.get('accept') === 'application/json'
		? new Response(JSON.stringify({ message }), {
				status: 403,
				headers: { 'content-type': 'application/json' }
			})
		: new Response(message, { status: 403 });
}
