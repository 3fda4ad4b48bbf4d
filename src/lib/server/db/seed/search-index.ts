/**
 * The operator search's FTS5 indexes (migration search_index) during the seed: their triggers fire
 * per row, so the seed drops them for the bulk load, and `restore()` creates them again exactly as
 * they were and fills the indexes with the migration's own INSERT ... SELECT statements (one
 * definition of what is indexed), then merges each index into one segment for fast queries.
 */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { DB } from '../client';
import { dropTriggers } from './rollups';

const FILL = /^\s*(?:--[^\n]*\n\s*)*INSERT\s+INTO\s+(search_\w+)/i;

/** The migrations' statements that fill a search index, per index the latest migration's. */
export function searchBackfill(folder: string): { table: string; sql: string }[] {
	const latest = new Map<string, { table: string; sql: string }>();
	for (const m of readMigrationFiles({ migrationsFolder: folder }))
		for (const stmt of m.sql) {
			const hit = FILL.exec(stmt);
			if (hit) latest.set(hit[1], { table: hit[1], sql: stmt });
		}
	return [...latest.values()];
}

export function suspendSearchIndex(db: DB, folder: string): { restore(): void } {
	const sql = db.$client;
	const triggers = dropTriggers(db, 'search');
	return {
		restore() {
			const fill = searchBackfill(folder);
			sql.transaction(() => {
				for (const f of fill) {
					sql.exec(`DELETE FROM "${f.table}"`);
					sql.exec(f.sql);
					sql.exec(`INSERT INTO "${f.table}" ("${f.table}") VALUES ('optimize')`);
				}
				for (const t of triggers) sql.exec(t.sql);
			})();
		}
	};
}
