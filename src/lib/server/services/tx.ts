/**
 * better-sqlite3 transactions are synchronous: the callback must not be async, and nothing may be
 * awaited inside. `IMMEDIATE` takes the write lock up front so concurrent writers queue on
 * busy_timeout instead of failing half-way with SQLITE_BUSY on upgrade.
 */
import type { DB } from '../db/client';

export function writeTx<T>(db: DB, fn: () => T): T {
	return db.$client.transaction(fn).immediate();
}
