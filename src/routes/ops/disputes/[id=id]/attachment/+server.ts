import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { disputeAttachment } from '$lib/server/services/disputes';
import { idParam, orHttp } from '$lib/server/http';

export const GET: RequestHandler = ({ params }) => {
	const actor = requireRole('operator', 'admin');
	const a = orHttp(() => disputeAttachment(getDb(), actor, idParam(params.id)));
	const ext = a.mime === 'application/pdf' ? 'pdf' : a.mime === 'image/png' ? 'png' : 'jpg';
	return new Response(new Uint8Array(a.content), {
		headers: {
			'content-type': a.mime,
			'content-disposition': `attachment; filename="dispute-${params.id}.${ext}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
