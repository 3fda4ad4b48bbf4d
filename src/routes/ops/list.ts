import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listQuery } from '$lib/server/http';

/**
 * The load of an operator's list page (a queue, the engine's runs): the guard first, then the page
 * and the chosen filter from the address (`listQuery`: `?page=`, `?<param>=` one of `values`),
 * with the actor and the handle for the service's call. Like record-form.ts, for the load.
 */
export function opsList<const T extends string = never, F extends T | null = null>(
	url: URL,
	param?: string,
	values?: readonly T[],
	fallback?: F
) {
	const actor = requireRole('operator', 'admin');
	return { actor, db: getDb(), ...listQuery(url, param, values, fallback) };
}
