/**
 * A fresh SQLite file per test, built from the committed migrations in drizzle/ (so a schema
 * change without a migration fails here), with a manual clock. Every temporary folder made here
 * (`tempDir`, `tempDbPath`, `freshDb`) is removed after the test file (`removeTempDbs`, registered in tests/integration/setup.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, migrateDatabase, type DB } from '../../src/lib/server/db/client';
import { ManualClock, instantAt } from '../../src/lib/domain/clock';
import { setClock } from '../../src/lib/server/clock';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

const tempDirs: string[] = [];
const openDbs: DB[] = [];

/** A new empty folder under the system's temporary folder, removed after the test file. */
export function tempDir(prefix = 'rendez-'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tempDirs.push(dir);
	return dir;
}

export function tempDbPath(name = 'test'): string {
	return path.join(tempDir(), `${name}.db`);
}

export function freshDb(file = tempDbPath()): DB {
	const db = openDatabase(file);
	openDbs.push(db);
	migrateDatabase(db, path.resolve('drizzle'));
	return db;
}

/** Closes the databases freshDb opened and deletes the folders tempDbPath made. */
export function removeTempDbs(): void {
	for (const db of openDbs.splice(0)) if (db.$client.open) db.$client.close();
	for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Installs a manual clock at the given Budapest wall-clock time (default 2026-03-02 10:00). */
export function manualClock(date = '2026-03-02', hour = 10): ManualClock {
	const c = new ManualClock(instantAt(date, hour));
	setClock(c);
	return c;
}

/** The usual start of a test: a manual clock, then a fresh database. */
export function testDb(date = '2026-03-02', hour = 10): { db: DB; clock: ManualClock } {
	const clock = manualClock(date, hour);
	return { db: freshDb(), clock };
}

/** The single value of a one-column query (a count, a sum, an id), straight from SQLite. */
export const scalar = (db: DB, sql: string, ...params: unknown[]) =>
	db.$client
		.prepare(sql)
		.pluck()
		.get(...params) as number;

/** Every row of a query, straight from SQLite. */
export const allRows = (db: DB, sql: string, ...params: unknown[]) =>
	db.$client.prepare(sql).all(...params);

/** How many audit records of `action` there are for the row `id` of `entity` (a hold, a handover...). */
export const auditsFor = (db: DB, action: string, entity: string, id: number) =>
	scalar(
		db,
		'SELECT count(*) FROM audit_log WHERE action = ? AND entity = ? AND entity_id = ?',
		action,
		entity,
		String(id)
	);

/** Inserts one row and returns it as stored (for fixtures that need its id). */
export function insertRow<T extends SQLiteTable>(
	db: DB,
	table: T,
	values: T['$inferInsert']
): T['$inferSelect'] {
	return db.insert(table).values(values).returning().get() as T['$inferSelect'];
}
