import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { migrationStatus } from '$lib/server/db/client';

/**
 * For load balancers, monitoring and the scripts that wait for the server: `{ ok: true }` (200)
 * when the database answers and its schema is current, else `{ ok: false }` (503). Public, so it
 * says nothing more: no migration counts, no engine day or state (operators see the engine's
 * runs at /ops/engine; a refused start says why on the server's console).
 */
export function GET() {
	let ok = false;
	try {
		const db = getDb();
		db.$client.prepare('SELECT 1').get();
		ok = migrationStatus(db).current;
	} catch {
		ok = false;
	}
	return json({ ok }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
