/**
 * Sign-in helpers for the access specs: through the real forms of the real server, as a browser
 * or as Playwright's request client (which keeps cookies per context).
 */
import {
	expect,
	request as pwRequest,
	type APIRequestContext,
	type Browser,
	type Page
} from '@playwright/test';
import { generateHOTP } from '@oslojs/otp';
import { createHash, randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import Database from '../../src/lib/server/db/sqlite';
import { demoAccounts, E2E_SEED, type DemoStaff } from '../../src/lib/server/db/seed/demo-accounts';

export const demo = demoAccounts(E2E_SEED);
export const BASE = `http://localhost:${Number(process.env.E2E_PORT ?? 4173)}`;
export const E2E_DB = process.env.E2E_DATABASE_URL ?? './data/e2e.db';

/**
 * The port of the n-th extra server a spec starts: derived from E2E_PORT, so parallel runs (each
 * with its own E2E_PORT) do not collide. n = 0..4: security-headers (0, 1), access-link (2),
 * security-headers production (3), stripe (4), sms (9).
 */
export const extraPort = (n: number) => Number(process.env.E2E_PORT ?? 4173) + 100 + n;

/** An amount of money as a page would show it: no debt may show before the debtor's answer. */
export const moneyPattern = /\d[\d\s\u00a0\u202f.]*\s?(Ft|HUF|EUR|€)/;

export const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const WCAG22_AA = [...WCAG21_AA, 'wcag22aa'];

/** Fails with the list of violations axe finds on the page (WCAG 2.1 A/AA tags unless told). */
export async function axeClean(page: Page, tags: string[] = WCAG21_AA) {
	const r = await new AxeBuilder({ page }).withTags(tags).analyze();
	expect(
		r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

/**
 * A debtor link of our own (the demo links are shared with other specs), written straight into the
 * e2e database for the given debtor, asking the birth date; returns its token (32 lower-case base32
 * characters, the real shape). `lockCount` makes a link that has already taken that many locks.
 */
export function insertLink(debtorId: number, lockCount = 0): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	const token = Array.from(randomBytes(32), (b) => alphabet[b % 32]).join('');
	const now = Date.now();
	const db = new Database(E2E_DB);
	try {
		db.prepare(
			'INSERT INTO access_links (debtor_id, token_hash, question, expires_at, created_at, lock_count) VALUES (?, ?, ?, ?, ?, ?)'
		).run(
			debtorId,
			createHash('sha256').update(token).digest('hex'),
			'birth_date',
			now + 86_400_000,
			now,
			lockCount
		);
	} finally {
		db.close();
	}
	return token;
}

/** One row of the database in `file`, opened read-only for the look-up. */
export function rowIn<T>(file: string, sql: string, ...params: unknown[]): T {
	const db = new Database(file, { readonly: true });
	try {
		return db.prepare(sql).get(...params) as T;
	} finally {
		db.close();
	}
}

/** One row of the e2e database (read-only look-ups that pick a debtor or claim for a spec). */
export function e2eRow<T>(sql: string, ...params: unknown[]): T {
	return rowIn<T>(E2E_DB, sql, ...params);
}

/**
 * An open claim of a person who is none of the demo debtors (other specs use those) and has no row
 * in `table` yet: the last one, or the `offset`-th before it, so that specs pick different ones.
 */
export function unusedPersonClaim(table: 'disputes' | 'hardship_requests', offset = 0) {
	return e2eRow<{ id: number; debtor_id: number; birth_date: string; reference: string }>(
		`SELECT c.id, c.debtor_id, d.birth_date, c.reference FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE c.status = 'open' AND d.kind = 'person' AND d.birth_date IS NOT NULL AND d.name NOT IN (?, ?, ?)
		    AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.claim_id = c.id)
		  ORDER BY c.id DESC LIMIT 1 OFFSET ?`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name,
		offset
	);
}

const step = (ms = Date.now()) => BigInt(Math.floor(ms / 30_000));

/** A TOTP code the server will still accept: the current step, else the next (codes cannot be replayed). */
export function totpCodes(): string[] {
	const s = step();
	return [generateHOTP(demo.adminTotpKey, s, 6), generateHOTP(demo.adminTotpKey, s + 1n, 6)];
}

async function waitNextStep(): Promise<void> {
	const ms = 30_000 - (Date.now() % 30_000) + 200;
	await new Promise((r) => setTimeout(r, ms));
}

/** Signs a staff member in with the request client; returns a context holding the session cookie. */
export async function staffContext(who: DemoStaff): Promise<APIRequestContext> {
	const ctx = await pwRequest.newContext({
		baseURL: BASE,
		extraHTTPHeaders: { origin: BASE, accept: 'text/html' }
	});
	const r = await ctx.post('/login?/login', {
		form: { email: who.email, password: who.password },
		maxRedirects: 0
	});
	expect(r.status(), `sign-in of ${who.role}`).toBe(303);
	if (who.role === 'admin') {
		expect(r.headers()['location']).toBe('/login/totp');
		for (let attempt = 0; attempt < 3; attempt++) {
			for (const code of totpCodes()) {
				const v = await ctx.post('/login/totp?/verify', { form: { code }, maxRedirects: 0 });
				if (v.status() === 303) {
					expect(v.headers()['location']).toBe('/admin');
					return ctx;
				}
			}
			await waitNextStep();
		}
		throw new Error('admin second factor refused');
	}
	return ctx;
}

/** The admin after the right password but before the second factor: must open nothing yet. */
export async function pendingAdminContext(): Promise<APIRequestContext> {
	const ctx = await pwRequest.newContext({
		baseURL: BASE,
		extraHTTPHeaders: { origin: BASE, accept: 'text/html' }
	});
	const r = await ctx.post('/login?/login', {
		form: { email: demo.admin.email, password: demo.admin.password },
		maxRedirects: 0
	});
	expect(r.headers()['location']).toBe('/login/totp');
	return ctx;
}

export async function debtorContext(token: string, answer: string): Promise<APIRequestContext> {
	const ctx = await pwRequest.newContext({
		baseURL: BASE,
		extraHTTPHeaders: { origin: BASE, accept: 'text/html' }
	});
	// the link hands its token to a cookie and goes on to /p, where the question is answered
	const open = await ctx.get(`/p/${token}`, { maxRedirects: 0 });
	expect(open.headers()['location']).toBe('/p');
	const r = await ctx.post('/p?/answer', { form: { answer }, maxRedirects: 0 });
	expect(r.status(), 'debtor answer').toBe(303);
	expect(r.headers()['location']).toBe('/my');
	return ctx;
}

/** Opens a page and waits until the app has hydrated (typing before that may be reset). */
export async function gotoReady(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
}

/** A debtor signs in in the browser by a link of our own (insertLink), answering the birth date. */
export async function signInByLink(page: Page, debtorId: number, birthDate: string): Promise<void> {
	await gotoReady(page, `/p/${insertLink(debtorId)}`);
	await page.getByRole('textbox').fill(birthDate);
	await page.getByRole('button', { name: /Tovább|Continue/ }).click();
	await page.waitForURL('**/my');
}

/** A page in a browser context of its own, the debtor signed in by a link (signInByLink). */
export async function debtorPage(browser: Browser, debtorId: number, birthDate: string) {
	const page = await (await browser.newContext()).newPage();
	await signInByLink(page, debtorId, birthDate);
	return page;
}

/** Fills in the staff sign-in form the page shows and sends it. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
	await page.getByLabel(/E-mail/).fill(email);
	await page.getByLabel(/Jelszó|Password/).fill(password);
	await page.getByRole('button', { name: /Belépés|Sign in/ }).click();
}

/** A staff member signs in in the browser, through the visible form. */
export async function signInPage(page: Page, who: DemoStaff): Promise<void> {
	await gotoReady(page, '/login');
	await submitSignIn(page, who.email, who.password);
	if (who.role === 'admin') {
		await page.waitForURL('**/login/totp');
		for (let attempt = 0; attempt < 3; attempt++) {
			for (const code of totpCodes()) {
				await page.getByLabel(/kód|code/i).fill(code);
				await page.getByRole('button', { name: /Megerősítés|Confirm/ }).click();
				const moved = await page
					.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 5_000 })
					.then(() => true)
					.catch(() => false);
				if (moved) return;
			}
			await waitNextStep();
		}
		throw new Error('admin second factor refused');
	}
}

