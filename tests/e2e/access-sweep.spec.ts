/**
 * The access sweep. Routes come from the file system (every +page.server.ts, +page.svelte and
 * +server.ts under src/routes), so a route added tomorrow is swept without anyone remembering.
 * For each identity — nobody, a debtor of creditor Duna, a Duna creditor user, an operator, the
 * admin — every route and every named action of the areas that identity does not own is
 * requested, and must be refused (a redirect to sign-in, 403 or 404) without showing a name or an
 * amount. Inside its own area, an identity asks for another tenant's records (ids taken from the
 * seeded database, access-sweep-ids.ts) and must get 404, as if they did not exist.
 */
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import path from 'node:path';
import { demo, debtorContext, pendingAdminContext, staffContext, BASE } from './access-helpers';
import { request as pwRequest } from '@playwright/test';
import { actionNames, walk } from './access-sweep-routes';
import { annaId, db, dunaId, urlFor, type Scope } from './access-sweep-ids';
import type { DemoStaff } from '../../src/lib/server/db/seed/demo-accounts';

const routes = walk(path.resolve('src/routes'));

/** Open to everyone (each checks its own input): landing, genuine page, health, sign-in/out, links, debtor sign-in by reference, webhooks, e-mail unsubscribe. */
const PUBLIC_AREAS = new Set([
	'',
	'genuine',
	'healthz',
	'login',
	'logout',
	'p',
	'api',
	'stop',
	'belepes'
]);

// ---------------------------------------------------------------------------------------------
// Identities and what they own

interface Identity {
	name: string;
	/** areas this identity may use (everything else must refuse it) */
	owns: string[];
	/** areas not swept for this identity (shared by design) */
	skip: string[];
	/** single routes of another area this identity may use by design (each with its reason) */
	shared?: string[];
	scope: () => Scope;
	/** names that must never appear in a refused answer */
	secrets: () => string[];
	/** a page this identity must be able to open (proves the sign-in worked, so refusals mean something) */
	control?: string;
	context: () => Promise<APIRequestContext>;
}

const allDebtorNames = demo.links.map((d) => d.name);
const creditorNames = () =>
	(
		db().prepare('SELECT name, short_name FROM creditors').all() as {
			name: string;
			short_name: string;
		}[]
	).flatMap((c) => [c.name, c.short_name]);
const otherCreditorNames = () => creditorNames().filter((n) => !/^Duna/.test(n));

/**
 * A staff member of the seed, signed in (staffContext): owns `area`, whose home page proves the
 * sign-in, and their own account; any tenant's records unless `scope` narrows them.
 */
const staffIdentity = (
	name: string,
	area: string,
	who: DemoStaff,
	secrets: () => string[],
	scope: () => Scope = () => ({ kind: 'any' })
): Identity => ({
	name,
	control: `/${area}`,
	owns: [area, 'account'],
	skip: [],
	scope,
	secrets,
	context: () => staffContext(who)
});

const identities: Identity[] = [
	{
		name: 'anonymous',
		owns: [],
		skip: [],
		scope: () => ({ kind: 'any' }),
		secrets: () => [...allDebtorNames, ...creditorNames()],
		context: () =>
			pwRequest.newContext({
				baseURL: BASE,
				extraHTTPHeaders: { origin: BASE, accept: 'text/html' }
			})
	},
	{
		name: 'admin before the second factor',
		owns: [],
		skip: [],
		scope: () => ({ kind: 'any' }),
		secrets: () => [...allDebtorNames, ...creditorNames()],
		context: pendingAdminContext
	},
	{
		name: 'debtor of Duna (Anna)',
		control: '/my',
		owns: ['my'],
		skip: [],
		scope: () => ({ kind: 'debtor', debtorId: annaId() }),
		secrets: () =>
			allDebtorNames
				.filter((n) => n !== demo.debtors.anna.name)
				.concat(creditorNames().filter((n) => /^Tisza/.test(n))),
		context: () => debtorContext(demo.debtors.anna.token, demo.debtors.anna.answer)
	},
	staffIdentity(
		'creditor user of Duna',
		'creditor',
		demo.creditorUsers.duna,
		() => [...allDebtorNames, ...otherCreditorNames()],
		() => ({ kind: 'creditor', creditorId: dunaId() })
	),
	staffIdentity('operator', 'ops', demo.operator, () => allDebtorNames),
	// sees only /field (their region's visits) and their own account: no page of /ops
	staffIdentity('field agent', 'field', demo.fieldAgent, () => allDebtorNames),
	{
		...staffIdentity('admin', 'admin', demo.admin, () => allDebtorNames),
		// the agency's admin sets any creditor's installment rules and collection strategy (the pages
		// let admins in by design)
		shared: [
			'/creditor/rules',
			'/creditor/strategy',
			'/creditor/strategy/experiments/[id=id]',
			'/creditor/statements',
			'/creditor/statements/file'
		],
		// admins may be let into the operator area by its own pages; that is not a leak across tenants
		skip: ['ops']
	}
];

// ---------------------------------------------------------------------------------------------

const moneyPattern = /\d[\d\u00a0\u202f ]*(?:[.,]\d+)?\s?(?:Ft|HUF|EUR|€)(?![\w])/;
const SIGN_IN_PATHS = new Set(['/login', '/', '/login/totp', '/account/totp']);

