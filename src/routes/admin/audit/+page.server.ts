import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listAudit, actorKinds } from '$lib/server/services/admin-audit';
import { parseId } from '$lib/server/http';

/** Filters come in the query string (a GET form), so a filtered view can be bookmarked. */
export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('admin');
	const q = (k: string) => url.searchParams.get(k)?.trim() || undefined;
	const result = listAudit(getDb(), actor, {
		actorKind: q('actorKind'),
		action: q('action'),
		entity: q('entity'),
		entityId: q('entityId'),
		from: q('from'),
		to: q('to'),
		page: parseId(q('page')) ?? 1
	});
	return { ...result, actorKinds: [...actorKinds] };
};
