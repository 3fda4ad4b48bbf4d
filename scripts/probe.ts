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
 * Demo credentials only: never point it at a production server. The parts are in scripts/probe/:
 * http.ts (cookie jars, counting), routes.ts, fuzz-values.ts, fuzz.ts, sweep.ts, races.ts.
 */
import Database from 'better-sqlite3';
import { generateHOTP } from '@oslojs/otp';
import { demoAccounts, E2E_SEED, type DemoStaff } from '../src/lib/server/db/seed/demo-accounts';
import { cliArgs, strings, wholeNumber } from './args';
import { Session, Tally, type Probe, type Sessions } from './probe/http';
import { fuzz } from './probe/fuzz';
import { placeMatchingRows, sweep } from './probe/sweep';
import { loginRace, payRace } from './probe/races';

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

// ---------------------------------------------------------------- the database (read only)

const db = new Database(DB_FILE, { readonly: true, fileMustExist: true });
const tally = new Tally();
const probe: Probe = {
	base: BASE,
	concurrency: CONCURRENCY,
	demo,
	all: <T>(sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as T[],
	tally
};
const { counts, fivexx, problems, retried, dropped } = tally;

// ---------------------------------------------------------------- sign-ins

const step = () => BigInt(Math.floor(Date.now() / 30_000));

async function staff(who: DemoStaff): Promise<Session> {
	const s = new Session(who.creditor ?? who.role, BASE, tally);
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
	const s = new Session(`debtor:${key}`, BASE, tally);
	const open = await s.send('GET', d.path);
	if (open.location !== '/p') throw new Error(`link of ${key}: ${open.status}`);
	const r = await s.form('/p?/answer', { answer: d.answer });
	if (r.status !== 303) throw new Error(`answer of ${key}: ${r.status}`);
	return s;
}

// ---------------------------------------------------------------- main

const t0 = Date.now();
const s: Sessions = {
	anon: new Session('anon', BASE, tally),
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
await placeMatchingRows(probe, s.tisza);
await sweep(probe, s);
await payRace(probe, s.anna);
if (!opts['skip-lockout']) await loginRace(probe);
await fuzz(probe, s);
// the fuzz may have left the sessions alone; a second sweep sees what fuzzed actions made
await sweep(probe, s);

console.log(`\n${retried.length} request(s) retried once after a dropped connection`);
for (const r of retried.slice(0, 10)) console.log(`  retried: ${r}`);
for (const d of dropped) console.log(`dropped twice: ${d}`);
console.log(`${tally.total} requests in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
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