interface Finding {
	who: string;
	method: string;
	url: string;
	problem: string;
}

async function check(
	findings: Finding[],
	who: { name: string; secrets: string[] },
	method: string,
	url: string,
	res: APIResponse,
	expect404: boolean
) {
	let status = res.status();
	const fail = (problem: string) => findings.push({ who: who.name, method, url, problem });
	if ((res.headers()['content-type'] ?? '').includes('application/json') && method === 'POST') {
		// an action answering in JSON (it should not, we ask for HTML): read its verdict
		const j = (await res.json().catch(() => ({}))) as {
			type?: string;
			status?: number;
			location?: string;
		};
		if (j.type === 'redirect' && j.location) {
			const target = new URL(j.location, BASE);
			if (!SIGN_IN_PATHS.has(target.pathname) || expect404)
				fail(`action redirect to ${j.location}`);
			return;
		}
		if (j.type === 'error' && j.status) status = j.status;
		else fail(`action answered ${j.type ?? 'json'}`);
	}
	if (status >= 300 && status < 400) {
		const loc = res.headers()['location'] ?? '';
		const target = new URL(loc, BASE);
		if (target.origin !== new URL(BASE).origin || !SIGN_IN_PATHS.has(target.pathname))
			fail(`redirect to ${loc}`);
		else if (expect404) fail(`redirect to ${loc} where 404 was expected`);
		return;
	}
	if (expect404 ? status !== 404 : status !== 403 && status !== 404 && status !== 401) {
		fail(`status ${status}`);
	}
	const body = await res.text();
	if (status === 403 && /Cross-site/i.test(body))
		fail('refused by the CSRF check, not by a guard (origin header?)');
	for (const s of who.secrets) if (s && body.includes(s)) fail(`leaks "${s}"`);
	if (moneyPattern.test(body)) fail(`leaks an amount: ${moneyPattern.exec(body)?.[0]}`);
}

test.describe.configure({ mode: 'serial' });

test('the route list comes from the file system and covers every area', () => {
	const areas = new Set(routes.map((r) => r.area));
	for (const a of ['admin', 'ops', 'p', 'login']) expect(areas.has(a), `area ${a}`).toBe(true);
	expect(routes.find((r) => r.id === '/admin/users/[id=id]')?.actions.sort()).toEqual([
		'disable',
		'enable',
		'resetPassword',
		'resetTotp'
	]);
	expect(routes.find((r) => r.id === '/p')?.actions.sort()).toEqual(['answer', 'resend']);
	expect(
		actionNames(
			'export const actions = { default: async () => {}, async other(e) { const x = { a: 1 }; }, third: ok };'
		)
	).toEqual(['default', 'other', 'third']);
	expect(actionNames('export const actions = { a: helper(x, { b: 1 }), c: other(y) };')).toEqual([
		'a',
		'c'
	]);
});

for (const who of identities) {
	test(`sweep as ${who.name}: every other area refuses, other tenants' records are 404`, async () => {
		test.setTimeout(240_000);
		const ctx = await who.context();
		if (who.control)
			expect(
				(await ctx.get(who.control, { maxRedirects: 0 })).status(),
				`control ${who.control}`
			).toBe(200);
		const scope = who.scope();
		const me = { name: who.name, secrets: who.secrets() };
		const findings: Finding[] = [];
		let requests = 0;
		let ownChecks = 0;
		const swept: string[] = [];
		for (const r of routes) {
			if (PUBLIC_AREAS.has(r.area) || who.skip.includes(r.area) || who.shared?.includes(r.id))
				continue;
			const own = who.owns.includes(r.area);
			const hasParams = r.segments.some((s) => s.startsWith('['));
			// in its own area an identity is swept only where a record id can name another tenant's
			if (own && (!hasParams || scope.kind === 'any')) continue;
			const url = urlFor(r, scope);
			swept.push(url);
			if (own) ownChecks++;
			if (r.page) {
				const res = await ctx.get(url, { maxRedirects: 0 });
				requests++;
				await check(findings, me, 'GET', url, res, own);
				for (const a of r.actions) {
					const target = a === 'default' ? url : `${url}?/${a}`;
					const post = await ctx.post(target, { form: { id: '1' }, maxRedirects: 0 });
					requests++;
					await check(findings, me, 'POST', target, post, own);
				}
			}
			for (const m of r.methods) {
				const res = await ctx.fetch(url, {
					method: m,
					maxRedirects: 0,
					...(m === 'GET' ? {} : { data: '{}', headers: { 'content-type': 'application/json' } })
				});
				requests++;
				await check(findings, me, m, url, res, own);
			}
		}
		await ctx.dispose();
		test.info().annotations.push({
			type: 'swept',
			description: `${requests} requests (${ownChecks} into other tenants' records)`
		});
		if (process.env.SWEEP_VERBOSE) console.log(who.name, requests, ownChecks, swept.join(' '));
		// the sweep must really reach into other tenants' records where an area has them
		if (who.scope().kind !== 'any')
			expect(ownChecks, "requests into other tenants' records").toBeGreaterThan(0);
		expect(findings, `${requests} requests`).toEqual([]);
		expect(requests).toBeGreaterThan(0);
	});
}
