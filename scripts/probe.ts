/**
 * An outside probe of a running Rendez server (issue 15, "Done means"): signs in as every role
 * and as a debtor through a link, then
 *
 *  - fuzzes every page's query string, every form action's body and every path parameter, found
 *    from the route files under src/routes; counts the answers by status and prints every 5xx;
 *  - sweeps every creditor page, export and chart as each creditor user for another creditor's
 *    claim references, debtor names, portfolio names and creditor names (read from the database);
 *  - sends 20 parallel "pay in full" on one claim (one checkout must come of it) and, last,
 *    40 parallel wrong passwords then the right one (the lock must hold).
 *
 * Exit code 1 on any 5xx, leak or broken lock. Run it against a freshly seeded demo database (the
 * actions change data, and the lockout check locks a demo account and the probe's address):
 *
 *   npx tsx scripts/probe.ts --base http://localhost:4209 --db ./data/probe.db
 *
 * Demo credentials only: never point it at a production server.
 */
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import Database from 'better-sqlite3';
import { generateHOTP } from '@oslojs/otp';
import { demoAccounts, E2E_SEED, type DemoStaff } from '../src/lib/server/db/seed/demo-accounts';
import { CHARTS } from '../src/lib/domain/report-tables';
import { PLACEMENT_COLUMNS, isValidHuTaxNumber } from '../src/lib/domain/placement';
import { cliArgs, strings, wholeNumber } from './args';

const USAGE =
	'usage: npx tsx scripts/probe.ts [--base http://localhost:4209] [--db ./data/probe.db] [--seed 7] [--concurrency 8] [--skip-lockout]';
const { values: opts } = cliArgs(USAGE, {
	...strings('base', 'db', 'seed', 'concurrency'),
	'skip-lockout': { type: 'boolean' }
});
const BASE = (opts.base ?? 'http://localhost:4209').replace(/\/$/, '');
const DB_FILE = opts.db ?? process.env.DATABASE_URL ?? './data/probe.db';
const SEED = wholeNumber('seed', opts.seed, USAGE, E2E_SEED);
const CONCURRENCY = wholeNumber('concurrency', opts.concurrency, USAGE, 8);
const demo = demoAccounts(SEED);
const ROUTES = path.resolve(import.meta.dirname, '../src/routes');

// ---------------------------------------------------------------- HTTP with a cookie jar per role

interface Reply {
	status: number;
	location: string | null;
	body: string;
}

class Session {
	cookies = new Map<string, string>();
	constructor(readonly name: string) {}

	async send(
		method: string,
		url: string,
		body?: BodyInit,
		headers: Record<string, string> = {}
	): Promise<Reply> {
		const h: Record<string, string> = { origin: BASE, accept: 'text/html', ...headers };
		if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		let r: Response | undefined;
		for (let attempt = 0; !r; attempt++) {
			try {
				r = await fetch(BASE + url, { method, body, headers: h, redirect: 'manual' });
			} catch (e) {
				// a kept-alive socket the server has just closed: tried once more on a new one (as
				// browsers do); a second failure is counted as status 0 and printed with the 5xx
				const cause = (e as { cause?: { code?: string } }).cause?.code ?? String(e);
				if (attempt === 0) {
					retried.push(`${method} ${url.slice(0, 120)} (${cause})`);
					continue;
				}
				return { status: 0, location: null, body: `connection failed: ${cause}` };
			}
		}
		for (const c of r.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const i = pair.indexOf('=');
			const k = pair.slice(0, i);
			const v = pair.slice(i + 1);
			if (v === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(k);
			else this.cookies.set(k, v);
		}
		return { status: r.status, location: r.headers.get('location'), body: await r.text() };
	}

	form(url: string, fields: Record<string, string>) {
		return this.send('POST', url, new URLSearchParams(fields).toString(), {
			'content-type': 'application/x-www-form-urlencoded'
		});
	}
}

// ---------------------------------------------------------------- counting

const counts = new Map<number, number>();
const fivexx: string[] = [];
const problems: string[] = [];
let total = 0;
const retried: string[] = [];
/**
 * Connections dropped twice: the server answers a request it refuses early (404, 405, 403)
 * without reading a large body and closes the socket, so a client still sending sees a reset.
 * Node's behaviour, not a server error: printed, not failed.
 */
const dropped: string[] = [];

function record(method: string, url: string, r: Reply, what = '') {
	total++;
	counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
	// the Stripe webhook without a configured secret answers 503 by design (issue 15 item 4)
	const expected = r.status === 503 && url === '/api/webhooks/stripe';
	if (r.status === 0) dropped.push(`${method} ${url.slice(0, 200)} ${what} :: ${r.body}`);
	else if (r.status >= 500 && !expected) {
		const excerpt = r.body
			.replace(/<[^>]*>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim()
			.slice(0, 160);
		fivexx.push(`${r.status} ${method} ${url.slice(0, 200)} ${what} :: ${excerpt}`);
	}
}

async function pool<T>(items: T[], work: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < items.length) await work(items[next++]);
		})
	);
}

