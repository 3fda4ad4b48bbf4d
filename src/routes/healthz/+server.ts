import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { migrationStatus } from '$lib/server/db/client';

/** For load balancers and the demo script: the database answers and its schema is current. */
export function GET() {
	try {
		const db = getDb();
		db.$client.prepare('SELECT 1').get();
		const m = migrationStatus(db);
		const ok = m.current;
		return json(
			{
				status: ok ? 'ok' : 'migrations_pending',
				database: 'ok',
				migrations: { applied: m.applied, known: m.known }
			},
			{ status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
		);
	} catch {
		return json({ status: 'error', database: 'unreachable' }, { status: 503 });
	}
}
