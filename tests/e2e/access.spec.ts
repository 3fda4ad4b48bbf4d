/**
 * Staff access in a real browser against the built server and the e2e seed: each staff role lands
 * in its own area, the admin passes the second factor, sign-out ends the session, a tampered cookie
 * lets nobody in. Pages are axe-checked and fit a 360 px screen. The debtor's link is in
 * debtor-link.spec.ts, the security headers in security-headers.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { axeClean, demo, gotoReady, signInPage, signInStaff } from './access-helpers';

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
		await page.getByLabel(/E-mail/).fill(demo.operator.email);
		await page.getByLabel(/Jelszó|Password/).fill('definitely-wrong');
		await page.getByRole('button', { name: /Belépés|Sign in/ }).click();
		const known = await page.getByRole('alert').textContent();
		await page.getByLabel(/E-mail/).fill('nobody-here@rendez.example');
		await page.getByLabel(/Jelszó|Password/).fill('definitely-wrong');
		await page.getByRole('button', { name: /Belépés|Sign in/ }).click();
		await expect(page.getByRole('alert')).toHaveText(known ?? '');
		expect(known).toBeTruthy();
		expect(new URL(page.url()).pathname).toBe('/login');
	});

	test('an operator lands in /ops with an HttpOnly, SameSite=Lax session cookie', async ({
		page,
		context
	}) => {
		await signInPage(page, demo.operator);
		await page.waitForURL('**/ops');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const c = (await context.cookies()).find((x) => x.name === 'rendez_session');
		expect(c?.httpOnly).toBe(true);
		expect(c?.sameSite).toBe('Lax');
		await axeClean(page);
	});

	test('a creditor user lands in /creditor', async ({ page }) => {
		await signInPage(page, demo.creditorUsers.duna);
		await page.waitForURL('**/creditor**');
		expect(new URL(page.url()).pathname.startsWith('/creditor')).toBe(true);
	});

	test('the admin gives the second factor, then lands in /admin; the admin pages are accessible', async ({
		page,
		browser
	}) => {
		await signInPage(page, demo.admin);
		await page.waitForURL('**/admin');
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
		await signInPage(page, demo.operator);
		await page.waitForURL('**/ops');
		const before = (await context.cookies()).find((x) => x.name === 'rendez_session')!;
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
		await signInPage(page, demo.operator);
		await page.waitForURL('**/ops');
		const c = (await context.cookies()).find((x) => x.name === 'rendez_session')!;
		expect(c.value.split('.')[0]).not.toBe('plantedsessionid');
		expect(c.value).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/);
	});

	test('a tampered or invented cookie lets nobody in and is cleared', async ({ page, context }) => {
		await signInPage(page, demo.operator);
		await page.waitForURL('**/ops');
		const good = (await context.cookies()).find((x) => x.name === 'rendez_session')!;
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
		await page.getByLabel(/E-mail/).fill(demo.operator.email);
		await page.getByLabel(/Jelszó|Password/).fill(demo.operator.password);
		await page.getByRole('button', { name: /Belépés|Sign in/ }).click();
		await page.waitForURL('**/ops');
		await page.getByRole('button', { name: /Kilépés|Sign out/ }).click();
		await page.waitForURL('**/login?signedout=1');
	});
});
