import type { RequestHandler } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { idParam } from '$lib/server/http';
import { pdfDownload } from '$lib/server/http/download';
import { planPdf } from '$lib/server/services/plans';

/** The agreed schedule as a PDF (DejaVu embedded so ő and ű print). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const actor = requireDebtor();
	const id = idParam(params.id);
	return pdfDownload(() => planPdf(getDb(), actor, id, locals.lang));
};
