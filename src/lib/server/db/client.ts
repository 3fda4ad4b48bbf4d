/**
 * Opening the database: one place for the pragmas and the migrations, used by the server, the
 * scripts and the tests alike.
 */
import Database, { type SqliteDatabase } from './sqlite';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import fs from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type DB = BetterSQLite3Database<typeof schema> & { $client: SqliteDatabase };

export const DEFAULT_DATABASE_URL = './data/rendez.db';

export function databasePath(env: Record<string, string | undefined> = process.env): string {
	const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
	return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

/** Where the committed migrations are: `MIGRATIONS_DIR`, else `./drizzle` from the working directory. */
export function migrationsFolder(env: Record<string, string | undefined> = process.env): string {
	return path.resolve(env.MIGRATIONS_DIR || 'drizzle');
}

export class DatabaseOpenError extends Error {}

export function openDatabase(file: string): DB {
	if (file !== ':memory:') {
		const dir = path.dirname(path.resolve(file));
		try {
			fs.mkdirSync(dir, { recursive: true });
			fs.accessSync(dir, fs.constants.W_OK);
			if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
		} catch {
			throw new DatabaseOpenError(
				`Rendez cannot write the database at ${path.resolve(file)}: check DATABASE_URL and the folder's permissions.`
			);
		}
	}
	let sqlite: SqliteDatabase;
	try {
		sqlite = new Database(file);
	} catch (e) {
		throw new DatabaseOpenError(
			`Rendez cannot open the database at ${path.resolve(file)}: ${(e as Error).message}`
		);
	}
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// WAL makes NORMAL durable against application crashes; fine for our write volume.
	sqlite.pragma('synchronous = NORMAL');
	// Statement journals (opened for every write that fires a trigger, e.g. the report rollups)
	// in memory instead of temp files: a trigger-firing insert costs ~4 µs instead of ~25 µs.
	sqlite.pragma('temp_store = MEMORY');
	return drizzle(sqlite, { schema }) as DB;
}

export interface MigrationStatus {
	/** how many of the known migrations the database has */
	applied: number;
	known: number;
	/** true when the database was migrated by a newer Rendez than this one */
	newer: boolean;
	/** true when its last migration predates the baseline (drizzle/0000_baseline.sql) */
	older: boolean;
	current: boolean;
}

export function migrationStatus(db: DB, folder = migrationsFolder()): MigrationStatus {
	const known = readMigrationFiles({ migrationsFolder: folder });
	const hasTable = db.$client
		.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'`)
		.get();
	const rows = hasTable
		? (db.$client.prepare('SELECT hash, created_at FROM __drizzle_migrations').all() as {
				hash: string;
				created_at: number;
			}[])
		: [];
	const lastKnown = known.at(-1)?.folderMillis ?? 0;
	const newer = rows.some((r) => Number(r.created_at) > lastKnown);
	// The baseline stands for the 38 migrations squashed into it and carries the last one's time: a
	// database migrated part of the way would get its tables created a second time.
	const firstKnown = known[0]?.folderMillis ?? 0;
	const older = rows.length > 0 && rows.every((r) => Number(r.created_at) < firstKnown);
	const appliedTimes = new Set(rows.map((r) => Number(r.created_at)));
	const applied = known.filter((m) => appliedTimes.has(m.folderMillis)).length;
	const current = !newer && applied === known.length;
	return { applied, known: known.length, newer, older, current };
}

/** The database was migrated by a release this one cannot continue from. */
export class SchemaVersionError extends Error {}

/**
 * Applies pending migrations; refuses a database that a newer Rendez already migrated, or one that
 * an old release left short of the baseline (first migrate it with commit b157183, the last one
 * that carries the migrations one by one).
 */
export function migrateDatabase(db: DB, folder = migrationsFolder()): MigrationStatus {
	const before = migrationStatus(db, folder);
	if (before.newer) {
		throw new SchemaVersionError(
			'The database has a newer schema than this Rendez knows; upgrade Rendez instead of migrating.'
		);
	}
	if (before.older) {
		throw new SchemaVersionError(
			`The database was migrated by a Rendez older than its migration baseline; run \`npm run db:migrate\` with Rendez commit b157183 first, then this one.`
		);
	}
	migrate(db, { migrationsFolder: folder });
	return migrationStatus(db, folder);
}
