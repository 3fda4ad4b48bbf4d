/**
 * The server's one database handle, opened and migrated on first use (the server start calls it
 * in hooks.server.ts `init`, so a bad path fails at start, not on the first request).
 */
import { env } from '$env/dynamic/private';
import { databasePath, migrateDatabase, openDatabase, type DB } from './client';

let handle: DB | undefined;

export function getDb(): DB {
	if (!handle) {
		const db = openDatabase(databasePath(env));
		migrateDatabase(db);
		handle = db;
	}
	return handle;
}

export type { DB };
