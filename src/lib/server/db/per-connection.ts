/**
 * Something made once per database connection and kept for as long as the connection lives:
 * typically prepared statements on hot paths (the engine, audit, sign-in), where preparing again
 * on every call costs more than running them.
 */
import type { DB } from './client';
import type { SqliteDatabase } from './sqlite';

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
