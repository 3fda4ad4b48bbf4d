import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDocument } from '$lib/server/services/creditor-claim-papers';
import { idParam, orHttp } from '$lib/server/http';
import { uploadDownload } from '$lib/server/http/download';

/** One document of the creditor's own claim (another's, or no such document: 404). */
export const GET: RequestHandler = ({ params }) => {
	const actor = requireRole('creditor');
	const a = orHttp(() => claimDocument(getDb(), actor, idParam(params.id), idParam(params.doc)));
	return uploadDownload(a, `claim-${params.id}-document-${params.doc}`);
};
