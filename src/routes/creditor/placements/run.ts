/**
 * Starts a job's validation in the background of this server process (chunked, yielding between
 * chunks) and remembers which jobs run, so a page reload never starts a second run.
 */
import type { Actor } from '$lib/domain/actor';
import type { DB } from '$lib/server/db';
import { validateJob } from '$lib/server/services/placements';
import { logEvent } from '$lib/server/log';

const running = new Set<number>();

export function startValidation(db: DB, actor: Actor, id: number): void {
	if (running.has(id)) return;
	running.add(id);
	validateJob(db, actor, id)
		.catch((e) =>
			logEvent('error', 'placement_validation_failed', {
				job: id,
				error: e instanceof Error ? e.name : 'unknown'
			})
		)
		.finally(() => running.delete(id));
}
