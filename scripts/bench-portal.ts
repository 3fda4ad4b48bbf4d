/**
 * Debtor portal speed (issue 4).
 *
 *   npm run build && npm run bench:portal                 # ./data/bench-portal.db, seeded once with 1 000 000 claims
 *   npm run bench:portal -- --db data/x.db --claims 200000 --seconds 10 --slices 5 --concurrency 10
 *
 * Seeds (once) a database with the seed script, starts the built server (`node build`) on a
 * loopback port, signs the demo debtor in through her link like a browser would, then drives a
 * keep-alive load loop (N concurrent requests for S seconds per route, after a warm-up, the two
 * routes taking turns in short slices so that both see the same machine) against
 *   1. a bare SvelteKit page (/genuine: no database, same hooks and layout), and
 *   2. the claim detail page (/my/claims/<id>: session, ledger statement, payments, documents),
 * and prints requests/s, p50, p95 and the server's CPU time per request for both, the ratio (over
 * the whole run, and per slice pair to show the spread), and the gzipped JavaScript each debtor
 * page loads (from build/client). Targets: ratio >= 0.6, p95 < 25 ms, JS < 60 KB gzipped.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from '../src/lib/server/db/sqlite';
import { demoAccounts } from '../src/lib/server/db/seed/demo-accounts';
import { cliArgs, strings } from './args';

const { values: given } = cliArgs(
	`usage: npm run bench:portal -- [--db X] [--claims X] [--seconds X] [--slices X] [--concurrency X] [--port X] [--profile X] [--only X]`,
	strings('db', 'claims', 'seconds', 'slices', 'concurrency', 'port', 'profile', 'only')
);
const opt = (name: keyof typeof given, dflt: string) => given[name] || dflt;
const dbPath = path.resolve(opt('db', 'data/bench-portal.db'));
const claimsWanted = Number(opt('claims', '1000000'));
const seconds = Number(opt('seconds', '10'));
/** each route's seconds are split into this many slices, taken in turns with the other route's */
const slices = Math.max(1, Number(opt('slices', '5')));
const concurrency = Number(opt('concurrency', '10'));
const port = Number(opt('port', '4399'));
const SEED = 1;
/** --profile DIR: the server writes a V8 CPU profile there when it stops */
const profileDir = opt('profile', '');
/** --only detail|bare: measure one side only (with --profile, to see where the claim page spends its time) */
const only = opt('only', '');

