/**
 * A server of its own for specs that depend on the hour (the contact window, C1): the same seed
 * as the main e2e server (seed 7, 400 claims) in a database of its own, and the built app, on a
 * clock moved ahead to the next Tuesday–Thursday 10:00 in Budapest that is not a public holiday
 * (`RENDEZ_CLOCK_OFFSET_DAYS`, a fraction of days), so a call is inside the contact window
 * whenever the tests run. Port: extraPort(5).
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import Database from '../../src/lib/server/db/sqlite';
import { DAY_MS, addDays, instantAt, localParts } from '../../src/lib/domain/clock';
import { isPublicHoliday } from '../../src/lib/domain/holidays';
import { extraPort, extraServer, rowIn } from './access-helpers';

export const FIXED_PORT = extraPort(5);
export const FIXED_DB = `./data/e2e-fixed-${FIXED_PORT}.db`;

/** The next Tuesday, Wednesday or Thursday 10:00 Budapest time, not a public holiday. */
export function nextWorkingMorning(now: number): number {
	let day = localParts(now).date;
	for (let i = 0; i < 30; i++, day = addDays(day, 1)) {
		const t = instantAt(day, 10);
		const wd = localParts(t).weekday;
		if (t > now && wd >= 2 && wd <= 4 && !isPublicHoliday(day)) return t;
	}
	throw new Error('no working morning found');
}

export async function startFixedServer() {
	const offsetDays = (nextWorkingMorning(Date.now()) - Date.now()) / DAY_MS;
	for (const suffix of ['', '-wal', '-shm']) rmSync(FIXED_DB + suffix, { force: true });
	const env = {
		DATABASE_URL: FIXED_DB,
		ORIGIN: `http://localhost:${FIXED_PORT}`,
		BODY_SIZE_LIMIT: '60M',
		RENDEZ_DAILY_TIMER: '0',
		RENDEZ_CLOCK_OFFSET_DAYS: String(offsetDays)
	};
	execFileSync('npx', ['tsx', 'scripts/seed.ts', '--seed', '7', '--claims', '400', '--quiet'], {
		stdio: 'inherit',
		env: { ...process.env, RENDEZ_QUIET: '1', ...env }
	});
	const server = await extraServer(FIXED_PORT, env);
	/** the server's today (Budapest), `days` ahead */
	const serverDay = (days = 0) => addDays(localParts(Date.now() + offsetDays * DAY_MS).date, days);
	return { ...server, serverDay };
}

/** One row of the fixed server's database (read-only look-ups that pick a claim for a spec). */
export function fixedRow<T>(sql: string, ...params: unknown[]): T {
	return rowIn<T>(FIXED_DB, sql, ...params);
}

/** A set-up write to the fixed server's database (what no page does yet, e.g. a visit due today). */
export function fixedExec(sql: string, ...params: unknown[]): void {
	const db = new Database(FIXED_DB);
	try {
		db.prepare(sql).run(...params);
	} finally {
		db.close();
	}
}
