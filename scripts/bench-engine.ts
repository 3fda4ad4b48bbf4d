/**
 * `npm run bench:engine [-- --claims 1000000] [--seconds 5] [--port 4397] [--db FILE] [--build]
 *   [--mode worker|process|inline] [--reuse]`
 *
 * The engine's daily pass over a big database (issue 16, "Speed and scale"). Builds a database
 * with --claims open claims as the engine leaves them after running daily (bench-engine-fixture.ts:
 * bulk SQL, due dates spread over 200 days, so a realistic share moves a stage or reaches a step on
 * the day), then starts the built server (`node build`; built first when build/ is missing or
 * with --build), measures GET /healthz latency one request after another for --seconds while
 * idle, and again while the pass runs:
 *   --mode worker (default on a business day): in the server's own jobs worker thread, which
 *     starts the day's run at server start (the server restarted with its daily timer on);
 *   --mode process: `scripts/engine-run.ts --as-of <day>` in a separate process on the same file;
 *   --mode inline: no server, the pass in this process (for profiling with --cpu-prof).
 * Prints the pass's wall time and claims per second, and p50 / p99 / max of /healthz idle and
 * during the pass, in one run. Target: 1M claims in under 60 s on 2 cores, p99 under 50 ms.
 * --reuse keeps a copy of the built database (<db>.base) and starts from it when it was built
 * with the same number of claims on the same day.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localDate } from '../src/lib/domain/clock';
import { isBusinessDay } from '../src/lib/domain/holidays';
import { migrateDatabase, openDatabase, type DB } from '../src/lib/server/db/client';
import { runEngine } from '../src/lib/server/services/engine-run';
import { buildEngineFixture, FIXTURE_VERSION } from './bench-engine-fixture';
import { cliArgs, strings, wholeNumber } from './args';
import { buildIfNeeded, healthzOf, latencyStats, startBuiltServer } from './bench-server';

const usage =
	'usage: npm run bench:engine -- [--claims N] [--seconds N] [--port N] [--db FILE] [--build] [--mode worker|process|inline] [--reuse]';
const { values } = cliArgs(usage, {
	...strings('claims', 'seconds', 'port', 'mode'),
	db: { type: 'string', default: 'data/bench-engine.db' },
	build: { type: 'boolean', default: false },
	reuse: { type: 'boolean', default: false }
});
const claims = wholeNumber('claims', values.claims, usage, 1_000_000);
const seconds = wholeNumber('seconds', values.seconds, usage, 5);
const port = wholeNumber('port', values.port, usage, 4397);
const dbPath = path.resolve(values.db);
const today = localDate(Date.now());
const mode = values.mode ?? (isBusinessDay(today) ? 'worker' : 'process');
if (!['worker', 'process', 'inline'].includes(mode)) {
	console.error(`--mode is worker, process or inline\n${usage}`);
	process.exit(2);
}
if (mode === 'worker' && !isBusinessDay(today)) {
	console.error(
		`today (${today}) is not a business day: the worker would not run; use --mode process`
	);
	process.exit(2);
}
/** the as-of day: today in the worker (it runs today), else the last business day */
let asOf = today;
while (!isBusinessDay(asOf))
	asOf = new Date(Date.parse(asOf) - 86_400_000).toISOString().slice(0, 10);
process.env.RENDEZ_QUIET = '1';
process.env.RENDEZ_EUR_HUF_RATE ??= '400.52';

const removeDb = (f: string) => {
	for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });
};

function build(): void {
	const base = `${dbPath}.base`;
	const stamp = `${claims} ${asOf} ${FIXTURE_VERSION}`;
	removeDb(dbPath);
	fs.mkdirSync(path.dirname(dbPath), { recursive: true });
	if (values.reuse && fs.existsSync(base) && fs.readFileSync(`${base}.txt`, 'utf8') === stamp) {
		console.log(`copying the database built before (${base})...`);
		fs.copyFileSync(base, dbPath);
		return;
	}
	console.log(`building ${claims} open claims as of ${asOf} into ${dbPath}...`);
	const t0 = performance.now();
	const db = openDatabase(dbPath);
	migrateDatabase(db, path.resolve('drizzle'));
	const f = buildEngineFixture(db, claims, asOf, (s) => console.log(s));
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
	db.$client.exec('ANALYZE');
	db.$client.close();
	console.log(
		`built: ${f.claims} claims, ${f.actions} actions planned before, in ${((performance.now() - t0) / 1000).toFixed(0)} s`
	);
	if (values.reuse) {
		fs.copyFileSync(dbPath, base);
		fs.writeFileSync(`${base}.txt`, stamp);
	}
}

