import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { migrationStatus } from '$lib/server/db/client';
import { lastRun } from '$lib/server/services/engine-run';

/**
 * For load balancers and the demo script: the database answers and its schema is current; and
 * the collection engine's newest run (its as-of day and state: running, done or failed), null
 * before the first.
 */
export function GET() {
	try {
		const db = getDb();
		db.$client.prepare('SELECT 1').get();
		const m = migrationStatus(db);
		const ok = m.current;
		const run = ok ? lastRun(db) : undefined;
		return json(
			{
				status: ok ? 'ok' : 'migrations_pending',
				database: 'ok',
				migrations: { applied: m.applied, known: m.known },
				engine: run ? { day: run.day, state: run.state } : null
			},
			{ status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
		);
	} catch {
		return json({ status: 'error', database: 'unreachable' }, { status: 503 });
	}
}
