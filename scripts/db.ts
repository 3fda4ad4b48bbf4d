/**
 * The database as the scripts open it: the app's file (DATABASE_URL), migrated. A file that
 * cannot be opened, or that a newer release migrated, ends the script with its message and exit
 * code 1 rather than a stack trace.
 */
import {
	databasePath,
	migrateDatabase,
	openDatabase,
	DatabaseOpenError,
	SchemaVersionError,
	type DB,
	type MigrationStatus
} from '../src/lib/server/db/client';

/** Ends the script on an error about the database file itself; any other error is thrown on. */
export function exitOnDatabaseError(e: unknown): never {
	if (e instanceof DatabaseOpenError || e instanceof SchemaVersionError) {
		console.error(e.message);
		process.exit(1);
	}
	throw e;
}

export function openMigrated(file = databasePath()): { db: DB; migrations: MigrationStatus } {
	try {
		const db = openDatabase(file);
		return { db, migrations: migrateDatabase(db) };
	} catch (e) {
		exitOnDatabaseError(e);
	}
}

/** Whether anything was ever set up in it (creditors, staff or claims). */
export function hasData(db: DB): boolean {
	const { n } = db.$client
		.prepare(
			'SELECT (SELECT count(*) FROM creditors) + (SELECT count(*) FROM staff_users) + (SELECT count(*) FROM claims) AS n'
		)
		.get() as { n: number };
	return n > 0;
}
