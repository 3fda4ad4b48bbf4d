/**
 * A fresh SQLite file per test file, built from the committed migrations in drizzle/ (so a schema
 * change without a migration fails here), with a manual clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, migrateDatabase, type DB } from '../../src/lib/server/db/client';
import { ManualClock, instantAt } from '../../src/lib/domain/clock';
import { setClock } from '../../src/lib/server/clock';

export function tempDbPath(name = 'test'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rendez-'));
	return path.join(dir, `${name}.db`);
}

export function freshDb(file = tempDbPath()): DB {
	const db = openDatabase(file);
	migrateDatabase(db, path.resolve('drizzle'));
	return db;
}

/** Installs a manual clock at the given Budapest wall-clock time (default 2026-03-02 10:00). */
export function manualClock(date = '2026-03-02', hour = 10): ManualClock {
	const c = new ManualClock(instantAt(date, hour));
	setClock(c);
	return c;
}
