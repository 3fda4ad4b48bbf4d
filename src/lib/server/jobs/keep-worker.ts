/**
 * A worker thread on a module's own file, started again after a pause whenever it dies: the jobs
 * worker (runner.ts) and the dispatcher (dispatch-runner.ts). The module passes
 * `new URL(import.meta.url)`, which works unchanged after adapter-node bundled it into
 * build/server/chunks (the chunk that holds the module's code is the worker's entry) and under
 * `vite dev` / tsx (the worker then loads tsx to read TypeScript).
 */
import { Worker } from 'node:worker_threads';
import { logEvent } from '../log';

export interface KeptWorker {
	/** the worker running now */
	readonly current: Worker | undefined;
	/** Stops it for good (tests; a server simply exits). */
	stop(): Promise<void>;
}

/**
 * Starts the worker on `url` with `workerData`. Its log events are `<name>_worker_error` (the
 * error as `describe` words it) and `<name>_worker_exit`.
 */
export function keepWorker(
	url: URL,
	workerData: unknown,
	name: string,
	describe: (e: unknown) => string
): KeptWorker {
	let current: Worker | undefined;
	const start = () => {
		// TypeScript source (vite dev, tests, tsx): the worker registers tsx first, then loads it
		// (`--import tsx` in a worker's execArgv does not reach its ESM loader on Node 20)
		const w = url.pathname.endsWith('.ts')
			? new Worker(
					`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`,
					{ eval: true, workerData }
				)
			: new Worker(url, { workerData });
		w.on('error', (e) => logEvent('error', `${name}_worker_error`, { error: describe(e) }));
		w.on('exit', (code) => {
			if (current !== w) return;
			logEvent('warn', `${name}_worker_exit`, { code });
			setTimeout(start, 5_000).unref();
		});
		w.unref();
		current = w;
	};
	start();
	return {
		get current() {
			return current;
		},
		async stop() {
			const w = current;
			current = undefined;
			await w?.terminate();
		}
	};
}