// ---------------------------------------------------------------- sign-ins

const step = () => BigInt(Math.floor(Date.now() / 30_000));

async function staff(who: DemoStaff): Promise<Session> {
	const s = new Session(who.creditor ?? who.role);
	const r = await s.form('/login?/login', { email: who.email, password: who.password });
	if (r.status !== 303) throw new Error(`sign-in of ${who.email}: ${r.status}`);
	if (who.role !== 'admin') return s;
	for (let attempt = 0; attempt < 3; attempt++) {
		for (const d of [0n, 1n]) {
			const code = generateHOTP(demo.adminTotpKey, step() + d, 6);
			const v = await s.form('/login/totp?/verify', { code });
			if (v.status === 303) return s;
		}
		await new Promise((ok) => setTimeout(ok, 30_200 - (Date.now() % 30_000)));
	}
	throw new Error('admin second factor refused');
}

async function debtor(key: keyof typeof demo.debtors): Promise<Session> {
	const d = demo.debtors[key];
	const s = new Session(`debtor:${key}`);
	const open = await s.send('GET', d.path);
	if (open.location !== '/p') throw new Error(`link of ${key}: ${open.status}`);
	const r = await s.form('/p?/answer', { answer: d.answer });
	if (r.status !== 303) throw new Error(`answer of ${key}: ${r.status}`);
	return s;
}

// ---------------------------------------------------------------- routes from the filesystem

interface Route {
	/** e.g. /creditor/claims/[id=id] */
	pattern: string;
	dir: string;
	page: boolean;
	endpoint: boolean;
	actions: string[];
	fields: string[];
	query: string[];
}

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? [p, ...walk(p)] : [];
	});
}

const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');

