/**
 * One-click unsubscribe from e-mails (RFC 8058, C8). The link is in every e-mail's body and its
 * List-Unsubscribe header; the token is the HMAC of the message id. GET shows a confirm page (a
 * link checker opening the URL must not unsubscribe anybody); POST, from the page's button or a
 * mail provider's one-click (`List-Unsubscribe=One-Click`, no session, no Origin), opts out at once.
 */
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { idParam } from '$lib/server/http';
import { unsubscribeByLink, unsubscribeLinkState } from '$lib/server/services/email-feedback';

export const load: PageServerLoad = ({ params }) => {
	const s = unsubscribeLinkState(getDb(), idParam(params.id), params.token);
	return { valid: s.valid, optedOut: s.valid && s.optedOut };
};

export const actions: Actions = {
	default: async ({ params }) => {
		const ok = unsubscribeByLink(getDb(), idParam(params.id), params.token);
		return { done: ok };
	}
};
