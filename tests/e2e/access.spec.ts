/**
 * Staff access in a real browser against the built server and the e2e seed: each staff role lands
 * in its own area, the admin passes the second factor, sign-out ends the session, a tampered cookie
 * lets nobody in. Pages are axe-checked and fit a 360 px screen. The debtor's link is in
 * debtor-link.spec.ts, the security headers in security-headers.spec.ts.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { axeClean, demo, gotoReady, signInPage, signInStaff, submitSignIn } from './access-helpers';
import type { DemoStaff } from '../../src/lib/server/db/seed/demo-accounts';

/** Signs `who` in through the form and waits for the page at `url` (a glob). */
async function signInTo(page: Page, who: DemoStaff, url: string) {
	await signInPage(page, who);
	await page.waitForURL(url);
}

/** The session cookie the browser holds, if any. */
const sessionCookie = async (context: BrowserContext) =>
	(await context.cookies()).find((x) => x.name === 'rendez_session');

test.describe('staff sign-in', () => {
	test('the sign-in page is accessible and fits 360 px', async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/login');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await axeClean(page);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
	});

	test('what is typed before the app has loaded is kept (slow phones)', async ({ page }) => {
		// hold the app's scripts back, type, then let them load and hydrate the page
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		await page.route('**/_app/immutable/**', async (route) => {
			await gate;
			await route.continue();
		});
		await page.goto('/login', { waitUntil: 'domcontentloaded' });
		await page.getByLabel(/E-mail/).fill(demo.operator.email);
		release();
		await page.waitForLoadState('networkidle');
		await expect(page.getByLabel(/E-mail/)).toHaveValue(demo.operator.email);
	});

	test('a wrong password shows one neutral message, for known and unknown accounts alike', async ({
		page
	}) => {
		await gotoReady(page, '/login');
		await submitSignIn(page, demo.operator.email, 'definitely-wrong');
		const known = await page.getByRole('alert').textContent();
		await submitSignIn(page, 'nobody-here@rendez.example', 'definitely-wrong');
		await expect(page.getByRole('alert')).toHaveText(known ?? '');
		expect(known).toBeTruthy();
		expect(new URL(page.url()).pathname).toBe('/login');
	});

	test('an operator lands in /ops with an HttpOnly, SameSite=Lax session cookie', async ({
		page,
		context
	}) => {
		await signInTo(page, demo.operator, '**/ops');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const c = await sessionCookie(context);
		expect(c?.httpOnly).toBe(true);
		expect(c?.sameSite).toBe('Lax');
		await axeClean(page);
	});

	test('a creditor user lands in /creditor', async ({ page }) => {
		await signInTo(page, demo.creditorUsers.duna, '**/creditor**');
		expect(new URL(page.url()).pathname.startsWith('/creditor')).toBe(true);
	});

	test('the admin gives the second factor, then lands in /admin; the admin pages are accessible', async ({
		page,
		browser
	}) => {
		await signInTo(page, demo.admin, '**/admin');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await axeClean(page);
		for (const path of ['/admin/creditors', '/admin/users', '/admin/audit?action=auth.']) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await axeClean(page);
		}
		// the audit log shows the sign-in that just happened
		await expect(page.getByRole('cell', { name: /^Belépés/ }).first()).toBeVisible();

		// a new operator gets a one-time password that works once, and lands in /ops
		const email = `new.operator.${Date.now()}@rendez.example`;
		await gotoReady(page, '/admin/users');
		await page.getByLabel(/E-mail/).fill(email);
		await page.getByLabel(/^(Név|Name)$/).fill('Új Operátor');
		await page.getByLabel(/Szerepkör|Role/).selectOption('operator');
		await page.getByRole('button', { name: /Felhasználó létrehozása|Create user/ }).click();
		const temp = (await page.getByTestId('temp-password').textContent())?.trim() ?? '';
		expect(temp).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
		const other = await browser.newContext();
		const p2 = await other.newPage();
		await signInPage(p2, { role: 'operator', email, password: temp, name: 'Új Operátor' });
		// a temporary password opens only the page to choose one's own
		await p2.waitForURL('**/account/password');
		await p2.waitForLoadState('networkidle');
		expect((await p2.request.get('/ops', { maxRedirects: 0 })).headers()['location']).toBe(
			'/account/password'
		);
		await axeClean(p2);
		await p2.getByLabel(/Jelenlegi|Current/).fill(temp);
		await p2.getByLabel(/^(Új jelszó|New password)$/).fill('my own long password');
		await p2.getByLabel(/még egyszer|again/).fill('my own long password');
		await p2.getByRole('button', { name: /Jelszó mentése|Save password/ }).click();
		await p2.waitForURL('**/ops');
		await other.close();
	});

	test('sign-out ends the session: the old cookie no longer opens anything', async ({
		page,
		context
	}) => {
		await signInTo(page, demo.operator, '**/ops');
		const before = (await sessionCookie(context))!;
		await page.getByRole('button', { name: /Kilépés|Sign out/ }).click();
		await page.waitForURL('**/login?signedout=1');
		await expect(page.getByRole('status')).toBeVisible();
		// put the old cookie back: the server has deleted the session, so it is worthless
		await context.addCookies([{ ...before }]);
		const r = await page.request.get('/ops', { maxRedirects: 0 });
		expect(r.status()).toBe(303);
		expect(r.headers()['location']).toMatch(/^\/login/);
	});

	test('a session id planted before sign-in is never adopted (fixation)', async ({
		page,
		context
	}) => {
		await page.goto('/login');
		await context.addCookies([
			{ name: 'rendez_session', value: 'plantedsessionid.plantedsecret', url: page.url() }
		]);
		await signInTo(page, demo.operator, '**/ops');
		const c = (await sessionCookie(context))!;
		expect(c.value.split('.')[0]).not.toBe('plantedsessionid');
		expect(c.value).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/);
	});

	test('a tampered or invented cookie lets nobody in and is cleared', async ({ page, context }) => {
		await signInTo(page, demo.operator, '**/ops');
		const good = (await sessionCookie(context))!;
		const [id, secret] = good.value.split('.');
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		for (const value of [`${id}.${flipped}`, `${id}`, 'forged.value', `${id}.${secret}x`]) {
			await context.clearCookies();
			await context.addCookies([{ ...good, value }]);
			const r = await page.request.get('/ops', { maxRedirects: 0 });
			expect(r.status()).toBe(303);
			expect(r.headers()['location']).toMatch(/^\/login/);
			expect(r.headers()['set-cookie'] ?? '').toMatch(/rendez_session=;/);
		}
	});
});

test('second factor page: a QR code of the setup link, and a new key only with the current password', async ({
	page
}) => {
	await signInStaff(page, demo.operator);
	await gotoReady(page, '/account/totp?lang=hu');
	const qr = page.getByRole('img', { name: /QR-kód/ });
	await expect(qr).toBeVisible();
	expect(await qr.locator('svg').count()).toBe(1);
	await axeClean(page);
	// a session left open is not enough to re-key the second factor
	await page.getByLabel(/Jelenlegi jelszava/).fill('not the password');
	await page.locator('#code').fill('123456');
	await page.getByRole('button', { name: 'Bekapcsolás' }).click();
	await expect(page.locator('#current-error')).toHaveText('A jelenlegi jelszó nem megfelelő.');
	await expect(page.locator('#current')).toHaveAttribute('aria-invalid', 'true');
	await axeClean(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('staff sign in and out with plain form posts', async ({ page }) => {
		await page.goto('/login');
		await submitSignIn(page, demo.operator.email, demo.operator.password);
		await page.waitForURL('**/ops');
		await page.getByRole('button', { name: /Kilépés|Sign out/ }).click();
		await page.waitForURL('**/login?signedout=1');
	});
});
