import type { RequestHandler } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { receiptPdf } from '$lib/server/services/documents';
import { idParam, throwHttp } from '$lib/server/http';

export const GET: RequestHandler = async ({ params, locals }) => {
	const actor = requireDebtor();
	let pdf;
	try {
		pdf = await receiptPdf(getDb(), actor, idParam(params.id), locals.lang);
	} catch (e) {
		throwHttp(e);
	}
	return new Response(Buffer.from(pdf.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${pdf.filename}"`,
			'cache-control': 'no-store'
		}
	});
};
