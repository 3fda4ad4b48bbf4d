/**
 * The public face of the built server: the landing page in Hungarian with an English switch,
 * /healthz, axe (WCAG 2.2 AA tags) on the public pages, and a start against an unwritable
 * database path that fails with one clear line.
 */
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { serverExit } from './access-helpers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test('landing page is Hungarian by default and switches to English', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rendez Követeléskezelő');
	await expect(
		page.getByRole('heading', { name: 'Hogyan ellenőrizheti, hogy az üzenet valóban tőlünk jött?' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Munkatársi belépés' })).toHaveAttribute(
		'href',
		'/login'
	);

	await page.getByRole('link', { name: 'Switch to English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rendez Collections');

	// the choice is remembered on the next page, and can be switched back
	await page.getByRole('link', { name: 'Is this message genuine?' }).first().click();
	await expect(page).toHaveURL(/\/genuine/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('link', { name: 'Váltás magyar nyelvre' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'hu');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Valódi-e az üzenet?');
});

test('/healthz says the server is ready and nothing more', async ({ request }) => {
	const r = await request.get('/healthz');
	expect(r.status()).toBe(200);
	expect(r.headers()['cache-control']).toContain('no-store');
	// public: no migration counts, no engine day or state
	expect(await r.json()).toEqual({ ok: true });
});

for (const lang of ['hu', 'en'] as const) {
	for (const route of ['/', '/genuine']) {
		test(`axe finds no WCAG 2.2 AA violations on ${route} (${lang})`, async ({ page }) => {
			await page.goto(`${route}?lang=${lang}`);
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
			expect(
				result.violations.map(
					(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
				)
			).toEqual([]);
		});
	}
}

test('a 360 px screen shows the landing page without horizontal scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('the server refuses to start on an unwritable database path, with one clear line', async () => {
	// the parent "directory" is a regular file, so no permission bit matters (tests may run as root)
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rendez-e2e-'));
	const blocker = path.join(dir, 'blocker');
	fs.writeFileSync(blocker, 'not a directory');
	const dbFile = path.join(blocker, 'rendez.db');
	const { code, stdout, stderr } = await serverExit('build', {
		...process.env,
		DATABASE_URL: dbFile,
		PORT: '4999',
		ORIGIN: 'http://localhost:4999',
		PAYMENT_GATEWAY: 'demo',
		RENDEZ_QUIET: '1'
	});
	expect(code, `stdout: ${stdout}\nstderr: ${stderr}`).toBe(1);
	const lines = stderr.split('\n').filter((l) => l.trim() !== '');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toContain('cannot write the database');
	expect(lines[0]).toContain(dbFile);
});
