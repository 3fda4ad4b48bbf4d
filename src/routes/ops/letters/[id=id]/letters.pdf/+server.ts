import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { batchPdf } from '$lib/server/services/letters';
import { idParam } from '$lib/server/http';
import { pdfDownload } from '$lib/server/http/download';

/** Every letter of the batch in one PDF, for the print house. */
export const GET: RequestHandler = async ({ params }) => {
	const actor = requireRole('operator', 'admin');
	const id = idParam(params.id);
	return pdfDownload(() => batchPdf(getDb(), actor, id));
};
