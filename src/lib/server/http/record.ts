/**
 * The record a staff page (or its action) is about, by the id in its path: the guard first, then
 * the service's read of that record. Not in `index.ts`: it needs the request and the database
 * handle, which the rest of the toolkit does not.
 */
import { requireRole } from '$lib/server/auth/guards';
import { getDb, type DB } from '$lib/server/db';
import type { Actor, StaffRole } from '$lib/domain/actor';
import { orHttp } from './errors';
import { idParam } from './params';

/**
 * `requireRole(...roles)`, then `read(db, actor, id)` with the path's id: not an id, or a record
 * the actor may not see, is a 404 (403). The guard's actor and the handle come back with it, for
 * the rest of the load or action.
 */
export function staffRecord<T>(
	roles: StaffRole[],
	param: string,
	read: (db: DB, actor: Actor, id: number) => T
): { actor: Actor; db: DB; id: number; record: T } {
	const actor = requireRole(...roles);
	const db = getDb();
	const id = idParam(param);
	return { actor, db, id, record: orHttp(() => read(db, actor, id)) };
}
