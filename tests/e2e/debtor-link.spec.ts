/**
 * A debtor's link in a real browser against the built server and the e2e seed: before the answer
 * the page shows the agency and nothing about the debt; the right answer opens the debtor area and
 * nobody else's; the link sends no referrer and is not cached; wrong answers lock it for good,
 * whatever address they come from. Pages are axe-checked and fit a 360 px screen.
 */
import { expect, test } from '@playwright/test';
import {
	axeClean,
	demo,
	e2eRow,
	extraPort,
	extraServer,
	gotoReady,
	insertLink,
	moneyPattern
} from './access-helpers';

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

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

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

test('link brute force through the real page: the 5th wrong answer locks it, the right answer is then refused from any address', async () => {
	test.setTimeout(60_000);
	// a link of our own (the demo links are shared with other specs), for a person with a birth date
	const d = e2eRow<{ id: number; birth_date: string }>(
		"SELECT id, birth_date FROM debtors WHERE kind = 'person' AND birth_date IS NOT NULL AND name NOT IN (?, ?) ORDER BY id DESC LIMIT 1",
		demo.debtors.anna.name,
		demo.debtors.gabor.name
	);
	const token = insertLink(d.id);
	const wrong = d.birth_date === '1901-01-01' ? '1901-01-02' : '1901-01-01';

	// the client address comes from X-Forwarded-For here, so each attempt can come from elsewhere
	// (and the e2e run's own address is never locked)
	const port = extraPort(2);
	const origin = `http://localhost:${port}`;
	const srv = await extraServer(port, { ORIGIN: origin, ADDRESS_HEADER: 'x-forwarded-for' });
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
