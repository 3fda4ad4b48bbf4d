/**
 * The jobs worker: long work (validating and placing a CSV, the daily job, the engine's daily run,
 * writing the letters of a print batch) runs in a worker thread with its own database connection,
 * in chunks of short transactions, so the request thread keeps answering. Both sides live in this one module: the server starts a
 * worker on this very file (`new URL(import.meta.url)`), which works unchanged after adapter-node
 * bundled it into build/server/chunks (the chunk that holds this code is the worker's entry) and
 * under `vite dev` / tsx (the worker then loads tsx to read TypeScript).
 *
 * On start the worker takes up whatever a previous process left unfinished (placements still
 * 'placing', a print batch still being made, today's daily run if not finished, an engine run a kill left half done, and the
 * engine's business days missed while the server was down, up to CATCH_UP_DAYS back); then it
 * waits for a message: 'wake' when a placement is uploaded or confirmed, 'daily' from the timer
 * every 15 minutes (the job_runs row makes the daily job run once a day however often it is
 * asked, and the engine_runs row the engine's run; after the daily job the worker runs the
 * engine for today); and every 2 s it looks for placements confirmed by another process. While
 * the engine runs (under a minute for a million claims) the worker does nothing else: a
 * placement confirmed meanwhile starts after it.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { localDate } from '$lib/domain/clock';
import { openDatabase, type DB } from '../db/client';
import { clock } from '../clock';
import { errorName, logEvent } from '../log';
import { dailyDoneOn, runDailyJobs } from '../services/jobs';
import { runPlacement, unfinishedPlacements } from '../services/placing';
import { runValidation, unvalidatedJobs } from '../services/placements';
import { catchUp, failUnfinished, resumeUnfinished } from '../services/engine-run';
import { runBankImport, unfinishedBankImports } from '../services/bank';
import { makeLetterBatches } from '../services/letter-writing';
import { deliverDue, fanOut } from '../services/webhooks';
import { setJobNotifier } from './queue';
import { keepWorker, type KeptWorker } from './keep-worker';

type Message = 'wake' | 'daily';
interface Data {
	rendezJobs: true;
	dbPath: string;
	daily: boolean;
}

/** How often the worker looks for placements confirmed elsewhere. */
const POLL_MS = 2_000;

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * Everything there is to do now: uploads to validate, placements, then the daily job if due and,
 * after it, the engine's run for today (and any day missed or left unfinished).
 */
export function runPendingJobs(db: DB, daily: boolean, engine = false): void {
	for (const id of unvalidatedJobs(db)) {
		try {
			runValidation(db, id);
		} catch (e) {
			logEvent('error', 'placement_validation_failed', { job: id, error: errorText(e) });
		}
	}
	for (const id of unfinishedPlacements(db)) {
		try {
			runPlacement(db, id);
		} catch (e) {
			logEvent('error', 'placement_failed', { job: id, error: errorText(e) });
		}
	}
	for (const id of unfinishedBankImports(db)) {
		try {
			runBankImport(db, id);
		} catch (e) {
			logEvent('error', 'bank_import_failed', { importId: id, error: errorName(e) });
		}
	}
	try {
		makeLetterBatches(db);
	} catch (e) {
		logEvent('error', 'letter_batch_failed', { error: errorName(e) });
	}
	if (daily && !dailyDoneOn(db, localDate(clock().now()))) {
		try {
			runDailyJobs(db);
		} catch (e) {
			logEvent('error', 'daily_job_failed', { error: errorText(e) });
		}
	}
	if (daily || engine) {
		try {
			// woken (an operator asked for a pass again): only the runs not done; the timer: catch up
			if (daily) catchUp(db);
			else resumeUnfinished(db);
		} catch (e) {
			logEvent('error', 'engine_run_failed', { error: errorName(e) });
			try {
				failUnfinished(db, errorName(e));
			} catch {
				// the database itself failed: the next catch-up resumes the run anyway
			}
		}
	}
}

function workerMain(data: Data): void {
	const db = openDatabase(data.dbPath);
	// a bigger page cache for placements (10 index entries a row into million-row tables)
	db.$client.pragma('cache_size = -262144');
	runPendingJobs(db, data.daily);
	parentPort!.on('message', (m: Message) =>
		runPendingJobs(db, data.daily && m === 'daily', m === 'wake')
	);
	// work confirmed by another process (a second server, a script) is found by looking now and then
	setInterval(() => runPendingJobs(db, false), POLL_MS);
	// creditors' webhooks: new audited changes become deliveries, and due deliveries are sent
	let sending = false;
	setInterval(() => {
		if (sending) return;
		sending = true;
		void (async () => {
			try {
				fanOut(db);
				await deliverDue(db);
			} catch (e) {
				logEvent('error', 'webhooks_failed', { error: errorName(e) });
			} finally {
				sending = false;
			}
		})();
	}, POLL_MS);
}

if (!isMainThread && (workerData as Data | null)?.rendezJobs) workerMain(workerData as Data);

let worker: KeptWorker | undefined;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Starts the worker (once per process). `daily: false` (RENDEZ_DAILY_TIMER=0) leaves the daily
 * job to `npm run jobs:daily`. A worker that dies is started again after a pause; it resumes.
 */
export function startJobsWorker(dbPath: string, opts: { daily: boolean; everyMs?: number }): void {
	if (worker) return;
	const data: Data = { rendezJobs: true, dbPath, daily: opts.daily };
	worker = keepWorker(new URL(import.meta.url), data, 'jobs', errorText);
	setJobNotifier(() => worker?.current?.postMessage('wake' satisfies Message));
	if (opts.daily) {
		timer = setInterval(
			() => worker?.current?.postMessage('daily' satisfies Message),
			opts.everyMs ?? 15 * 60_000
		);
		timer.unref();
	}
}

/** Stops the worker (tests; a server simply exits). */
export async function stopJobsWorker(): Promise<void> {
	const w = worker;
	worker = undefined;
	setJobNotifier(() => {});
	if (timer) clearInterval(timer);
	timer = undefined;
	await w?.stop();
}
