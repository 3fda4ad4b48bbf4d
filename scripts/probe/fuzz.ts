/**
 * The probe's fuzz: every page's query string, every form action's body and every path parameter
 * (from the route files), as the route's own audience, and each page once as every other session
 * (which must be sent away, not served).
 */
import { CHARTS } from '../../src/lib/domain/report-tables';
import { pool, type Probe, type Session, type Sessions } from './http';
import { routes } from './routes';
import { BAD_IDS, PROTO, bodies, queries } from './fuzz-values';

// ---------------------------------------------------------------- the database (read only)

/** Real ids a role may open, per route pattern, so pages behind [id=id] are reached too. */
function realIds(probe: Probe, pattern: string, who: Session): string[] {
	const { all, demo } = probe;
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

/** Creditor pages admins use for any creditor: installment rules, the strategy and its experiments, statements. */
const ADMIN_CREDITOR_PAGES = ['/creditor/rules', '/creditor/strategy', '/creditor/statements'];

/** Which signed-in sessions a route is meant for (the others are tried once, for their 3xx/4xx). */
function audience(pattern: string, s: Sessions): Session[] {
	if (pattern.startsWith('/admin')) return [s.admin];
	if (pattern.startsWith('/ops')) return [s.operator];
	if (ADMIN_CREDITOR_PAGES.some((p) => pattern.startsWith(p))) return [s.duna, s.admin];
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
		return kind === 'admin'
			? ADMIN_CREDITOR_PAGES.some((p) => pattern.startsWith(p))
			: !withId && kind === 'creditor';
	if (area === 'my' || area === 'pay') return kind === 'debtor' && !withId;
	return true;
}

/** Actions that act on a real record with no field to fuzz (would disable the probe's own users). */
const DESTRUCTIVE = new Set(['logout', 'disable', 'enable', 'resetPassword', 'resetTotp']);
const DESTRUCTIVE_ON = new Set(['deactivate', 'activate']);

export async function fuzz(probe: Probe, s: Sessions) {
	const { demo, concurrency } = probe;
	const { record, problems } = probe.tally;
	const jobs: (() => Promise<void>)[] = [];
	const sessions = Object.values(s);
	for (const r of routes()) {
		const params = (r.pattern.match(/\[[^\]]+\]/g) ?? []).length;
		for (const who of audience(r.pattern, s)) {
			const real = params ? realIds(probe, r.pattern, who) : [''];
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
	console.log(`fuzz: ${jobs.length} requests, ${concurrency} at a time`);
	await pool(concurrency, jobs, (j) => j());
}
