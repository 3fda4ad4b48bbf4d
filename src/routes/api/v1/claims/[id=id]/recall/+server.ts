import { json } from '@sveltejs/kit';
import { apiClaim } from '$lib/server/services/api-claims';
import { recallClaim } from '$lib/server/services/recall';
import { apiCall, badJson, idempotent } from '$lib/server/http/api';
import { idParam } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Recalls the claim: `{ "reason": "…" }`. */
export const POST: RequestHandler = ({ request, params }) =>
	apiCall(request, { write: true }, async (c) => {
		const id = idParam(params.id);
		const text = await request.text();
		let reason: unknown;
		try {
			reason = (JSON.parse(text) as { reason?: unknown })?.reason;
		} catch {
			return badJson();
		}
		return idempotent(c, request, text, () => {
			recallClaim(c.db, c.actor, id, typeof reason === 'string' ? reason : '');
			return json(apiClaim(c.db, c.actor, id));
		});
	});
