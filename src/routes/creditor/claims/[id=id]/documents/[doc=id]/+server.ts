import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDocument } from '$lib/server/services/creditor-claim-papers';
import { idParam, orHttp } from '$lib/server/http';

/** One document of the creditor's own claim (another's, or no such document: 404). */
export const GET: RequestHandler = ({ params }) => {
	const actor = requireRole('creditor');
	const a = orHttp(() => claimDocument(getDb(), actor, idParam(params.id), idParam(params.doc)));
	const ext = a.mime === 'application/pdf' ? 'pdf' : a.mime === 'image/png' ? 'png' : 'jpg';
	return new Response(new Uint8Array(a.content), {
		headers: {
			'content-type': a.mime,
			'content-disposition': `attachment; filename="claim-${params.id}-document-${params.doc}.${ext}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
