/**
 * The SQLite driver for this Node. better-sqlite3 12 derives its statements from Node's raw
 * `node::ObjectWrap`, whose destructor on Node 24.19+ asserts that a JavaScript context is entered:
 * a statement finalised by an idle garbage collection aborts the process
 * (WiseLibs/better-sqlite3#1515, closed without a fix for 12.x). better-sqlite3 13 is built on
 * Node-API and has no such destructor, but it needs Node 22+ (on Node 20 it crashes). Both share
 * one API, so Node 22+ loads 13 (installed as `better-sqlite3-napi`, prebuilt binaries inside the
 * package) and Node 20 loads 12. Only the chosen one's native code is ever loaded.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split('.')[0]);

export const sqliteDriver = major >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';

const Database: typeof BetterSqlite3 = require(sqliteDriver);
export default Database;
export type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
