import type { RequestHandler } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { receiptPdf } from '$lib/server/services/documents';
import { idParam } from '$lib/server/http';
import { pdfDownload } from '$lib/server/http/download';

export const GET: RequestHandler = async ({ params, locals }) => {
	const actor = requireDebtor();
	const id = idParam(params.id);
	return pdfDownload(() => receiptPdf(getDb(), actor, id, locals.lang));
};
