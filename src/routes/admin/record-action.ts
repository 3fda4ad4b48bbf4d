import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import type { Actor } from '$lib/domain/actor';
import { failFrom, idParam } from '$lib/server/http';

type DB = ReturnType<typeof getDb>;

/**
 * An admin's button on the record a page shows (/admin/creditors/[id], /admin/users/[id]): the
 * action runs the service call on the path's id, answers its refusal with failFrom, else
 * `answer(result)`.
 */
export function recordAction<T, R>(
	run: (db: DB, actor: Actor, id: number) => T | Promise<T>,
	answer: (result: T) => R
) {
	return async ({ params }: { params: { id: string } }) => {
		const actor = requireRole('admin');
		let result: T;
		try {
			result = await run(getDb(), actor, idParam(params.id));
		} catch (e) {
			return failFrom(e);
		}
		return answer(result);
	};
}

/**
 * One of a pair of buttons that set a yes/no on the record (disable/enable a user, deactivate/
 * activate a creditor): `set(db, actor, id, on)`, then `answer`.
 */
export function flagAction<A>(
	set: (db: DB, actor: Actor, id: number, on: boolean) => unknown,
	on: boolean,
	answer: A
) {
	return recordAction(
		(db, actor, id) => set(db, actor, id, on),
		() => answer
	);
}