/** The keys of `export const actions = { ... }` (one tab in, up to the closing `};`). */
function actionNames(src: string): string[] {
	const start = src.indexOf('export const actions');
	if (start < 0) return [];
	const block = src.slice(start, src.indexOf('\n};', start));
	return [...block.matchAll(/^\t(?:async\s+)?(\w+)\s*[:(]/gm)].map((m) => m[1]);
}

function routes(): Route[] {
	const out: Route[] = [];
	for (const dir of [ROUTES, ...walk(ROUTES)]) {
		const files = fs.readdirSync(dir);
		const page = files.includes('+page.svelte');
		const endpoint = files.includes('+server.ts');
		if (!page && !endpoint) continue;
		const server = read(path.join(dir, '+page.server.ts'));
		// the folder's .ts and .svelte files and the local modules they import (shared filters,
		// form components in a parent folder)
		const modules = files.filter((f) => /\.(ts|svelte)$/.test(f)).map((f) => path.join(dir, f));
		for (const f of modules)
			for (const m of read(f).matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
				const dep = path.resolve(path.dirname(f), m[1]);
				const file = dep.endsWith('.svelte') ? dep : dep.replace(/(\.ts)?$/, '.ts');
				if (!modules.includes(file)) modules.push(file);
			}
		const local = modules.map(read).join('\n');
		const fields = new Set<string>();
		for (const m of local.matchAll(/\bname="([\w[\]]+)"/g)) fields.add(m[1]);
		for (const m of local.matchAll(/(?:text|file|get|getAll)\(\s*form,\s*'(\w+)'/g))
			fields.add(m[1]);
		for (const m of local.matchAll(/form(?:Data)?\.get(?:All)?\('(\w+)'\)/g)) fields.add(m[1]);
		const query = new Set(['lang']);
		for (const m of modules
			.filter((f) => f.endsWith('.ts'))
			.map(read)
			.join('\n')
			.matchAll(/\b(?:get|getAll|has|q)\('(\w+)'\)/g))
			query.add(m[1]);
		const pattern = '/' + path.relative(ROUTES, dir).split(path.sep).join('/');
		out.push({
			pattern: pattern === '/' ? '/' : pattern,
			dir,
			page,
			endpoint,
			actions: actionNames(server),
			fields: [...fields],
			query: [...query]
		});
	}
	return out;
}

// ---------------------------------------------------------------- fuzz values

const HUGE = 'x'.repeat(200_000);
const PROTO = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const VALUES = [
	'',
	...PROTO,
	'x'.repeat(5_000),
	'árvíztűrő 🙂 \u202e\u0000',
	'-1',
	'0',
	'0x10',
	'1e3',
	'1.5',
	'1,5',
	'99999999999999999999',
	'NaN',
	'Infinity',
	"' OR 1=1 --",
	'<script>x</script>',
	'../../etc/passwd',
	'%',
	'2026-02-30'
];
const BAD_IDS = ['0', '-1', '1e3', '0x10', '99999999999999999999', '999999', 'ü', '%00', '1.5'];

function queries(keys: string[], full: boolean): string[] {
	const out: string[] = [''];
	const values = full ? VALUES : ['', 'constructor', '__proto__', '-1', '0x10', 'x'.repeat(5_000)];
	for (const k of keys)
		for (const v of values) out.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
	for (const k of keys) out.push(`${k}=1&${k}=2&${k}=constructor`, `${k}`, `${k}[]=1`);
	for (const p of PROTO) out.push(`${p}=1`);
	out.push('%E0%A4%A=1', 'page=-1&sort=__proto__&dir=constructor');
	return out;
}

interface Body {
	what: string;
	body: BodyInit | undefined;
	headers: Record<string, string>;
}

const urlenc = (what: string, s: string): Body => ({
	what,
	body: s,
	headers: { 'content-type': 'application/x-www-form-urlencoded' }
});

function bodies(fields: string[]): Body[] {
	const out: Body[] = [
		urlenc('empty', ''),
		{ what: 'no body', body: undefined, headers: {} },
		urlenc('broken percent', 'a=%E0%A4%A&b=%'),
		{
			what: 'malformed multipart',
			body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--zz',
			headers: { 'content-type': 'multipart/form-data; boundary=zz' }
		},
		{
			what: 'multipart without boundary',
			body: 'garbage',
			headers: { 'content-type': 'multipart/form-data' }
		},
		{
			what: 'json',
			body: JSON.stringify(Object.fromEntries(fields.map((f) => [f, { $gt: 1 }]))),
			headers: { 'content-type': 'application/json' }
		},
		{ what: 'text/plain', body: 'a=b', headers: { 'content-type': 'text/plain' } },
		urlenc('huge', fields.map((f) => `${f}=${HUGE}`).join('&') || `x=${HUGE}`)
	];
	for (const v of VALUES)
		out.push(
			urlenc(
				`all=${v.slice(0, 20)}`,
				fields.map((f) => `${encodeURIComponent(f)}=${encodeURIComponent(v)}`).join('&')
			)
		);
	for (const f of fields) {
		out.push(urlenc(`${f} repeated`, `${f}=1&${f}=constructor&${f}=`));
		out.push(urlenc(`only ${f}=__proto__`, `${f}=__proto__`));
		const fd = new FormData();
		fd.append(f, new Blob(['%PDF-1.4 not really'], { type: 'application/pdf' }), 'x.pdf');
		out.push({ what: `${f} as a file`, body: fd, headers: {} });
	}
	for (const p of PROTO) out.push(urlenc(`key ${p}`, `${p}=1&${p}[x]=2`));
	return out;
}

// ---------------------------------------------------------------- the database (read only)

const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
const all = <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[];

/** Real ids a role may open, per route pattern, so pages behind [id=id] are reached too. */
function realIds(pattern: string, who: Session): string[] {
	const creditor = all<{ id: number }>(
		'select creditor_id as id from staff_users where email = ?',
		Object.values(demo.creditorUsers).find((u) => u.creditor === who.name)?.email ?? ''
	)[0]?.id;
	const debtorName = who.name.startsWith('debtor:')
		? demo.debtors[who.name.slice(7) as keyof typeof demo.debtors].name
		: null;
	const ids = (sql: string, ...p: unknown[]) =>
		all<{ id: number }>(sql, ...p).map((r) => String(r.id));
	if (pattern.startsWith('/creditor/claims/'))
		return ids('select id from claims where creditor_id = ? order by id limit 3', creditor ?? 0);
	if (pattern.startsWith('/creditor/placements/'))
		return ids('select id from placement_jobs where creditor_id = ? limit 3', creditor ?? 0);
	if (pattern.startsWith('/my/claims/'))
		return ids(
			'select c.id from claims c join debtors d on d.id = c.debtor_id where d.name = ?',
			debtorName ?? ''
		);
	if (pattern.startsWith('/my/payments/') || pattern.startsWith('/pay/demo/'))
		return ids(
			'select p.id from payments p join debtors d on d.id = p.debtor_id where d.name = ? limit 3',
			debtorName ?? ''
		);
	if (pattern.startsWith('/admin/users/'))
		return ids("select id from staff_users where role = 'creditor' limit 2");
	if (pattern.startsWith('/admin/creditors/')) return ids('select id from creditors limit 2');
	if (pattern.startsWith('/ops/plans/')) return ids('select id from plans limit 3');
	if (pattern.startsWith('/ops/disputes/')) return ids('select id from disputes limit 3');
	return ['1'];
}

function fill(pattern: string, value: (param: string) => string): string {
	return pattern.replace(/\[([^\]]+)\]/g, (_, p: string) => value(p));
}

// ---------------------------------------------------------------- the runs

/** Which signed-in sessions a route is meant for (the others are tried once, for their 3xx/4xx). */
function audience(pattern: string, s: Record<string, Session>): Session[] {
	if (pattern.startsWith('/admin')) return [s.admin];
	if (pattern.startsWith('/ops')) return [s.operator];
	if (pattern.startsWith('/creditor/rules')) return [s.duna, s.admin];
	if (pattern.startsWith('/creditor')) return [s.duna];
	if (pattern.startsWith('/my') || pattern.startsWith('/pay')) return [s.anna, s.kert];
	if (pattern.startsWith('/account')) return [s.operator];
	return [s.anon];
}

const kindOf = (name: string) =>
	name.startsWith('debtor:')
		? 'debtor'
		: ['duna', 'tisza', 'pannon'].includes(name)
			? 'creditor'
			: name;

/**
 * Whether a session other than the route's audience may open it (200): the public pages anyone;
 * an area its own role (and the admin the operators' area); a page of one record (`withId`, the
 * audience's own record) nobody else but the admin in the operators' area.
 */
function mayOpen(name: string, pattern: string, withId: boolean): boolean {
	const kind = kindOf(name);
	const area = pattern.split('/')[1] ?? '';
	if (area === 'account') return kind !== 'debtor' && kind !== 'anon';
	if (area === 'admin') return kind === 'admin';
	if (area === 'ops') return kind === 'operator' || kind === 'admin';
	if (area === 'creditor')
		return !withId && (kind === 'creditor' || (kind === 'admin' && pattern === '/creditor/rules'));
	if (area === 'my' || area === 'pay') return kind === 'debtor' && !withId;
	return true;
}

/** Actions that act on a real record with no field to fuzz (would disable the probe's own users). */
const DESTRUCTIVE = new Set(['logout', 'disable', 'enable', 'resetPassword', 'resetTotp']);
const DESTRUCTIVE_ON = new Set(['deactivate', 'activate']);

async function fuzz(s: Record<string, Session>) {
	const jobs: (() => Promise<void>)[] = [];
	const sessions = Object.values(s);
	for (const r of routes()) {
		const params = (r.pattern.match(/\[[^\]]+\]/g) ?? []).length;
		for (const who of audience(r.pattern, s)) {
			const real = params ? realIds(r.pattern, who) : [''];
			const paths = new Set<string>();
			for (const id of real)
				paths.add(
					fill(r.pattern, (p) =>
						p === 'chart' ? 'headline' : p === 'token' ? demo.debtors.anna.token : id
					)
				);
			// GET pages and endpoints with fuzzed query strings
			for (const [i, p] of [...paths].entries()) {
				if (r.pattern === '/api/webhooks/stripe') continue;
				for (const q of queries(r.query, i === 0)) {
					const url = q ? `${p}?${q}` : p;
					jobs.push(async () => record('GET', url, await who.send('GET', url), who.name));
				}
				// the same through the client router's data endpoint (`__data.json`)
				if (r.page)
					for (const q of queries(r.query, false)) {
						const url = `${p === '/' ? '' : p}/__data.json${q ? `?${q}` : ''}`;
						jobs.push(async () =>
							record('GET', url, await who.send('GET', url), `${who.name} data`)
						);
					}
				// the other sessions once each: they must be sent away, not fail
				for (const other of sessions.filter((o) => o !== who))
					jobs.push(async () => {
						const reply = await other.send('GET', p);
						record('GET', p, reply, other.name);
						if (reply.status === 200 && !mayOpen(other.name, r.pattern, /=id\]/.test(r.pattern)))
							problems.push(`ACCESS ${other.name} opened ${p} (200)`);
					});
			}
			// fuzzed path parameters
			if (params)
				for (const bad of [...BAD_IDS, 'constructor', '__proto__']) {
					const p = fill(r.pattern, () => encodeURIComponent(bad));
					jobs.push(async () => record('GET', p, await who.send('GET', p), who.name));
				}
			// form actions with fuzzed bodies
			for (const a of r.actions) {
				if (DESTRUCTIVE.has(a)) continue;
				const on = DESTRUCTIVE_ON.has(a) ? [fill(r.pattern, () => '999999')] : [...paths];
				if (params)
					on.push(
						fill(r.pattern, () => '999999'),
						fill(r.pattern, () => '0x10')
					);
				for (const [i, p] of on.entries()) {
					const url = a === 'default' ? p : `${p}?/${a}`;
					// every body on the first path, a few on the others
					const all = bodies(r.fields);
					for (const b of i === 0 ? all : all.slice(0, 8))
						jobs.push(async () =>
							record('POST', url, await who.send('POST', url, b.body, b.headers), b.what)
						);
					// as the enhanced form sends it (the answer is JSON), with a few of the bodies
					for (const b of all.slice(0, 8))
						jobs.push(async () =>
							record(
								'POST',
								url,
								await who.send('POST', url, b.body, {
									...b.headers,
									accept: 'application/json',
									'x-sveltekit-action': 'true'
								}),
								`${b.what} (enhanced)`
							)
						);
					// wrong origin: CSRF refuses it (403), never a 5xx
					jobs.push(async () =>
						record(
							'POST',
							url,
							await who.send('POST', url, 'a=b', {
								'content-type': 'application/x-www-form-urlencoded',
								origin: 'http://evil.example'
							}),
							'cross-origin'
						)
					);
				}
			}
		}
	}
	// the webhook: no signature, junk, huge
	for (const b of bodies(['type', 'data']))
		jobs.push(async () =>
			record(
				'POST',
				'/api/webhooks/stripe',
				await s.anon.send('POST', '/api/webhooks/stripe', b.body, b.headers),
				b.what
			)
		);
	// pages that do not exist, and every chart
	for (const c of [...CHARTS, ...PROTO, 'x'.repeat(300)])
		jobs.push(async () => {
			const url = `/creditor/reports/${c}`;
			record('GET', url, await s.duna.send('GET', url), 'chart');
		});
	console.log(`fuzz: ${jobs.length} requests, ${CONCURRENCY} at a time`);
	await pool(jobs, (j) => j());
}

