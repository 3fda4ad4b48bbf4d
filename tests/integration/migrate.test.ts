/**
 * `npm run db:migrate` through the real script (scripts/migrate.ts) as a child process: a fresh
 * file, a second run, a database migrated by a newer Rendez, and a path that cannot be written.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { tempDbPath } from '../helpers/db';
import { openDatabase, migrationStatus } from '../../src/lib/server/db/client';

const known = readMigrationFiles({ migrationsFolder: path.resolve('drizzle') });

function migrate(file: string) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
		env: { ...process.env, DATABASE_URL: file },
		encoding: 'utf8'
	});
}

/** stderr without npm's or node's own chatter */
const lines = (s: string) =>
	s.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm warn'));

describe('npm run db:migrate', () => {
	it('applies every committed migration to a fresh file, and a second run changes nothing', () => {
		const file = tempDbPath('migrate');
		const r = migrate(file);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain(`${known.length} of ${known.length} migrations applied`);
		const db = openDatabase(file);
		expect(migrationStatus(db).current).toBe(true);
		const tables = (
			db.$client.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as {
				name: string;
			}[]
		).map((t) => t.name);
		for (const t of [
			'claims',
			'ledger_entries',
			'payments',
			'audit_log',
			'staff_users',
			'access_links'
		])
			expect(tables).toContain(t);
		expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		db.$client.close();

		const again = migrate(file);
		expect(again.status, again.stderr).toBe(0);
		const db2 = openDatabase(file);
		expect(
			(db2.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number })
				.n
		).toBe(known.length);
		db2.$client.close();
	});

	it('stops with a clear message on a database migrated by a newer Rendez', () => {
		const file = tempDbPath('newer');
		expect(migrate(file).status).toBe(0);
		const db = openDatabase(file);
		const last = known.at(-1)!.folderMillis;
		db.$client
			.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
			.run('from-the-future', last + 86_400_000);
		const before = (
			db.$client.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }
		).n;
		db.$client.close();

		const r = migrate(file);
		expect(r.status).not.toBe(0);
		expect(lines(r.stderr)).toHaveLength(1);
		expect(r.stderr).toMatch(/newer schema/);
		expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
		const after = openDatabase(file);
		expect(
			(after.$client.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }).n
		).toBe(before);
		after.$client.close();
	});

	// drizzle/0000_baseline.sql squashes 0000_init … 0037_card_disputes and carries 0037's time
	const baseline = known[0].folderMillis;
	const masterCount = (file: string) => {
		const db = openDatabase(file);
		const n = (db.$client.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number })
			.n;
		db.$client.close();
		return n;
	};
	/** A migrated file whose __drizzle_migrations says it went through `times` one by one. */
	function migratedThrough(name: string, times: number[]) {
		const file = tempDbPath(name);
		expect(migrate(file).status).toBe(0);
		const db = openDatabase(file);
		db.$client.exec('DELETE FROM __drizzle_migrations');
		const add = db.$client.prepare(
			'INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)'
		);
		times.forEach((t, i) => add.run(`old-${i}`, t));
		db.$client.close();
		return file;
	}

	it('takes a database the one-by-one migrations brought to the baseline as current', () => {
		const history = [...Array(38).keys()].map((i) => baseline - (37 - i) * 60_000);
		const file = migratedThrough('through-0037', history);
		const before = masterCount(file);
		const r = migrate(file);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stdout).toContain(`${known.length} of ${known.length} migrations applied`);
		expect(masterCount(file)).toBe(before);
	});

	it('refuses, in one line, a database an old release left short of the baseline', () => {
		const history = [...Array(20).keys()].map((i) => baseline - (40 - i) * 60_000);
		const file = migratedThrough('short', history);
		const before = masterCount(file);
		const r = migrate(file);
		expect(r.status).toBe(1);
		expect(lines(r.stderr)).toHaveLength(1);
		expect(r.stderr).toMatch(/older than its migration baseline/);
		expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
		expect(masterCount(file)).toBe(before);
	});

	it('exits with one clear line when the database path cannot be written', () => {
		// the parent "directory" is a regular file: no permission bit matters (we may run as root)
		const blocker = tempDbPath('blocker');
		fs.writeFileSync(blocker, 'not a directory');
		const file = path.join(blocker, 'sub', 'rendez.db');
		const r = migrate(file);
		expect(r.status).toBe(1);
		const err = lines(r.stderr);
		expect(err).toHaveLength(1);
		expect(err[0]).toContain('cannot write the database');
		expect(err[0]).toContain(path.resolve(file));
		expect(r.stdout).toBe('');
	});
});