function claimCount(): number {
	if (!fs.existsSync(dbPath)) return 0;
	const db = new Database(dbPath, { readonly: true });
	try {
		return (db.prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n;
	} catch {
		return 0;
	} finally {
		db.close();
	}
}

if (!fs.existsSync('build/index.js')) {
	console.error('No build/ found: run `npm run build` first.');
	process.exit(1);
}

let have = claimCount();
if (have < claimsWanted) {
	console.log(
		`Seeding ${dbPath} with ${claimsWanted.toLocaleString('en')} claims (once; later runs reuse it) ...`
	);
	const t0 = Date.now();
	execFileSync(
		'npx',
		[
			'tsx',
			'scripts/seed.ts',
			'--seed',
			String(SEED),
			'--claims',
			String(claimsWanted),
			'--reset',
			'--quiet'
		],
		{
			stdio: 'inherit',
			env: { ...process.env, DATABASE_URL: dbPath }
		}
	);
	have = claimCount();
	console.log(`  seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const anna = demoAccounts(SEED).debtors.anna;
const claimId = (() => {
	const db = new Database(dbPath, { readonly: true });
	const r = db
		.prepare(
			'SELECT c.id FROM claims c JOIN debtors d ON d.id = c.debtor_id WHERE d.name = ? ORDER BY c.id LIMIT 1'
		)
		.get(anna.name) as { id: number } | undefined;
	db.close();
	if (!r) throw new Error('the demo debtor has no claim in this database');
	return r.id;
})();

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function request(
	method: string,
	p: string,
	headers: Record<string, string> = {},
	body?: string
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port, path: p, method, agent, headers },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString()
					})
				);
			}
		);
		req.on('error', reject);
		if (body) req.write(body);
		req.end();
	});
}

async function waitUp(): Promise<void> {
	for (let i = 0; i < 200; i++) {
		try {
			if ((await request('GET', '/healthz')).status === 200) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('server did not start');
}

async function signIn(): Promise<string> {
	const origin = `http://127.0.0.1:${port}`;
	// the link hands its token to a cookie, then the question is answered at /p
	const opened = await request('GET', anna.path, {});
	const linkCookie = (opened.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
	const res = await request(
		'POST',
		'/p?/answer',
		{
			'content-type': 'application/x-www-form-urlencoded',
			origin,
			accept: 'text/html',
			cookie: linkCookie
		},
		new URLSearchParams({ answer: anna.answer }).toString()
	);
	const set = res.headers['set-cookie'] ?? [];
	const cookies = set
		.map((c) => c.split(';')[0])
		.filter((c) => !c.endsWith('=') && c.startsWith('rendez_session='));
	if (res.status !== 303 || cookies.length === 0) throw new Error(`sign-in failed (${res.status})`);
	return cookies.join('; ');
}

interface Result {
	name: string;
	requests: number;
	/** server CPU (user + system) per request, from /proc: steadier than req/s on a busy machine */
	cpuUs: number;
	rps: number;
	p50: number;
	p95: number;
	errors: number;
}

/** The server process's CPU time so far, in microseconds (Linux /proc; NaN elsewhere). */
function serverCpuUs(): number {
	try {
		const stat = fs.readFileSync(`/proc/${server?.pid}/stat`, 'utf8');
		const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(f[11]) + Number(f[12])) * 1e6) / 100; // utime + stime in clock ticks (USER_HZ = 100)
	} catch {
		return NaN;
	}
}

/** One stretch of load: every latency, the wall time, the server's CPU time, the errors. */
interface Slice {
	lat: number[];
	seconds: number;
	cpuUs: number;
	errors: number;
}

async function slice(
	p: string,
	headers: Record<string, string>,
	durationS: number
): Promise<Slice> {
	const lat: number[] = [];
	let errors = 0;
	const cpu0 = serverCpuUs();
	const t0 = performance.now();
	const end = t0 + durationS * 1000;
	const worker = async () => {
		while (performance.now() < end) {
			const s = performance.now();
			try {
				const r = await request('GET', p, headers);
				if (r.status !== 200) errors++;
			} catch {
				errors++;
			}
			lat.push(performance.now() - s);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { lat, seconds: (performance.now() - t0) / 1000, cpuUs: serverCpuUs() - cpu0, errors };
}

function summary(name: string, slices: Slice[]): Result {
	const lat = slices.flatMap((s) => s.lat).sort((a, b) => a - b);
	const seconds = slices.reduce((a, s) => a + s.seconds, 0);
	const q = (f: number) => lat[Math.min(lat.length - 1, Math.floor(f * lat.length))] ?? NaN;
	return {
		name,
		requests: lat.length,
		cpuUs: slices.reduce((a, s) => a + s.cpuUs, 0) / lat.length,
		rps: lat.length / seconds,
		p50: q(0.5),
		p95: q(0.95),
		errors: slices.reduce((a, s) => a + s.errors, 0)
	};
}

const rate = (s: Slice) => s.lat.length / s.seconds;

/** A staff dictionary chunk: it holds the staff areas' texts (i18n/hu/staff.ts). */
const STAFF_TEXTS = /"(admin|ops|creditor)\./;

/**
 * The JavaScript a page makes the browser load, gzipped (level 9), from build/client: the two
 * entry files the HTML imports, the route's nodes (`node_ids`), and every file they import
 * statically, followed recursively (dynamic imports of other routes are not loaded).
 */
async function pageJs(p: string, cookie: string): Promise<{ files: number; gzipBytes: number }> {
	const html = (await request('GET', p, { cookie })).body;
	const root = path.resolve('build/client');
	const queue: string[] = [];
	for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g))
		queue.push(path.join(root, m[1].replace(/^(\.\.?\/)+/, '')));
	const ids =
		/node_ids:\s*\[([\d,\s]+)\]/
			.exec(html)?.[1]
			.split(',')
			.map((x) => x.trim()) ?? [];
	const nodesDir = path.join(root, '_app/immutable/nodes');
	for (const id of ids) {
		const f = fs.readdirSync(nodesDir).find((n) => n.startsWith(`${id}.`) && n.endsWith('.js'));
		if (f) queue.push(path.join(nodesDir, f));
	}
	const seen = new Set<string>();
	let gz = 0;
	// the root layout imports one dictionary on demand (`import(`...`)`): count the largest such
	// chunk once, since exactly one is loaded
	let lazy = 0;
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file) || !fs.existsSync(file)) continue;
		seen.add(file);
		const src = fs.readFileSync(file);
		gz += zlib.gzipSync(src, { level: 9 }).length;
		for (const m of src.toString().matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g))
			queue.push(path.resolve(path.dirname(file), m[1]));
		// (not in the entry, which lists every route's node as a lazy import; where several
		// dictionaries could load, the largest is counted, so the figure errs on the high side)
		if (path.basename(path.dirname(file)) !== 'entry')
			for (const m of src.toString().matchAll(/import\(`(\.{1,2}\/[^`]+\.js)`\)/g)) {
				const f = path.resolve(path.dirname(file), m[1]);
				if (!fs.existsSync(f)) continue;
				const dict = fs.readFileSync(f);
				// the staff texts load only in /admin, /ops and /creditor (messages.ts
				// withStaffMessages), never on a debtor page: not counted here
				if (STAFF_TEXTS.test(dict.toString())) continue;
				lazy = Math.max(lazy, zlib.gzipSync(dict, { level: 9 }).length);
			}
	}
	return { files: seen.size + (lazy ? 1 : 0), gzipBytes: gz + lazy };
}

let server: ChildProcess | undefined;
const stop = () => server?.kill('SIGTERM');
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));

async function main() {
	console.log(
		`Database: ${dbPath} (${have.toLocaleString('en')} claims); claim ${claimId}; ${concurrency} concurrent, ${seconds} s each`
	);
	server = spawn(
		process.execPath,
		[...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'build'],
		{
			stdio: ['ignore', 'ignore', 'inherit'],
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${port}`,
				DATABASE_URL: dbPath,
				PAYMENT_GATEWAY: 'demo',
				MESSAGES: 'off',
				RENDEZ_DAILY_TIMER: '0', // no daily run: a fresh database's engine catch-up takes a core
				RENDEZ_QUIET: '1',
				NODE_ENV: 'production'
			}
		}
	);
	await waitUp();
	const cookie = await signIn();
	const detail = `/my/claims/${claimId}`;
	const check = await request('GET', detail, { cookie });
	if (check.status !== 200 || !check.body.includes('balance-total'))
		throw new Error(`claim page answered ${check.status}`);

	// warm-up (JIT, SQLite page cache); then the two routes take turns in short slices, so a
	// slow spell of a shared machine falls on both rather than on whichever ran at the time
	if (only !== 'detail') await slice('/genuine', {}, 2);
	if (only !== 'bare') await slice(detail, { cookie }, 2);
	const bareName = 'bare SvelteKit page (/genuine)';
	const pageName = `claim detail (${detail})`;
	if (only) {
		const r =
			only === 'bare'
				? summary(bareName, [await slice('/genuine', {}, seconds)])
				: summary(pageName, [await slice(detail, { cookie }, seconds)]);
		console.log(
			`${r.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, server CPU ${r.cpuUs.toFixed(0)} µs/request`
		);
		agent.destroy();
		const exited = new Promise((res) => server!.once('exit', res));
		stop();
		await exited;
		return;
	}
	const bareSlices: Slice[] = [];
	const pageSlices: Slice[] = [];
	for (let i = 0; i < slices; i++) {
		bareSlices.push(await slice('/genuine', {}, seconds / slices));
		pageSlices.push(await slice(detail, { cookie }, seconds / slices));
	}
	const bare = summary(bareName, bareSlices);
	const page = summary(pageName, pageSlices);

	const row = (r: Result) =>
		`${r.name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   CPU ${r.cpuUs.toFixed(0).padStart(5)} µs/req   ${r.requests} requests, ${r.errors} errors`;
	console.log('');
	console.log(row(bare));
	console.log(row(page));
	const ratio = page.rps / bare.rps;
	const pairs = pageSlices.map((p, i) => rate(p) / rate(bareSlices[i])).sort((a, b) => a - b);
	console.log(
		`ratio per slice pair (${slices} pairs of ${(seconds / slices).toFixed(1)} s): min ${pairs[0].toFixed(2)}, median ${pairs[pairs.length >> 1].toFixed(2)}, max ${pairs[pairs.length - 1].toFixed(2)}`
	);
	console.log(
		`server CPU per request: claim page ${(page.cpuUs / bare.cpuUs).toFixed(2)}x the bare route`
	);
	console.log(
		`ratio ${ratio.toFixed(2)} (target >= 0.60: ${ratio >= 0.6 ? 'met' : 'NOT met'}); claim page p95 ${page.p95.toFixed(1)} ms (target < 25 ms: ${page.p95 < 25 ? 'met' : 'NOT met'})`
	);

	console.log('\nJavaScript per debtor page (gzip -9, from build/client):');
	for (const p of [
		'/my',
		detail,
		`${detail}/pay`,
		`${detail}/promise`,
		`${detail}/dispute`,
		`${detail}/plan`,
		'/my/preferences'
	]) {
		const js = await pageJs(p, cookie);
		console.log(
			`  ${p.padEnd(28)} ${(js.gzipBytes / 1024).toFixed(1).padStart(6)} KB in ${js.files} files (target < 60 KB: ${js.gzipBytes < 60 * 1024 ? 'met' : 'NOT met'})`
		);
	}
	agent.destroy();
	if (server) {
		const exited = new Promise((r) => server!.once('exit', r));
		stop();
		await exited;
	}
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	stop();
	process.exit(1);
});