// ---------------------------------------------------------------- cross-tenant sweep

const escapeHtml = (t: string) =>
	t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What creditor `id` must never see: other tenants' values it did not supply itself. */
function foreign(creditorId: number): string[] {
	const col = (sql: string) =>
		new Set(
			all<{ v: string }>(sql, creditorId)
				.map((r) => r.v.trim())
				.filter((v) => v.length > 3)
		);
	const own = new Set([
		...col('select reference as v from claims where creditor_id = ?'),
		...col('select name as v from claim_debtors where creditor_id = ?'),
		...col('select address as v from claim_debtors where creditor_id = ?'),
		...col('select name as v from portfolios where creditor_id = ?'),
		...col('select name as v from creditors where id = ?')
	]);
	const theirs = new Set([
		...col('select reference as v from claims where creditor_id <> ?'),
		...col('select name as v from claim_debtors where creditor_id <> ?'),
		...col('select address as v from claim_debtors where creditor_id <> ?'),
		...col('select portfolio_name as v from placement_jobs where creditor_id <> ?'),
		// the shared debtor record (may hold what another creditor supplied)
		...col(
			'select d.name as v from debtors d where d.id in (select debtor_id from claims where creditor_id <> ?)'
		),
		...col(
			'select d.address as v from debtors d where d.id in (select debtor_id from claims where creditor_id <> ?)'
		),
		...col('select name as v from portfolios where creditor_id <> ?'),
		...col('select name as v from creditors where id <> ?')
	]);
	return [...theirs].filter((v) => ![...own].some((o) => o.includes(v)));
}

