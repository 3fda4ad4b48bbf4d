import { json } from '@sveltejs/kit';
import { apiEvents } from '$lib/server/services/api-claims';
import { apiCall } from '$lib/server/http/api';
import { idParam } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, params }) =>
	apiCall(request, { write: false }, ({ db, actor }) =>
		json({ data: apiEvents(db, actor, idParam(params.id)) })
	);
