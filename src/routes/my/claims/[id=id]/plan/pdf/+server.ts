import type { RequestHandler } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { idParam, throwHttp } from '$lib/server/http';
import { planPdf } from '$lib/server/services/plans';

/** The agreed schedule as a PDF (DejaVu embedded so ő and ű print). */
export const GET: RequestHandler = async ({ params, locals }) => {
	const actor = requireDebtor();
	const id = idParam(params.id);
	let out: { bytes: Uint8Array; filename: string };
	try {
		out = await planPdf(getDb(), actor, id, locals.lang);
	} catch (e) {
		throwHttp(e);
	}
	return new Response(out.bytes as unknown as BodyInit, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="${out.filename}"`,
			'Cache-Control': 'no-store'
		}
	});
};