async function sweep(s: Record<string, Session>) {
	let pages = 0;
	for (const [key, user] of Object.entries(demo.creditorUsers)) {
		const who = s[key];
		const creditorId = all<{ id: number }>(
			'select creditor_id as id from staff_users where email = ?',
			user.email
		)[0].id;
		const forbidden = foreign(creditorId);
		const urls = [
			'/creditor',
			'/creditor/claims',
			'/creditor/claims?sort=debtor',
			'/creditor/claims?sort=reference&dir=desc',
			'/creditor/claims/export',
			'/creditor/placements',
			'/creditor/placements/template',
			'/creditor/rules',
			...CHARTS.map((c) => `/creditor/reports/${c}`)
		];
		for (const c of all<{ id: number }>('select id from claims where creditor_id = ?', creditorId))
			urls.push(`/creditor/claims/${c.id}`);
		for (const p of all<{ id: number }>(
			'select id from placement_jobs where creditor_id = ?',
			creditorId
		))
			urls.push(`/creditor/placements/${p.id}`, `/creditor/placements/${p.id}/status`);
		await pool(urls, async (url) => {
			const r = await who.send('GET', url);
			record('GET', url, r, `sweep ${key}`);
			pages++;
			for (const v of forbidden)
				if (r.body.includes(v) || r.body.includes(escapeHtml(v)))
					problems.push(`LEAK ${key} sees "${v}" on ${url}`);
		});
		// searching for another tenant's value finds what searching for nonsense of the same length
		// finds (the search box echoes the term, so the pages are compared with it taken out)
		const strip = (body: string, term: string) =>
			body
				.replaceAll(term, '§')
				.replaceAll(escapeHtml(term), '§')
				.replaceAll(encodeURIComponent(term), '§')
				.replace(/nonce="[^"]*"/g, '');
		await pool(forbidden.slice(0, 40), async (v) => {
			const nonsense = 'Q'.repeat(v.length);
			const url = `/creditor/claims?q=${encodeURIComponent(v)}`;
			const [hit, miss] = [
				await who.send('GET', url),
				await who.send('GET', `/creditor/claims?q=${nonsense}`)
			];
			record('GET', url, hit, `sweep ${key}`);
			pages++;
			if (strip(hit.body, v) !== strip(miss.body, nonsense))
				problems.push(`LEAK ${key}: searching for "${v}" answers otherwise than for nonsense`);
		});
	}
	console.log(`sweep: ${pages} creditor pages checked`);
}

