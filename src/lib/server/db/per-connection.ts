/**
 * Something made once per database connection and kept for as long as the connection lives:
 * typically prepared statements on hot paths (the engine, audit, sign-in), where preparing again
 * on every call costs more than running them.
 */
import type { DB } from './client';
import type { SqliteDatabase, Statement } from './sqlite';

export function perConnection<T>(make: (client: SqliteDatabase, db: DB) => T): (db: DB) => T {
	const made = new WeakMap<DB, T>();
	return (db) => {
		let value = made.get(db);
		if (value === undefined) {
			value = make(db.$client, db);
			made.set(db, value);
		}
		return value;
	};
}

const statements = perConnection(() => new Map<string, Statement<unknown[]>>());

/**
 * A statement prepared once per connection and kept by its text: for hot paths that write their
 * SQL inline (the dispatcher sends thousands of messages a minute).
 */
export function stmt(db: DB, sql: string): Statement<unknown[]> {
	const cache = statements(db);
	let s = cache.get(sql);
	if (!s) {
		s = db.$client.prepare<unknown[]>(sql);
		cache.set(sql, s);
	}
	return s;
}
