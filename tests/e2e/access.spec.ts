/**
 * Access in a real browser against the built server and the e2e seed: each staff role lands in
 * its own area, the admin passes the second factor, a debtor opens a seeded link and lands in the
 * debtor area, sign-out ends the session, a tampered cookie lets nobody in, and the security
 * headers are there. Pages are axe-checked and fit a 360 px screen.
 */
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { demo, extraServer, gotoReady, signInPage } from './access-helpers';

const moneyPattern = /\d[\d\s\u00a0\u202f.]*\s?(Ft|HUF|EUR|€)/;

async function axeClean(page: import('@playwright/test').Page) {
	const r = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

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
		await expect(page.locator('code', { hasText: 'auth.login' }).first()).toBeVisible();

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

test.describe('debtor link', () => {
	const anna = demo.debtors.anna;

	test('shows the agency and the genuine-message page, nothing about the debt, before the answer', async ({
		page
	}) => {
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto(anna.path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.getByRole('link', { name: /Valódi-e|genuine/i }).first()).toHaveAttribute(
			'href',
			'/genuine'
		);
		const body = await page.locator('body').innerText();
		expect(body).toContain('Rendez Követeléskezelő Zrt.');
		for (const d of demo.links) expect(body).not.toContain(d.name);
		for (const c of ['Duna', 'Tisza', 'Pannon']) expect(body).not.toContain(c);
		expect(body).not.toMatch(moneyPattern);
		const html = await page.content();
		for (const d of demo.links) expect(html).not.toContain(d.name);
		await axeClean(page);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
	});

	test('sends no referrer, is not cached, and frames are refused', async ({ request }) => {
		// the link itself: its token goes into a cookie, off the URL, under 'no-referrer'
		const link = await request.get(anna.path, { maxRedirects: 0 });
		expect(link.status()).toBe(303);
		expect(link.headers()['location']).toBe('/p');
		expect(link.headers()['referrer-policy']).toBe('no-referrer');
		expect(link.headers()['cache-control']).toContain('no-store');
		expect(link.headers()['set-cookie']).toMatch(/rendez_link=[^;]+;.*HttpOnly/i);
		const r = await request.get('/p');
		expect(r.url()).not.toContain(anna.path);
		const h = r.headers();
		// the question page holds no token; a Referer only ever goes back to this server (see
		// hooks.server.ts for why not 'no-referrer' there)
		expect(h['referrer-policy']).toBe('same-origin');
		expect(h['cache-control']).toContain('no-store');
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['x-frame-options']).toBe('DENY');
		expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(h['content-security-policy']).toContain("default-src 'self'");
	});

	test('an unreadable answer is explained next to the field and not counted', async ({ page }) => {
		await gotoReady(page, anna.path);
		await page.getByRole('textbox').fill('május tizenhét');
		await page.getByRole('button', { name: /Tovább|Continue/ }).click();
		await expect(page.locator('#answer-error')).toBeVisible();
		await expect(page.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
	});

	test('the right answer (dotted date) starts a debtor session and lands in /my, showing no one else', async ({
		page,
		context
	}) => {
		await gotoReady(page, anna.path);
		await page.getByRole('textbox').fill(anna.answer.replaceAll('-', '.') + '.');
		await page.getByRole('button', { name: /Tovább|Continue/ }).click();
		await page.waitForURL('**/my');
		const c = (await context.cookies()).find((x) => x.name === 'rendez_session');
		expect(c?.httpOnly).toBe(true);
		// the cookie works on its own: a fresh request with it is a debtor, not sent back to the start
		const r = await page.request.get('/my', { maxRedirects: 0 });
		expect(r.status()).not.toBe(303);
		const body = await page.locator('body').innerText();
		expect(body).not.toContain(demo.debtors.gabor.name);
		expect(body).not.toContain(demo.debtors.kert.name);
		// a debtor is not staff
		const ops = await page.request.get('/ops', { maxRedirects: 0 });
		expect(ops.status()).toBe(303);
		expect(ops.headers()['location']).toMatch(/^\/login/);
	});

	test('an unknown link explains what to do and offers a fresh link without revealing anything', async ({
		page
	}) => {
		await gotoReady(page, '/p/' + 'a'.repeat(32));
		await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
		await page.getByRole('button', { name: /Új hivatkozást|new link/ }).click();
		await expect(page.getByRole('status')).toBeVisible();
		const body = await page.locator('body').innerText();
		expect(body).not.toMatch(/@|\+36 ?[237]0/);
		await axeClean(page);
	});
});

test('second factor page: a QR code of the setup link, and a new key only with the current password', async ({
	page
}) => {
	await signInPage(page, demo.operator);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
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

test('security headers on ordinary pages', async ({ request }) => {
	for (const path of ['/', '/login']) {
		const r = await request.get(path);
		const h = r.headers();
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['referrer-policy']).toBe('same-origin');
		expect(h['x-frame-options']).toBe('DENY');
		const csp = h['content-security-policy'] ?? '';
		// the landing page may be prerendered (policy in a <meta>); the sign-in page sends a header
		if (path === '/login') {
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).toContain("object-src 'none'");
		}
	}
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

	test('a company debtor answers with the tax number without dashes and lands in /my', async ({
		page
	}) => {
		const kert = demo.debtors.kert;
		await page.goto(kert.path);
		await page.getByRole('textbox').fill(kert.answer.replaceAll('-', ''));
		await page.getByRole('button', { name: /Tovább|Continue/ }).click();
		await page.waitForURL('**/my');
		const body = await page.locator('body').innerText();
		expect(body).not.toContain(demo.debtors.anna.name);
		expect(body).not.toContain(demo.debtors.gabor.name);
	});
});

/** A second instance of the built server on the same database, with its own settings. */
test('link brute force through the real page: the 5th wrong answer locks it, the right answer is then refused from any address', async () => {
	test.setTimeout(60_000);
	const Database = (await import('better-sqlite3')).default;
	const { createHash, randomBytes } = await import('node:crypto');
	// a link of our own (the demo links are shared with other specs), for a person with a birth date
	const db = new Database(process.env.E2E_DATABASE_URL ?? './data/e2e.db');
	const d = db
		.prepare(
			"SELECT id, birth_date FROM debtors WHERE kind = 'person' AND birth_date IS NOT NULL AND name NOT IN (?, ?) ORDER BY id DESC LIMIT 1"
		)
		.get(demo.debtors.anna.name, demo.debtors.gabor.name) as { id: number; birth_date: string };
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	const token = [...randomBytes(32)].map((b) => alphabet[b % 32]).join('');
	const now = Date.now();
	db.prepare(
		'INSERT INTO access_links (debtor_id, token_hash, question, expires_at, created_at) VALUES (?, ?, ?, ?, ?)'
	).run(
		d.id,
		createHash('sha256').update(token).digest('hex'),
		'birth_date',
		now + 86_400_000,
		now
	);
	db.close();
	const wrong = d.birth_date === '1901-01-01' ? '1901-01-02' : '1901-01-01';

	// the client address comes from X-Forwarded-For here, so each attempt can come from elsewhere
	// (and the e2e run's own address is never locked)
	const origin = 'http://localhost:4187';
	const srv = await extraServer(4187, { ORIGIN: origin, ADDRESS_HEADER: 'x-forwarded-for' });
	try {
		// opening the link moves its token into a cookie (and off the URL) before the question
		const opened = await fetch(`${srv.base}/p/${token}`, { redirect: 'manual' });
		expect(opened.status).toBe(303);
		expect(opened.headers.get('location')).toBe('/p');
		expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
		const linkCookie = (opened.headers.get('set-cookie') ?? '').split(';')[0];
		expect(linkCookie).toMatch(/^rendez_link=/);
		const answer = (value: string, ip: string) =>
			fetch(`${srv.base}/p?/answer`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					origin,
					cookie: linkCookie,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'x-forwarded-for': ip
				},
				body: new URLSearchParams({ answer: value })
			});
		for (let i = 1; i <= 4; i++) expect((await answer(wrong, `198.51.100.${i}`)).status).toBe(400);
		expect((await answer(wrong, '198.51.100.5')).status).toBe(423);
		const sixth = await answer(d.birth_date, '198.51.100.6');
		expect(sixth.status).toBe(423);
		expect(sixth.headers.get('set-cookie') ?? '').not.toContain('rendez_session=');
		const page = await (
			await fetch(`${srv.base}/p`, {
				headers: { cookie: linkCookie, 'x-forwarded-for': '198.51.100.7' }
			})
		).text();
		expect(page).toMatch(/zárolva|locked/);
		expect(page).not.toContain(d.birth_date);
	} finally {
		srv.stop();
	}
});

test('in production: HSTS, and the session cookie is Secure', async () => {
	test.setTimeout(60_000);
	const origin = 'https://rendez.example';
	const srv = await extraServer(4188, { NODE_ENV: 'production', ORIGIN: origin });
	const base = srv.base;
	try {
		const home = await fetch(`${base}/login`);
		expect(home.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
		const login = await fetch(`${base}/login?/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: demo.operator.email, password: demo.operator.password })
		});
		expect(login.status).toBe(303);
		const cookie = login.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^rendez_session=/);
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
	} finally {
		srv.stop();
	}
});
