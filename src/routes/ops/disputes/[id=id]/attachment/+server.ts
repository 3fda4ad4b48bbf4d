import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { disputeAttachment } from '$lib/server/services/disputes';
import { idParam, orHttp } from '$lib/server/http';
import { uploadDownload } from '$lib/server/http/download';

/** The opening's document, or with `?message=<id>` a reply's (a malformed id is a 404). */
export const GET: RequestHandler = ({ params, url }) => {
	const actor = requireRole('operator', 'admin');
	const raw = url.searchParams.get('message');
	const messageId = raw == null ? null : idParam(raw);
	const a = orHttp(() => disputeAttachment(getDb(), actor, idParam(params.id), messageId));
	return uploadDownload(a, `dispute-${params.id}`);
};