/**
 * Tisza places two rows whose identity matches debtors only Duna has placed (a person by name and
 * birth date, a company by tax number alone), with its own address and company name: the rows join
 * Duna's debtor records, and the sweep then checks Tisza sees none of Duna's data for them.
 */
async function placeMatchingRows(tisza: Session) {
	const pick = (kind: 'person' | 'company') =>
		all<{ name: string; birthDate: string | null; taxNumber: string | null }>(
			`select d.name, d.birth_date as birthDate, d.tax_number as taxNumber from debtors d
			 where d.kind = ? and d.anonymized_at is null
			   and (d.kind = 'company' or d.birth_date is not null) and (d.kind = 'person' or d.tax_number is not null)
			   and exists (select 1 from claims c join creditors k on k.id = c.creditor_id where c.debtor_id = d.id and k.name like 'Duna%')
			   and not exists (select 1 from claims c join creditors k on k.id = c.creditor_id where c.debtor_id = d.id and k.name not like 'Duna%')
			   and not exists (select 1 from access_links l where l.debtor_id = d.id)
			 order by d.id`,
			kind
		).filter((d) => d.taxNumber === null || isValidHuTaxNumber(d.taxNumber))[0];
	const person = pick('person');
	const company = pick('company');
	if (!person || !company) return problems.push('placement: no Duna-only debtors to match');
	const stamp = Date.now().toString(36).toUpperCase();
	const csv = [
		PLACEMENT_COLUMNS.join(';'),
		`PR-${stamp}-1;person;${person.name};${person.birthDate};;7621;Probaváros;Próba köz 1.;;;HUF;2025-11-01;50000;0;0;0;50000;probe`,
		`PR-${stamp}-2;company;Próba Ügyfél Bt.;;${company.taxNumber};4025;Probaváros;Próba tér 2.;;;HUF;2025-11-01;70000;0;0;0;70000;probe`
	].join('\r\n');
	const fd = new FormData();
	fd.append('portfolioName', `Tisza probe ${stamp}`);
	fd.append('file', new Blob([csv], { type: 'text/csv' }), 'probe.csv');
	const up = await tisza.send('POST', '/creditor/placements?/upload', fd);
	record('POST', '/creditor/placements?/upload', up, 'placement');
	const job = up.location;
	if (up.status !== 303 || !job) return problems.push(`placement upload: ${up.status}`);
	const until = async (status: string) => {
		for (let i = 0; i < 100; i++) {
			const r = await tisza.send('GET', `${job}/status`, undefined, { accept: 'application/json' });
			if (r.status === 200 && JSON.parse(r.body).status === status) return true;
			await new Promise((ok) => setTimeout(ok, 200));
		}
		return false;
	};
	if (!(await until('ready'))) return problems.push('placement: never ready');
	const c = await tisza.form(`${job}?/confirm`, {});
	record('POST', `${job}?/confirm`, c, 'placement');
	if (!(await until('placed'))) return problems.push('placement: never placed');
	console.log(
		`placement: Tisza placed 2 rows matching Duna's debtors ${person.name} and ${company.taxNumber}`
	);
}

