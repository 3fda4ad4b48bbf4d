/**
 * The jobs worker thread (src/lib/server/jobs/runner.ts) as the server starts it: a confirmed
 * placement is placed off the calling thread, which returns at once; a placement left 'placing'
 * by a killed process is taken up when the worker starts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freshDb, manualClock, tempDbPath } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import { buildFixture } from '../helpers/reports-fixtures';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { localDate } from '../../src/lib/domain/clock';
import {
	createPlacementJob,
	getPlacementJob,
	startPlacement,
	validateJob
} from '../../src/lib/server/services/placements';
import { startJobsWorker, stopJobsWorker } from '../../src/lib/server/jobs/runner';
import type { Actor } from '../../src/lib/domain/actor';

const file = (n: number, prefix: string) =>
	new TextEncoder().encode(
		[PLACEMENT_COLUMNS.join(';')]
			.concat(
				Array.from(
					{ length: n },
					(_, i) =>
						`${prefix}-${i};person;Szál Adós ${i};1970-01-01;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;1000;0;0;0;1000;`
				)
			)
			.join('\n')
	);

async function confirmed(db: DB, actor: Actor, n: number, prefix: string) {
	const id = createPlacementJob(db, actor, {
		fileName: 'w.csv',
		portfolioName: prefix,
		bytes: file(n, prefix)
	});
	await validateJob(db, actor, id);
	startPlacement(db, actor, id);
	return id;
}

async function until(check: () => boolean, ms = 20_000) {
	const end = performance.now() + ms;
	while (!check()) {
		if (performance.now() > end) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 50));
	}
}

describe('jobs worker thread', () => {
	afterEach(stopJobsWorker);

	it('places a confirmed job off the request thread, and resumes one left placing', async () => {
		manualClock(localDate(Date.now()));
		const path = tempDbPath('worker');
		const db = freshDb(path);
		const f = buildFixture(db);
		// left 'placing' by a process that died before any worker took it
		const left = await confirmed(db, f.actorA, 300, 'LEFT');
		startJobsWorker(path, { daily: false });
		await until(() => getPlacementJob(db, f.actorA, left, false).status === 'placed');
		expect(getPlacementJob(db, f.actorA, left, false).placedRows).toBe(300);

		const id = await confirmed(db, f.actorA, 2_000, 'W');
		// startPlacement returned at once: nothing placed on this thread
		expect(getPlacementJob(db, f.actorA, id, false).status).toBe('placing');
		await until(() => getPlacementJob(db, f.actorA, id, false).status === 'placed');
		const job = getPlacementJob(db, f.actorA, id, false);
		expect([job.goodRows, job.placedRows]).toEqual([2_000, 2_000]);
		expect(
			db.$client
				.prepare('SELECT count(*) FROM claims WHERE portfolio_id = ?')
				.pluck()
				.get(job.portfolioId)
		).toBe(2_000);
	});

	it('validates an upload off the request thread: the upload returns at once, the job becomes ready', async () => {
		manualClock(localDate(Date.now()));
		const path = tempDbPath('worker-validate');
		const db = freshDb(path);
		const f = buildFixture(db);
		startJobsWorker(path, { daily: false });
		const id = createPlacementJob(db, f.actorA, {
			fileName: 'v.csv',
			portfolioName: 'V',
			bytes: file(20_000, 'V')
		});
		expect(getPlacementJob(db, f.actorA, id, false).status).toBe('validating');
		await until(() => getPlacementJob(db, f.actorA, id, false).status === 'ready');
		const job = getPlacementJob(db, f.actorA, id, false);
		expect([job.totalRows, job.goodRows, job.badRows]).toEqual([20_000, 20_000, 0]);
		expect(
			db.$client
				.prepare(`SELECT count(*) FROM audit_log WHERE action = 'placement.validate'`)
				.pluck()
				.get()
		).toBe(1);
	});
});
