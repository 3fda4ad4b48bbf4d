/**
 * Bounces: the mail server's pipe posts each raw bounce (a DSN, RFC 3464) here, with the shared
 * secret RENDEZ_BOUNCE_SECRET in `X-Rendez-Bounce-Secret` (e.g. Postfix: a `bounce` transport
 * running `curl --data-binary @- -H 'X-Rendez-Bounce-Secret: …' https://…/api/messages/bounces`).
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { channels } from '$lib/server/channels';
import { bounceResponse } from '$lib/server/services/email-feedback';

export const POST: RequestHandler = async ({ request }) => {
	const res = await bounceResponse(getDb, channels().email, request);
	return json(res.body, { status: res.status });
};