const { measure, ready, idle: idleLatencies } = healthzOf(port);
const startServer = (daily: boolean) =>
	startBuiltServer(port, { DATABASE_URL: dbPath, RENDEZ_DAILY_TIMER: daily ? '1' : '0' });

async function stop(server: ChildProcess | undefined): Promise<void> {
	if (!server || server.exitCode !== null) return;
	const gone = new Promise((r) => server.once('exit', r));
	server.kill('SIGTERM');
	await gone;
}

interface Run {
	state: string;
	total: number;
	done: number;
	transitions: number;
	actions_planned: number;
	errors: number;
	started_at: number;
	finished_at: number | null;
}
const runOf = (db: DB) =>
	db.$client.prepare('SELECT * FROM engine_runs WHERE day = ?').get(asOf) as Run | undefined;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuOf(pid: number | undefined): number | null {
	try {
		const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return null;
	}
}

function report(run: Run | undefined, wall: number, cpu: number | null) {
	if (!run || run.state !== 'done') {
		console.log(`the run did not finish: ${JSON.stringify(run)}`);
		process.exitCode = 1;
		return;
	}
	const secs = (run.finished_at! - run.started_at) / 1000;
	console.log(
		`daily pass as of ${asOf} (${mode}): ${run.done} of ${run.total} claims in ${secs.toFixed(1)} s ` +
			`= ${Math.round(run.done / secs)} claims/s (${wall.toFixed(1)} s wall from start to done); ` +
			`${run.transitions} stage transitions, ${run.actions_planned} actions planned, ${run.errors} errors`
	);
	if (cpu !== null)
		console.log(
			`  CPU time of the process running the pass: ${cpu.toFixed(1)} s (the machine's load average at the end: ${os.loadavg()[0].toFixed(1)})`
		);
}

async function main() {
	build();
	if (mode === 'inline') {
		const db = openDatabase(dbPath);
		db.$client.pragma('cache_size = -262144');
		const t0 = performance.now();
		const c0 = process.cpuUsage();
		runEngine(db, { asOf });
		const c = process.cpuUsage(c0);
		report(runOf(db), (performance.now() - t0) / 1000, (c.user + c.system) / 1e6);
		db.$client.close();
		return;
	}
	buildIfNeeded(values.build);
	const db = openDatabase(dbPath);
	let server: ChildProcess | undefined;
	try {
		server = startServer(false);
		await ready(60_000, 100);
		const idle = await idleLatencies(seconds);

		let running = true;
		let t0 = performance.now();
		let child: ChildProcess | undefined;
		let cpu0: number | null = null;
		if (mode === 'worker') {
			// the same server started again with its daily timer on: its jobs worker runs the day
			await stop(server);
			server = startServer(true);
			cpu0 = cpuOf(server.pid);
			await ready(60_000, 100);
			t0 = performance.now();
		} else {
			child = spawn(
				process.execPath,
				['--import', 'tsx', 'scripts/engine-run.ts', '--as-of', asOf],
				{ env: { ...process.env, DATABASE_URL: dbPath }, stdio: ['ignore', 'inherit', 'inherit'] }
			);
			child.on('exit', () => (running = false));
			cpu0 = cpuOf(child.pid);
		}
		const watch = setInterval(() => {
			const r = runOf(db);
			if (r?.state === 'done' || r?.state === 'failed') running = false;
		}, 100);
		let cpu1: number | null = null;
		const during = await measure(() => {
			if (running) cpu1 = cpuOf(mode === 'worker' ? server?.pid : child?.pid) ?? cpu1;
			return running;
		});
		clearInterval(watch);
		const wall = (performance.now() - t0) / 1000;
		if (child && child.exitCode === null) await new Promise((r) => child.once('exit', r));

		console.log(`\n/healthz latency, built server (node build), ${claims} open claims:`);
		console.log(`  idle:             ${latencyStats(idle)}`);
		console.log(`  during the pass:  ${latencyStats(during)}`);
		report(runOf(db), wall, cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null);
	} finally {
		await stop(server);
		db.$client.close();
	}
}

await main();