/** signInPage, then waits until the browser has left the sign-in pages. */
export async function signInStaff(page: Page, who: DemoStaff): Promise<void> {
	await signInPage(page, who);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A page in a browser context of its own, the staff member signed in (signInStaff). */
export async function staffPage(browser: Browser, who: DemoStaff) {
	const page = await (await browser.newContext()).newPage();
	await signInStaff(page, who);
	return page;
}

/** A second built server of our own (other env), on the e2e database; stop it when done. */
export async function extraServer(port: number, env: Record<string, string>) {
	const { spawn } = await import('node:child_process');
	const server = spawn(process.execPath, [process.env.E2E_BUILD_DIR ?? 'build'], {
		env: {
			...process.env,
			PORT: String(port),
			DATABASE_URL: E2E_DB,
			PAYMENT_GATEWAY: 'demo',
			RENDEZ_QUIET: '1',
			// no channel: say so (a built server refuses to start otherwise); with one, messages leave
			...(env.SMTP_URL || env.SMS_PROVIDER ? {} : { MESSAGES: 'off' }),
			...env
		},
		stdio: 'ignore'
	});
	const base = `http://localhost:${port}`;
	for (let i = 0; i < 150; i++) {
		const up = await fetch(`${base}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (up) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	return { base, stop: () => server.kill('SIGTERM') };
}

/**
 * Starts the built server (`build`) with `env` and waits until it exits by itself: its exit code
 * (null when it still ran after 20 s, then it is killed), and what it wrote to stdout and stderr.
 */
export async function serverExit(
	build: string,
	env: NodeJS.ProcessEnv
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const { spawn } = await import('node:child_process');
	const child = spawn(process.execPath, [build], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	let stdout = '';
	child.stderr.on('data', (d) => (stderr += d));
	child.stdout.on('data', (d) => (stdout += d));
	const code = await new Promise<number | null>((resolve) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			resolve(null);
		}, 20_000);
		child.on('exit', (c) => {
			clearTimeout(timer);
			resolve(c);
		});
	});
	return { code, stdout, stderr };
}
