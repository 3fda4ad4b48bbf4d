/**
 * The dispatcher's worker thread (issue 17, item 4): sends messages off the request thread, with
 * its own database connection, the way the jobs worker (runner.ts) runs long work. The server
 * starts it unless RENDEZ_DISPATCHER=0 (then `npm run messages:send` from cron does the same once).
 *
 * On start it marks the messages a dead dispatcher left 'sending' past their lease as 'unknown'
 * (never sent again by itself); then every few seconds it turns due work into messages and sends
 * what is due. Several processes may run it on one database at once (each message is claimed in
 * its own write transaction).
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client';
import { errorName, logEvent } from '../log';
import { keepWorker, type KeptWorker } from './keep-worker';
import { channelsFromEnv, publicOrigin } from '../channels';
import { dispatchOnce, expireLeases, settleSilentSms } from '../services/dispatcher';

interface Data {
	rendezDispatcher: true;
	dbPath: string;
	everyMs: number;
}

function workerMain(data: Data): void {
	const db = openDatabase(data.dbPath);
	const channels = channelsFromEnv();
	if (!Object.keys(channels).length) {
		logEvent('info', 'dispatcher_idle', { reason: 'no_channel_configured' });
		return;
	}
	const origin = publicOrigin();
	try {
		const n = expireLeases(db);
		if (n) logEvent('warn', 'dispatcher_unknown_after_restart', { messages: n });
	} catch (e) {
		logEvent('error', 'dispatcher_failed', { error: errorName(e) });
	}
	let busy = false;
	const pass = async () => {
		if (busy) return;
		busy = true;
		try {
			settleSilentSms(db);
			const r = await dispatchOnce(db, { channels, origin });
			if (r.sent || r.failed || r.created) logEvent('info', 'dispatcher_pass', { ...r });
		} catch (e) {
			logEvent('error', 'dispatcher_failed', { error: errorName(e) });
		} finally {
			busy = false;
		}
	};
	void pass();
	setInterval(() => void pass(), data.everyMs);
}

if (!isMainThread && (workerData as Data | null)?.rendezDispatcher) workerMain(workerData as Data);

let worker: KeptWorker | undefined;

/** Starts the dispatcher's worker (once per process); a worker that dies is started again. */
export function startDispatcher(dbPath: string, opts: { everyMs?: number } = {}): void {
	if (worker) return;
	const data: Data = { rendezDispatcher: true, dbPath, everyMs: opts.everyMs ?? 5_000 };
	worker = keepWorker(new URL(import.meta.url), data, 'dispatcher', errorName);
}

/** Stops the worker (tests; a server simply exits). */
export async function stopDispatcher(): Promise<void> {
	const w = worker;
	worker = undefined;
	await w?.stop();
}
