/**
 * SvelteKit's cross-site form check, kept in our own hands so that providers' callbacks can come
 * in. SvelteKit refuses any form-encoded POST whose Origin is not the site's own; an SMS provider
 * posts its delivery reports and inbound SMS form-encoded from its own servers, with no Origin, and
 * a mail provider posts the e-mail one-click unsubscribe (RFC 8058) the same way.
 * svelte.config.js therefore turns SvelteKit's check off (`trustedOrigins: ['*']`) and the first
 * hook runs this one: the same rule, the same answer, for every path except the few provider
 * callbacks listed here, which prove who sent them by the provider's signature instead, and the
 * one-click unsubscribe, which needs no session and changes only the opt-out of the debtor its
 * HMAC token names.
 */

/** POST endpoints a provider calls from its own servers; each verifies the provider's signature. */
export const PROVIDER_CALLBACK_PATHS: ReadonlySet<string> = new Set([
	'/api/sms/status',
	'/api/sms/inbound'
]);

/**
 * The creditors' API: every call carries its key in the Authorization header, which a browser
 * never adds by itself, so a cross-site form cannot act through it; a form-encoded body gets the
 * API's own JSON answer (400, the body must be JSON), not this check's plain text.
 */
export const API_PREFIX = '/api/v1/';

/** The one-click unsubscribe: /stop/<message id>/<token>. */
export const CSRF_EXEMPT = /^\/stop\/\d+\/[^/]+\/?$/;

/** the content types a plain HTML form can send (as SvelteKit's own list) */
const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** SvelteKit's refusal of a cross-site form submission, or null when the request may go on. */
export function crossSiteRefusal(request: Request, url: URL): Response | null {
	if (!UNSAFE.has(request.method)) return null;
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return null;
	if (request.headers.get('origin') === url.origin) return null;
	if (request.method === 'POST' && PROVIDER_CALLBACK_PATHS.has(url.pathname)) return null;
	if (CSRF_EXEMPT.test(url.pathname) || url.pathname.startsWith(API_PREFIX)) return null;
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	if (request.headers.get('accept') === 'application/json')
		return new Response(JSON.stringify({ message }), {
			status: 403,
			headers: { 'content-type': 'application/json' }
		});
	return new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
}
