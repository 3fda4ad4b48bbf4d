/**
 * `npm run bench:confirm [-- --rows 100000] [--claims 20000] [--seconds 5] [--port 4398] [--build]`
 *
 * Does the server keep answering while a big placement is confirmed? Seeds a database (--claims
 * demo claims), uploads and validates a --rows CSV placement, starts the built server (`node
 * build`; built first when build/ is missing or with --build), measures GET /healthz latency one
 * request after another for --seconds while idle, then confirms the placement (the job goes to
 * 'placing' as the confirm button does; the server's jobs worker takes it up) and measures again
 * until the placement is done. Also measures while the worker validates a second upload. Prints p50 / p99 / max of both, in one run. Target: p99 under 50 ms
 * during the confirm.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type DB } from '../src/lib/server/db/client';
import {
	createPlacementJob,
	getPlacementJob,
	startPlacement,
	validateJob
} from '../src/lib/server/services/placements';
import { PLACEMENT_COLUMNS } from '../src/lib/domain/placement';
import type { Actor } from '../src/lib/domain/actor';
import { cliArgs, strings, wholeNumber } from './args';
import { buildIfNeeded, healthzOf, latencyStats, startBuiltServer } from './bench-server';

const usage =
	'usage: npm run bench:confirm -- [--rows N] [--claims N] [--seconds N] [--port N] [--db FILE] [--build]';
const { values } = cliArgs(usage, {
	...strings('rows', 'claims', 'seconds', 'port'),
	db: { type: 'string', default: 'data/bench-confirm.db' },
	build: { type: 'boolean', default: false }
});
const rows = wholeNumber('rows', values.rows, usage, 100_000);
const claims = wholeNumber('claims', values.claims, usage, 20_000);
const seconds = wholeNumber('seconds', values.seconds, usage, 5);
const port = wholeNumber('port', values.port, usage, 4398);
const dbPath = path.resolve(values.db);
process.env.RENDEZ_QUIET = '1';

function csv(n: number): Uint8Array {
	const lines = [PLACEMENT_COLUMNS.join(';')];
	for (let i = 0; i < n; i++)
		lines.push(
			`BENCH-${i};person;Mérő Adós ${i};19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10};;1051;Budapest;Mérés u. ${i}.;;;HUF;2025-12-01;100000;5000;0;1500;106500;bench`
		);
	return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

const { measure, ready, idle: idleLatencies } = healthzOf(port);

/** /healthz latencies while a job stays in `status` (looked at every 100 ms), and the status it moved on to. */
async function whileJob(db: DB, actor: Actor, job: number, status: string) {
	let now = status;
	const watch = setInterval(() => {
		now = getPlacementJob(db, actor, job, false).status;
	}, 100);
	const latencies = await measure(() => now === status);
	clearInterval(watch);
	return { latencies, then: now };
}

async function main() {
	buildIfNeeded(values.build);
	for (const s of ['', '-wal', '-shm']) fs.rmSync(dbPath + s, { force: true });
	fs.mkdirSync(path.dirname(dbPath), { recursive: true });
	const env = { ...process.env, DATABASE_URL: dbPath };
	console.log(`seeding ${claims} claims into ${dbPath}...`);
	const seeded = spawnSync(
		process.execPath,
		['--import', 'tsx', 'scripts/seed.ts', '--claims', String(claims), '--quiet'],
		{ stdio: 'inherit', env }
	);
	if (seeded.status !== 0) process.exit(1);

	const db = openDatabase(dbPath);
	const user = db.$client
		.prepare(`SELECT id, creditor_id FROM staff_users WHERE role = 'creditor' LIMIT 1`)
		.get() as { id: number; creditor_id: number };
	const actor: Actor = { kind: 'creditor', userId: user.id, creditorId: user.creditor_id };
	const id = createPlacementJob(db, actor, {
		fileName: 'bench.csv',
		portfolioName: 'Bench',
		bytes: csv(rows)
	});
	const job = await validateJob(db, actor, id);
	console.log(`placement job ${id}: ${job.goodRows} good rows, ${job.badRows} bad`);

	let server: ChildProcess | undefined;
	try {
		server = startBuiltServer(port, {
			DATABASE_URL: dbPath,
			RENDEZ_DAILY_TIMER: '0',
			BODY_SIZE_LIMIT: '60M'
		});
		await ready(30_000, 200);
		const idle = await idleLatencies(seconds);

		// an upload of the same size: the server's worker validates it
		const v0 = performance.now();
		const second = createPlacementJob(db, actor, {
			fileName: 'bench2.csv',
			portfolioName: 'Bench 2',
			bytes: csv(rows)
		});
		const { latencies: validating, then: checking } = await whileJob(
			db,
			actor,
			second,
			'validating'
		);
		const tookV = (performance.now() - v0) / 1000;

		// confirm: as the page's button does; the server's worker places it
		const t0 = performance.now();
		startPlacement(db, actor, id);
		const { latencies: during } = await whileJob(db, actor, id, 'placing');
		const took = (performance.now() - t0) / 1000;
		const done = getPlacementJob(db, actor, id, false);

		console.log(`\n/healthz latency, built server (node build), ${claims} claims seeded:`);
		console.log(`  idle:                               ${latencyStats(idle)}`);
		console.log(`  while validating ${rows} rows:  ${latencyStats(validating)}`);
		console.log(`  while confirming ${rows} rows:  ${latencyStats(during)}`);
		console.log(
			`validation: ${checking} in ${tookV.toFixed(1)} s (includes up to 2 s until the worker looks)`
		);
		console.log(
			`placement: ${done.status}, ${done.placedRows} claims placed in ${took.toFixed(1)} s (includes up to 2 s until the worker looks)`
		);
	} finally {
		server?.kill('SIGTERM');
		db.$client.close();
	}
}

await main();
