import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { batchManifest } from '$lib/server/services/letters';
import { idParam, throwHttp } from '$lib/server/http';

/** The print house's manifest of the batch (UTF-8 CSV with BOM, ';'-separated). */
export const GET: RequestHandler = async ({ params }) => {
	const actor = requireRole('operator', 'admin');
	const id = idParam(params.id);
	let csv;
	try {
		csv = await batchManifest(getDb(), actor, id);
	} catch (e) {
		throwHttp(e);
	}
	return new Response(csv.text, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csv.filename}"`,
			'cache-control': 'no-store'
		}
	});
};