// ---------------------------------------------------------------- races

async function payRace(anna: Session) {
	const claim = all<{ id: number; balance: number }>(
		`select c.id, c.balance_minor as balance from claims c join debtors d on d.id = c.debtor_id
		 where d.name = ? and c.balance_minor > 0 and not exists
		 (select 1 from payments p where p.claim_id = c.id and p.status = 'pending') order by c.id limit 1`,
		demo.debtors.anna.name
	)[0];
	if (!claim) return problems.push('pay race: no claim without a pending payment');
	const before = all<{ n: number }>(
		'select count(*) as n from payments where claim_id = ?',
		claim.id
	)[0].n;
	const url = `/my/claims/${claim.id}?/pay`;
	const replies = await Promise.all(
		Array.from({ length: 20 }, () => anna.form(url, { fullMinor: String(claim.balance) }))
	);
	for (const r of replies) record('POST', url, r, 'pay race');
	const after = all<{ n: number; pending: number }>(
		`select count(*) as n, coalesce(sum(amount_minor), 0) as pending from payments
		 where claim_id = ? and status = 'pending'`,
		claim.id
	)[0];
	const made = all<{ n: number }>(
		'select count(*) as n from payments where claim_id = ?',
		claim.id
	)[0].n;
	const statuses = [...new Set(replies.map((r) => `${r.status} ${r.location ?? ''}`))];
	console.log(
		`pay race: 20 parallel "pay in full" on claim ${claim.id}: ${made - before} payment(s) made, pending total ${after.pending} of balance ${claim.balance}; answers: ${statuses.join(', ')}`
	);
	if (made - before !== 1) problems.push(`pay race: ${made - before} payments for one claim`);
	if (after.pending > claim.balance) problems.push('pay race: pending payments exceed the balance');
}

