import { json } from '@sveltejs/kit';
import { apiListClaims, apiPlaceClaim } from '$lib/server/services/api-claims';
import { apiCall, badJson, idempotent, invalidRows, numberParam } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, url }) =>
	apiCall(request, { write: false }, ({ db, actor }) =>
		json(
			apiListClaims(
				db,
				actor,
				numberParam(url.searchParams.get('after'), 0, 2 ** 31),
				numberParam(url.searchParams.get('limit'), 100, 500) || 100
			)
		)
	);

/** Places one claim; a reference already placed answers 200 with that claim. */
export const POST: RequestHandler = ({ request }) =>
	apiCall(request, { write: true }, async (c) => {
		const text = await request.text();
		let body: unknown;
		try {
			body = JSON.parse(text);
		} catch {
			return badJson();
		}
		return idempotent(c, request, text, () => {
			const r = apiPlaceClaim(c.db, c.actor, body);
			if (!r.ok) return invalidRows(r.errors, request);
			return json({ claim: r.claim, created: r.created }, { status: r.created ? 201 : 200 });
		});
	});
