/**
 * What the benchmarks that time GET /healthz of the built server share (bench:confirm,
 * bench:engine): building it when needed, starting it, and measuring its latency one request
 * after another.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/** `vite build` when build/ is missing or `force` (--build). */
export function buildIfNeeded(force: boolean): void {
	if (force || !fs.existsSync('build/index.js')) {
		console.log('building (vite build)...');
		if (spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
	}
}

/** `node build` on `port` with the demo payment gateway; `env` adds to (or overrides) ours. */
export function startBuiltServer(port: number, env: Record<string, string>): ChildProcess {
	return spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			PAYMENT_GATEWAY: 'demo',
			MESSAGES: 'off',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
}

export function latencyStats(ms: number[]): string {
	if (ms.length === 0) return 'no requests';
	const s = [...ms].sort((a, b) => a - b);
	const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
	return `p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms (${s.length} requests)`;
}

/** GET /healthz of the server on `port`, timed. */
export function healthzOf(port: number) {
	async function healthz(): Promise<number> {
		const t = performance.now();
		const r = await fetch(`http://127.0.0.1:${port}/healthz`);
		await r.arrayBuffer();
		if (!r.ok) throw new Error(`/healthz answered ${r.status}`);
		return performance.now() - t;
	}

	/** Sequential /healthz requests while `going()` says so. */
	async function measure(going: () => boolean): Promise<number[]> {
		const out: number[] = [];
		while (going()) out.push(await healthz());
		return out;
	}

	return {
		measure,

		/** Waits until the server answers (at most `timeoutMs`, asking every `everyMs`). */
		async ready(timeoutMs: number, everyMs: number): Promise<void> {
			const t = performance.now();
			for (;;) {
				try {
					await healthz();
					return;
				} catch {
					if (performance.now() - t > timeoutMs) throw new Error('the server did not start');
					await new Promise((r) => setTimeout(r, everyMs));
				}
			}
		},

		/** A second to warm up, then the latencies for `seconds` of idle. */
		async idle(seconds: number): Promise<number[]> {
			const warm = performance.now();
			await measure(() => performance.now() - warm < 1_000);
			const start = performance.now();
			return measure(() => performance.now() - start < seconds * 1_000);
		}
	};
}
