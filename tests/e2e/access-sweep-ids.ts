/**
 * The access sweep's addresses (tests/e2e/access-sweep.spec.ts): a route's URL with each [param]
 * filled in with the id of another tenant's record, read from the seeded database (the table a
 * param points at is guessed from its name, and each guess is checked against the tables there).
 */
import Database, { type SqliteDatabase } from '../../src/lib/server/db/sqlite';
import { demo } from './access-helpers';
import type { Route } from './access-sweep-routes';

// opened lazily: test files are also loaded before the web server has seeded the database
let handle: SqliteDatabase | undefined;
export function db(): SqliteDatabase {
	handle ??= new Database(process.env.E2E_DATABASE_URL ?? './data/e2e.db', {
		readonly: true,
		fileMustExist: true
	});
	return handle;
}
const one = (sql: string, ...p: unknown[]) =>
	(db()
		.prepare(sql)
		.pluck()
		.get(...p) as number | undefined) ?? 999_999;
export const dunaId = () =>
	one(
		"SELECT id FROM creditors WHERE name LIKE 'Duna%' OR short_name LIKE 'Duna%' ORDER BY id LIMIT 1"
	);
export const annaId = () =>
	one('SELECT id FROM debtors WHERE name = ? ORDER BY id LIMIT 1', demo.debtors.anna.name);

export type Scope =
	{ kind: 'creditor'; creditorId: number } | { kind: 'debtor'; debtorId: number } | { kind: 'any' };

/** Which table a [param] points at: by its name, else by the path segment before it ('claims/[id]'). */
function tableFor(param: string, before: string | undefined): string {
	const name = param.replace(/^\.\.\./, '').toLowerCase();
	const hint = (name === 'id' ? (before ?? '') : name.replace(/_?id$/, ''))
		.toLowerCase()
		.replace(/[^a-z]/g, '');
	const tables = db()
		.prepare(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'"
		)
		.pluck()
		.all() as string[];
	const singular = hint.replace(/ies$/, 'y').replace(/s$/, '');
	const aliases: Record<string, string> = {
		user: 'staff_users',
		staff: 'staff_users',
		message: 'outbox',
		attachment: 'disputes'
	};
	if (aliases[singular]) return aliases[singular];
	return (
		tables.find((t) => t === `${singular}s` || t === singular) ??
		tables.find((t) => t.startsWith(singular) && singular.length >= 4) ??
		tables.find((t) => singular.length >= 4 && t.includes(singular)) ??
		'claims'
	);
}

const columnsOf = (table: string) =>
	new Set(
		(db().prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)
	);

/** The lowest id in `table` that is NOT inside the scope (another tenant's record). */
function foreignId(table: string, scope: Scope): number {
	const cols = columnsOf(table);
	if (!cols.has('id')) return 999_999;
	if (scope.kind === 'creditor') {
		const c = scope.creditorId;
		if (table === 'creditors')
			return one('SELECT id FROM creditors WHERE id != ? ORDER BY id LIMIT 1', c);
		if (table === 'debtors')
			return one(
				'SELECT id FROM debtors d WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.debtor_id = d.id AND c.creditor_id = ?) ORDER BY id LIMIT 1',
				c
			);
		if (cols.has('creditor_id'))
			return one(`SELECT id FROM ${table} WHERE creditor_id IS NOT ? ORDER BY id LIMIT 1`, c);
		if (cols.has('claim_id'))
			return one(
				`SELECT t.id FROM ${table} t JOIN claims c ON c.id = t.claim_id WHERE c.creditor_id != ? ORDER BY t.id LIMIT 1`,
				c
			);
		if (cols.has('debtor_id'))
			return one(
				`SELECT id FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.debtor_id = x.debtor_id AND c.creditor_id = ?) ORDER BY id LIMIT 1`,
				c
			);
		if (cols.has('plan_id'))
			return one(
				`SELECT t.id FROM ${table} t JOIN plans p ON p.id = t.plan_id JOIN claims c ON c.id = p.claim_id WHERE c.creditor_id != ? ORDER BY t.id LIMIT 1`,
				c
			);
	}
	if (scope.kind === 'debtor') {
		const d = scope.debtorId;
		if (table === 'debtors')
			return one('SELECT id FROM debtors WHERE id != ? ORDER BY id LIMIT 1', d);
		if (cols.has('debtor_id'))
			return one(`SELECT id FROM ${table} WHERE debtor_id != ? ORDER BY id LIMIT 1`, d);
		if (cols.has('claim_id'))
			return one(
				`SELECT t.id FROM ${table} t JOIN claims c ON c.id = t.claim_id WHERE c.debtor_id != ? ORDER BY t.id LIMIT 1`,
				d
			);
		if (cols.has('payment_id'))
			return one(
				`SELECT t.id FROM ${table} t JOIN payments p ON p.id = t.payment_id WHERE p.debtor_id != ? ORDER BY t.id LIMIT 1`,
				d
			);
		if (cols.has('plan_id'))
			return one(
				`SELECT t.id FROM ${table} t JOIN plans p ON p.id = t.plan_id WHERE p.debtor_id != ? ORDER BY t.id LIMIT 1`,
				d
			);
		if (cols.has('creditor_id') || table === 'creditors')
			return one(`SELECT id FROM ${table} ORDER BY id LIMIT 1`);
	}
	return one(`SELECT id FROM ${table} ORDER BY id LIMIT 1`);
}

export function urlFor(r: Route, scope: Scope): string {
	const parts = r.segments.map((seg, i) => {
		const m = /^\[{1,2}(\.\.\.)?([^\]=]+)(=[^\]]+)?\]{1,2}$/.exec(seg);
		if (!m) return seg;
		const name = m[2];
		if (name.toLowerCase().includes('token')) return 'a'.repeat(32);
		return String(foreignId(tableFor(name, r.segments[i - 1]), scope));
	});
	return '/' + parts.join('/');
}