/**
 * A sign-in from its own address: on a server on this machine, from 127.0.0.2, so the fuzz's
 * refused sign-ins (counted against 127.0.0.1) do not lock the race out before it starts.
 */
function signInFrom(email: string, password: string): Promise<Reply> {
	const url = new URL('/login?/login', BASE);
	const local = ['localhost', '127.0.0.1'].includes(url.hostname);
	const body = new URLSearchParams({ email, password }).toString();
	return new Promise((resolve) => {
		const req = http.request(
			{
				host: local ? '127.0.0.1' : url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				localAddress: local ? '127.0.0.2' : undefined,
				agent: false,
				headers: {
					host: url.host,
					origin: BASE,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body)
				}
			},
			(res) => {
				let text = '';
				res.on('data', (c) => (text += c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						location: res.headers.location ?? null,
						body: text
					})
				);
			}
		);
		req.on('error', (e) => resolve({ status: 0, location: null, body: String(e) }));
		req.end(body);
	});
}

async function loginRace() {
	const who = demo.creditorUsers.pannon;
	// the checks made are the failures audited (a refused-while-locked attempt is audited otherwise)
	const failures = () =>
		all<{ n: number }>(
			`select count(*) as n from audit_log where action = 'auth.login_failed' and entity = 'staff_user'
			 and entity_id = (select id from staff_users where email = ?)`,
			who.email
		)[0].n;
	const before = failures();
	const wrong = await Promise.all(
		Array.from({ length: 40 }, () => signInFrom(who.email, 'wrong-' + who.password))
	);
	for (const r of wrong) record('POST', '/login?/login', r, 'login race');
	const tally = [...new Set(wrong.map((r) => r.status))].map(
		(st) => `${st}×${wrong.filter((r) => r.status === st).length}`
	);
	const checked = failures() - before;
	const right = await signInFrom(who.email, who.password);
	record('POST', '/login?/login', right, 'login race: right password');
	console.log(
		`login race: 40 parallel wrong passwords answered ${tally.join(', ')}, ${checked} checked; then the right one: ${right.status}`
	);
	if (checked === 0) problems.push('login race: no wrong password was checked (already locked?)');
	if (checked > 5) problems.push(`login race: ${checked} wrong passwords checked (limit 5)`);
	if (right.status === 303) problems.push('login race: the right password signed in while locked');
}

// ---------------------------------------------------------------- main

const t0 = Date.now();
const s: Record<string, Session> = {
	anon: new Session('anon'),
	admin: await staff(demo.admin),
	operator: await staff(demo.operator),
	duna: await staff(demo.creditorUsers.duna),
	tisza: await staff(demo.creditorUsers.tisza),
	pannon: await staff(demo.creditorUsers.pannon),
	anna: await debtor('anna'),
	gabor: await debtor('gabor'),
	kert: await debtor('kert')
};
console.log('signed in: admin (with TOTP), operator, 3 creditor users, 3 debtors');
await placeMatchingRows(s.tisza);
await sweep(s);
await payRace(s.anna);
if (!opts['skip-lockout']) await loginRace();
await fuzz(s);
// the fuzz may have left the sessions alone; a second sweep sees what fuzzed actions made
await sweep(s);

console.log(`\n${retried.length} request(s) retried once after a dropped connection`);
for (const r of retried.slice(0, 10)) console.log(`  retried: ${r}`);
for (const d of dropped) console.log(`dropped twice: ${d}`);
console.log(`${total} requests in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(
	'status counts: ' +
		[...counts]
			.sort(([a], [b]) => a - b)
			.map(([k, v]) => `${k}: ${v}`)
			.join(', ')
);
for (const f of fivexx) console.log(f);
for (const p of problems) console.log(p);
if (fivexx.length || problems.length) {
	console.log(`\nFAILED: ${fivexx.length} 5xx, ${problems.length} other problem(s)`);
	process.exit(1);
}
console.log('\nOK: no 5xx, no cross-tenant data, the locks held');
