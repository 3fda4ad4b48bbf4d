/**
 * The import script's world: the reports dataset (buildFixture) in a database file of its own, at
 * 2026-03-02, and a placement CSV beside it (the header, then `rows`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { freshDb, manualClock, tempDbPath } from './db';
import { buildFixture } from './reports-fixtures';

export function importWorld(name: string, csvName: string, rows: string[]) {
	manualClock('2026-03-02');
	const dbFile = tempDbPath(name);
	const db = freshDb(dbFile);
	const f = buildFixture(db);
	const csv = path.join(path.dirname(dbFile), csvName);
	fs.writeFileSync(csv, [PLACEMENT_COLUMNS.join(','), ...rows].join('\n'));
	return { dbFile, db, f, csv };
}
