/**
 * The report rollups the seed counts in memory, and switching the rollup triggers and the bulk
 * tables' indexes off while it writes (rebuilt once at the end).
 */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { DB } from '../client';

/** what every rollup is keyed by first: the dashboard's filters */
const KEY = ['creditor_id', 'portfolio_id', 'placed_month'];

/**
 * The report rollups (`report_*` tables, issue 6) as the triggers of the rollup migration would
 * build them row by row, counted in memory while the seed generates. Key columns, then the summed
 * columns, in the tables' column order. tests/integration/seed.test.ts proves them equal to the
 * migrations' own backfill statements, so a change to the rollup definitions fails that test.
 */
export class Rollups {
	static readonly COLUMNS: Record<string, { keys: string[]; sums: string[] }> = {
		report_claims: {
			keys: [...KEY, 'currency', 'status'],
			sums: ['claims', 'placed_minor', 'collected_minor', 'balance_minor']
		},
		report_aging: {
			keys: [...KEY, 'currency', 'due_date'],
			sums: ['claims', 'open_minor']
		},
		report_collected: {
			keys: [...KEY, 'currency', 'month'],
			sums: ['collected_minor']
		},
		report_stage_outcomes: {
			keys: [...KEY, 'stage', 'outcome'],
			sums: ['events']
		},
		report_plans: {
			keys: [...KEY, 'status'],
			sums: ['plans']
		},
		report_installments: {
			keys: [...KEY, 'status', 'on_time'],
			sums: ['installments']
		},
		report_contacts: {
			keys: [...KEY, 'channel'],
			sums: ['contacts', 'followed']
		}
	};
	readonly tables = new Map<string, Map<string, { key: unknown[]; sums: number[] }>>();
	/** contact ids followed by a payment of the claim within 14 days (report_contact_followed) */
	readonly followed: number[] = [];

	add(table: string, key: unknown[], sums: number[]): void {
		let t = this.tables.get(table);
		if (!t) this.tables.set(table, (t = new Map()));
		const k = key.join('\u0001');
		const row = t.get(k);
		if (!row) t.set(k, { key, sums: [...sums] });
		else for (let i = 0; i < sums.length; i++) row.sums[i] += sums[i];
	}

	/** Writes the rollups; tables it does not know are left to `unknown` (the SQL backfill). */
	write(db: DB, present: Set<string>): void {
		const sql = db.$client;
		for (const [table, cols] of Object.entries(Rollups.COLUMNS)) {
			if (!present.has(table)) continue;
			const names = [...cols.keys, ...cols.sums];
			const ins = sql.prepare(
				`INSERT INTO "${table}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
			);
			for (const row of this.tables.get(table)?.values() ?? []) ins.run(...row.key, ...row.sums);
		}
		if (present.has('report_contact_followed')) {
			const ins = sql.prepare('INSERT INTO report_contact_followed (contact_id) VALUES (?)');
			for (const id of this.followed) ins.run(id);
		}
	}

	static known(table: string): boolean {
		return table in Rollups.COLUMNS || table === 'report_contact_followed';
	}
}

/** The migrations' backfill statements (`INSERT INTO report_... SELECT`), per report table the latest migration's, in file order. */
export function rollupBackfill(folder: string): { table: string; sql: string }[] {
	const migrations = readMigrationFiles({ migrationsFolder: folder });
	const fill = /^\s*(?:--[^\n]*\n\s*)*INSERT\s+INTO\s+(report_\w+)/i;
	const latest = new Map<string, number>();
	migrations.forEach((m, i) => {
		for (const stmt of m.sql) {
			const hit = fill.exec(stmt);
			if (hit) latest.set(hit[1], i);
		}
	});
	const out: { table: string; sql: string }[] = [];
	migrations.forEach((m, i) => {
		for (const stmt of m.sql) {
			const hit = fill.exec(stmt);
			if (hit && latest.get(hit[1]) === i) out.push({ table: hit[1], sql: stmt });
		}
	});
	return out;
}

/**
 * The rollup triggers fire per row; across ten million rows that was most of the seed's time. For
 * the bulk load the seed drops them, and `restore()` creates them again exactly as they were and
 * writes the rollups counted in memory (`Rollups`); a report table the seed does not know is
 * filled with its migration's backfill statement instead. Then the headline rollup is checked
 * against the claims.
 */
export function suspendRollupTriggers(db: DB, folder: string): { restore(roll: Rollups): void } {
	const sql = db.$client;
	const triggers = dropTriggers(db, 'report');
	return {
		restore(roll: Rollups) {
			const backfill = rollupBackfill(folder);
			const present = new Set(backfill.map((b) => b.table));
			const unknown = backfill.filter((b) => !Rollups.known(b.table));
			// statistics, so that any SQL backfill (and later queries) plan by claim, not by status
			sql.pragma('analysis_limit = 2000');
			sql.exec('ANALYZE');
			sql.transaction(() => {
				for (const table of present) sql.exec(`DELETE FROM "${table}"`);
				roll.write(db, present);
				for (const t of triggers) sql.exec(t.sql);
				for (const b of unknown) sql.exec(b.sql);
				if (present.has('report_claims')) {
					const a = sql
						.prepare(
							'SELECT count(*) AS n, coalesce(sum(balance_minor), 0) AS b, coalesce(sum(placed_minor), 0) AS p FROM claims'
						)
						.get() as { n: number; b: number; p: number };
					const r = sql
						.prepare(
							'SELECT coalesce(sum(claims), 0) AS n, coalesce(sum(balance_minor), 0) AS b, coalesce(sum(placed_minor), 0) AS p FROM report_claims'
						)
						.get() as { n: number; b: number; p: number };
					if (a.n !== r.n || a.b !== r.b || a.p !== r.p)
						throw new Error('seed: the report rollups do not match the claims');
				}
			})();
		}
	};
}

/**
 * Drops the triggers whose names start with `prefix` and an underscore (the rollups' `report_`,
 * the search indexes' `search_`), in creation order, for `restore()` to create them again.
 */
export function dropTriggers(db: DB, prefix: string): { name: string; sql: string }[] {
	const sql = db.$client;
	const triggers = sql
		.prepare(
			"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\' ORDER BY rowid"
		)
		.all(`${prefix}\\_%`) as { name: string; sql: string }[];
	for (const t of triggers) sql.exec(`DROP TRIGGER "${t.name}"`);
	return triggers;
}

/** The tables the seed writes in bulk: their indexes are suspended while it writes them. */
export const BULK_TABLES = [
	'debtors',
	'claims',
	// filled by the claims trigger: in the seed each creditor supplied the debtor record as it is
	'claim_debtors',
	'claim_stage_events',
	'ledger_entries',
	'payments',
	'plans',
	'installments',
	'promises',
	'disputes',
	'contact_events'
] as const;

/**
 * Secondary indexes of the bulk tables are dropped during the load and built again afterwards
 * from their own definitions (a sorted build beats millions of random B-tree inserts). Unique
 * indexes are checked when they are built, so a duplicate still fails the seed.
 */
export function suspendIndexes(db: DB, tables: readonly string[]): { restore(): void } {
	const sql = db.$client;
	const list = tables.map((t) => `'${t}'`).join(', ');
	const indexes = sql
		.prepare(
			`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${list}) ORDER BY rowid`
		)
		.all() as { name: string; sql: string }[];
	for (const i of indexes) sql.exec(`DROP INDEX "${i.name}"`);
	return {
		restore() {
			sql.pragma('threads = 2'); // CREATE INDEX may sort with a helper thread
			sql.transaction(() => {
				for (const i of indexes) sql.exec(i.sql);
			})();
		}
	};
}
