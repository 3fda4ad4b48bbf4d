/**
 * Sign-in helpers for the access specs: through the real forms of the real server, as a browser
 * or as Playwright's request client (which keeps cookies per context).
 */
import { expect, request as pwRequest, type APIRequestContext, type Page } from '@playwright/test';
import { generateHOTP } from '@oslojs/otp';
import { demoAccounts, E2E_SEED, type DemoStaff } from '../../src/lib/server/db/seed/demo-accounts';

export const demo = demoAccounts(E2E_SEED);
export const BASE = `http://localhost:${Number(process.env.E2E_PORT ?? 4173)}`;

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

/** The same, in the browser, through the visible form. */
/** Opens a page and waits until the app has hydrated (typing before that may be reset). */
export async function gotoReady(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await page.waitForLoadState('networkidle');
}

export async function signInPage(page: Page, who: DemoStaff): Promise<void> {
	await gotoReady(page, '/login');
	await page.getByLabel(/E-mail/).fill(who.email);
	await page.getByLabel(/Jelszó|Password/).fill(who.password);
	await page.getByRole('button', { name: /Belépés|Sign in/ }).click();
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

/** A second built server of our own (other env), on the e2e database; stop it when done. */
export async function extraServer(port: number, env: Record<string, string>) {
	const { spawn } = await import('node:child_process');
	const server = spawn(process.execPath, [process.env.E2E_BUILD_DIR ?? 'build'], {
		env: {
			...process.env,
			PORT: String(port),
			DATABASE_URL: process.env.E2E_DATABASE_URL ?? './data/e2e.db',
			PAYMENT_GATEWAY: 'demo',
			RENDEZ_QUIET: '1',
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
