/**
 * Running the engine day to day (issue 16 item 4): the catch-up the jobs worker does on start and
 * after the daily job, the jobs worker itself, `npm run engine:run` and the newest run (lastRun).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { freshDb, manualClock, removeTempDbs, scalar, tempDbPath, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { claimsDue } from '../helpers/engine-fixtures';
import {
	catchUp,
	failUnfinished,
	lastRun,
	runEngine
} from '../../src/lib/server/services/engine-run';
import { localDate } from '../../src/lib/domain/clock';
import { loadChunk, loadClaim } from '../../src/lib/server/services/engine-facts';
import { defaultStrategyVersion } from '../../src/lib/domain/strategy';
import { armFor } from '../../src/lib/domain/experiments';
import { isBusinessDay } from '../../src/lib/domain/holidays';
import { startJobsWorker, stopJobsWorker } from '../../src/lib/server/jobs/runner';
import type { DB } from '../../src/lib/server/db/client';
import { engineOverview, RUNS_PAGE_SIZE } from '../../src/lib/server/services/engine-overview';
import { ForbiddenError } from '../../src/lib/server/services/errors';

afterAll(removeTempDbs);

const claims = (db: DB, n: number, due = '2026-03-02') => claimsDue(db, n, { due });

const runDays = (db: DB) =>
	(
		db.$client.prepare('SELECT day, state, done FROM engine_runs ORDER BY id').all() as {
			day: string;
			state: string;
			done: number;
		}[]
	).map((r) => `${r.day} ${r.state} ${r.done}`);

describe('the engine catch-up', () => {
	it('on a database the engine never ran on, runs today only', () => {
		const { db } = testDb('2026-03-11');
		claims(db, 3);
		const out = catchUp(db);
		expect(out).toHaveLength(1);
		expect(runDays(db)).toEqual(['2026-03-11 done 3']);
		// asked again the same day (the worker asks every 15 minutes): nothing
		expect(catchUp(db)).toEqual([]);
		expect(lastRun(db)).toMatchObject({ day: '2026-03-11', state: 'done' });
	});

	it('runs the business days missed since the last run, in date order, at most maxDays back', () => {
		const { db, clock } = testDb('2026-03-02');
		claims(db, 2);
		catchUp(db);
		// down from Tuesday 3 March to Monday 16 March (13 days): 10 days back is 6 March
		clock.set(new Date('2026-03-16T09:00:00Z').getTime());
		catchUp(db);
		expect(runDays(db)).toEqual([
			'2026-03-02 done 2',
			'2026-03-06 done 2',
			'2026-03-09 done 2',
			'2026-03-10 done 2',
			'2026-03-11 done 2',
			'2026-03-12 done 2',
			'2026-03-13 done 2',
			'2026-03-16 done 2'
		]);
		// the weekend in between has no run
		expect(scalar(db, `SELECT count(*) FROM engine_runs WHERE day = '2026-03-07'`)).toBe(0);
	});

	it('resumes a run a kill left unfinished before it runs later days, and a failed one too', () => {
		const { db, clock } = testDb('2026-03-09');
		claims(db, 10);
		expect(() =>
			runEngine(db, {
				chunk: 3,
				afterChunk: (run) => {
					if (run.done >= 3) throw new Error('killed');
				}
			})
		).toThrow('killed');
		failUnfinished(db, 'SqliteError:SQLITE_BUSY');
		expect(lastRun(db)).toMatchObject({
			day: '2026-03-09',
			state: 'failed',
			done: 3,
			lastError: 'SqliteError:SQLITE_BUSY'
		});
		clock.set(new Date('2026-03-10T09:00:00Z').getTime());
		const out = catchUp(db, { chunk: 3 });
		expect(out.map((o) => o.ran && o.run.day)).toEqual(['2026-03-09', '2026-03-10']);
		expect(runDays(db)).toEqual(['2026-03-09 done 10', '2026-03-10 done 10']);
	});
});

describe('the facts a chunk loads', () => {
	it('C9: a written reminder that went out is a plan offer; a call, a cancelled or a waiting one is not', () => {
		const { db } = testDb('2026-03-02');
		claims(db, 5);
		db.$client.prepare('UPDATE claims SET plan_offered_at = NULL').run();
		const ids = db.$client.prepare('SELECT id FROM claims ORDER BY id').pluck().all() as number[];
		const action = db.$client.prepare(
			`INSERT INTO planned_actions (key, claim_id, kind, stage, step, due_date, channels_json, why_json, state, created_at)
			 VALUES (?, ?, 'contact', 'friendly_reminder', 'first', '2026-03-02', ?, '{}', ?, 0)`
		);
		action.run('a', ids[0], '["email","sms"]', 'done');
		action.run('b', ids[1], '["call"]', 'done');
		action.run('c', ids[2], '["letter"]', 'cancelled');
		action.run('d', ids[3], '["sms"]', 'planned');
		action.run('e', ids[4], '["visit","letter"]', 'done');
		const chunk = loadChunk(db, 0, 10);
		expect(chunk.map((c) => c.facts.planOffered)).toEqual([true, false, false, false, true]);
		// the keys: every one but the cancelled
		expect(chunk.map((c) => [...c.facts.plannedKeys])).toEqual([['a'], ['b'], [], ['d'], ['e']]);
		expect(loadClaim(db, ids[0])?.facts.planOffered).toBe(true);
		expect(loadClaim(db, ids[2])?.facts.plannedKeys.size).toBe(0);
	});
});

describe('claims without an engine row', () => {
	it('get the version claimEngineRow would give them: the current one, or their experiment arm', () => {
		const { db } = testDb('2026-03-02');
		const a = makeCreditor(db, 'Egyes Bank Zrt.');
		const b = makeCreditor(db, 'Kettes Bank Zrt.', undefined, { taxNumber: '12345676-2-42' });
		const debtor = makeDebtor(db);
		const now = 0;
		const version = (creditorId: number, v: number) =>
			Number(
				db.$client
					.prepare(
						`INSERT INTO strategy_versions (creditor_id, version, body_json, label, created_at) VALUES (?, ?, ?, '', ?)`
					)
					.run(creditorId, v, JSON.stringify(defaultStrategyVersion()), now).lastInsertRowid
			);
		version(a.creditorId, 1);
		const aNewest = version(a.creditorId, 2);
		const b1 = version(b.creditorId, 1);
		const b2 = version(b.creditorId, 2);
		const arms = [
			{ versionId: b1, weight: 50 },
			{ versionId: b2, weight: 50 }
		];
		const exp = Number(
			db.$client
				.prepare(
					`INSERT INTO strategy_experiments (creditor_id, name, arms_json, started_at) VALUES (?, 'próba', ?, ?)`
				)
				.run(b.creditorId, JSON.stringify(arms), now).lastInsertRowid
		);
		const ids = [a, b, a, b, b, b, a, b].map((cr) =>
			makeClaim(db, cr, debtor, { principal: 5_000_000 })
		);
		runEngine(db, { asOf: '2026-03-02', chunk: 5 });
		const rows = db.$client
			.prepare(
				'SELECT claim_id, version_id, experiment_id, arm FROM claim_engine ORDER BY claim_id'
			)
			.all() as { claim_id: number; version_id: number; experiment_id: number; arm: number }[];
		expect(rows.map((r) => r.claim_id)).toEqual(ids);
		const inB = new Set(
			db.$client
				.prepare('SELECT id FROM claims WHERE creditor_id = ?')
				.pluck()
				.all(b.creditorId) as number[]
		);
		for (const r of rows) {
			if (inB.has(r.claim_id)) {
				const arm = armFor(exp, r.claim_id, arms);
				expect(r).toMatchObject({ experiment_id: exp, arm, version_id: arms[arm].versionId });
			} else expect(r).toMatchObject({ experiment_id: null, arm: null, version_id: aNewest });
		}
		expect(lastRun(db)).toMatchObject({ state: 'done', done: 8, errors: 0 });
	});
});

describe('the runs page (/ops/engine)', () => {
	const operator = { kind: 'operator', userId: 1 } as const;

	it('lists the runs newest first, paged, and the actions waiting by kind and first channel', () => {
		const { db, clock } = testDb('2026-03-02');
		claims(db, 3);
		catchUp(db);
		// to Easter Monday: 24 business days (Good Friday and Easter Monday are holidays), two pages
		for (let d = 0; d < 35; d++) {
			clock.advance(86_400_000);
			catchUp(db);
		}
		const first = engineOverview(db, operator);
		expect(first.total).toBe(24);
		expect([first.page, first.pages, first.runs.length]).toEqual([1, 2, RUNS_PAGE_SIZE]);
		expect(first.runs[0]).toMatchObject({ day: '2026-04-02', state: 'done', done: 3, total: 3 });
		expect(first.runs.map((r) => r.day)).toEqual(
			[...first.runs.map((r) => r.day)].sort().reverse()
		);
		const second = engineOverview(db, operator, { page: 2 });
		expect(second.runs.map((r) => r.day).at(-1)).toBe('2026-03-02');
		expect(second.runs).toHaveLength(4);
		// a page past the end shows the last one
		expect(engineOverview(db, operator, { page: 99 }).page).toBe(2);
		// the friendly reminder's steps were planned (sms first), then the firm reminder's, whose
		// call is a task; nothing has been sent, so every contact waits
		const waiting = engineOverview(db, operator).waiting;
		const planned = scalar(db, `SELECT count(*) FROM planned_actions WHERE state = 'planned'`);
		expect(waiting.reduce((n, w) => n + w.count, 0)).toBe(planned);
		expect(waiting).toContainEqual({ kind: 'contact', channel: 'call', count: 3, due: 3 });
		expect(waiting.every((w) => w.kind === 'contact' && w.due <= w.count)).toBe(true);
	});

	it('is for operators and admins only', () => {
		const { db } = testDb('2026-03-02');
		expect(() => engineOverview(db, { kind: 'creditor', userId: 1, creditorId: 1 })).toThrow(
			ForbiddenError
		);
		expect(engineOverview(db, { kind: 'admin', userId: 1 })).toMatchObject({
			runs: [],
			pages: 1,
			waiting: []
		});
	});
});

describe('npm run engine:run', () => {
	const run = (args: string[], db: string) =>
		spawnSync(process.execPath, ['--import', 'tsx', 'scripts/engine-run.ts', ...args], {
			env: { ...process.env, RENDEZ_QUIET: '1', DATABASE_URL: db },
			encoding: 'utf8'
		});

	it('runs one as-of day, backfills a range, and refuses bad options with exit code 2', () => {
		manualClock('2026-03-02');
		const file = tempDbPath('engine-cli');
		const db = freshDb(file);
		claims(db, 4);

		const one = run(['--as-of', '2026-03-09'], file);
		expect(one.status).toBe(0);
		expect(one.stdout).toContain('2026-03-09: 4 of 4 claims evaluated, 4 stage transitions');
		expect(run(['--as-of', '2026-03-09'], file).stdout).toContain('2026-03-09: already done.');

		const range = run(['--from', '2026-03-13', '--to', '2026-03-16'], file);
		expect(range.status).toBe(0);
		expect(range.stdout.trim().split('\n')).toEqual([
			expect.stringMatching(/^2026-03-13: 4 of 4 claims evaluated/),
			'2026-03-14: not a business day, nothing to do.',
			'2026-03-15: not a business day, nothing to do.',
			expect.stringMatching(/^2026-03-16: 4 of 4 claims evaluated/)
		]);
		expect(runDays(db)).toEqual(['2026-03-09 done 4', '2026-03-13 done 4', '2026-03-16 done 4']);

		for (const bad of [
			['--asof', '2026-03-09'],
			['--as-of', '9 March'],
			['--from', '2026-03-20'],
			['--from', '2026-03-20', '--to', '2026-03-19'],
			['--as-of', '2026-03-20', '--from', '2026-03-20', '--to', '2026-03-21']
		]) {
			const r = run(bad, file);
			expect(r.status, bad.join(' ')).toBe(2);
			expect(r.stderr).toContain('usage: npm run engine:run');
		}
		expect(scalar(db, 'SELECT count(*) FROM engine_runs')).toBe(3);
	}, 120_000); // eight `tsx` child processes: about 11 s alone, over 30 s on a busy two-core machine
});

describe('the jobs worker runs the engine', () => {
	afterEach(stopJobsWorker);

	it('on start, after the daily job, for today when it is a business day', async () => {
		// the worker thread keeps the real clock
		const today = localDate(Date.now());
		manualClock(today);
		const file = tempDbPath('engine-worker');
		const db = freshDb(file);
		claims(db, 5, today);
		startJobsWorker(file, { daily: true });
		const end = performance.now() + 20_000;
		const dailyDone = () =>
			scalar(db, `SELECT count(*) FROM job_runs WHERE job = 'daily' AND finished_at IS NOT NULL`);
		while (performance.now() < end) {
			if (isBusinessDay(today) ? lastRun(db)?.state === 'done' : dailyDone() === 1) break;
			await new Promise((r) => setTimeout(r, 50));
		}
		if (isBusinessDay(today)) {
			expect(runDays(db)).toEqual([`${today} done 5`]);
			expect(dailyDone()).toBe(1);
		} else {
			await new Promise((r) => setTimeout(r, 300));
			expect(runDays(db)).toEqual([]);
		}
	});
});
