import type { RequestHandler } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { debtorLetterPdf } from '$lib/server/services/letters';
import { idParam } from '$lib/server/http';
import { pdfDownload } from '$lib/server/http/download';

/** A letter we sent about this claim, as printed: to its own debtor only (404 for anyone else's). */
export const GET: RequestHandler = async ({ params }) => {
	const actor = requireDebtor();
	const claimId = idParam(params.id);
	const messageId = idParam(params.messageId);
	return pdfDownload(() => debtorLetterPdf(getDb(), actor, { claimId, messageId }));
};
