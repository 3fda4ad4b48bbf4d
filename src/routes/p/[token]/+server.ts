import { redirect } from '@sveltejs/kit';
import { rememberLinkToken } from '$lib/server/auth/link-cookie';
import type { RequestHandler } from './$types';

/**
 * The link from an SMS or letter. Nothing is shown here: the token moves into a cookie and the
 * browser goes on to /p, which asks the identity question. This response carries
 * `Referrer-Policy: no-referrer` (hooks.server.ts), the only one whose URL holds a token.
 */
export const GET: RequestHandler = (event) => {
	rememberLinkToken(event, event.params.token);
	redirect(303, '/p');
};
