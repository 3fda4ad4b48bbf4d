/**
 * The creditor area in Chromium against the built server on the seeded database (seed 7): sign in,
 * charts render with data, filter by portfolio, CSV downloads, claims list and detail, a small
 * placement with a bad row, axe-clean pages; and, with the request client, every creditor route
 * and download answers 404 for another creditor's ids.
 */
import { expect, test, type Page, type Download } from '@playwright/test';
import Database, { type SqliteDatabase } from '../../src/lib/server/db/sqlite';
import fs from 'node:fs';
import { axeClean as axe, demo, signInPage, staffContext, WCAG22_AA } from './access-helpers';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { CHARTS } from '../../src/lib/domain/report-tables';
import { formatDate, formatShortDate } from '../../src/lib/format';

/** The specs here check against WCAG 2.2 AA. */
const axeClean = (page: Page) => axe(page, WCAG22_AA);

async function text(d: Download): Promise<string> {
	return fs.readFileSync((await d.path())!, 'utf8');
}

/** Signs the Duna creditor user in through the form and waits until /login sent them to /creditor. */
async function signIn(page: Page) {
	await signInPage(page, demo.creditorUsers.duna);
	await page.waitForURL((u) => u.pathname === '/creditor');
}

let handle: SqliteDatabase | undefined;
const db = () =>
	(handle ??= new Database(process.env.E2E_DATABASE_URL ?? './data/e2e.db', {
		readonly: true,
		fileMustExist: true
	}));
const one = (sql: string, ...p: unknown[]) =>
	db()
		.prepare(sql)
		.pluck()
		.get(...p) as number;
const duna = () =>
	one(
		"SELECT id FROM creditors WHERE short_name LIKE 'Duna%' OR name LIKE 'Duna%' ORDER BY id LIMIT 1"
	);

test.describe('creditor area', () => {
	test('dashboard: charts with data, tables, filter by portfolio, CSV of a chart', async ({
		page
	}) => {
		await signIn(page);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		// every chart draws on a canvas with data points
		const canvases = page.locator('canvas[data-points]');
		await expect(canvases.first()).toBeVisible();
		expect(await canvases.count()).toBeGreaterThanOrEqual(5);
		for (const n of await canvases.evaluateAll((els) =>
			els.map((e) => Number(e.getAttribute('data-points')))
		))
			expect(n).toBeGreaterThan(0);
		// chart.js painted something: the canvas is not blank
		const painted = await canvases.first().evaluate((c: HTMLCanvasElement) => {
			const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
			for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
			return false;
		});
		expect(painted).toBe(true);
		await axeClean(page);

		// filter by a portfolio: kept in the URL, figures change to that portfolio
		const select = page.getByLabel(/Portfólió|Portfolio/).first();
		const options = await select
			.locator('option')
			.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
		expect(options.length).toBeGreaterThan(0);
		await select.selectOption(options[0]);
		await page.getByRole('button', { name: /^Szűrés$|^Filter$/ }).click();
		await page.waitForURL(`**/creditor?portfolio=${options[0]}**`);
		const claimsOfPortfolio = one(
			'SELECT count(*) FROM claims WHERE portfolio_id = ?',
			Number(options[0])
		);
		const shown = await page.locator('[data-testid^="headline-"] dd').allTextContents();
		expect(shown.length).toBeGreaterThan(0);
		const counts = await page
			.locator('[data-testid^="headline-"]')
			.evaluateAll((els) =>
				els.map((e) => e.querySelectorAll('dd')[4].textContent!.replace(/\D/g, ''))
			);
		expect(counts.reduce((a, c) => a + Number(c), 0)).toBe(claimsOfPortfolio);

		// the stage-outcome CSV has the same numbers as the table beside the chart
		const [dl] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('csv-stages').click()
		]);
		const csv = await text(dl);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const lines = csv.slice(1).trim().split('\r\n');
		const tableRows = await page.locator('#h-stages ~ .pair table tbody tr').count();
		expect(lines.length - 1).toBe(tableRows);
		expect(lines.length).toBeGreaterThan(1);
	});

	test('claims: list, search, CSV export with BOM, detail; accessible', async ({ page }) => {
		await signIn(page);
		await page.goto('/creditor/claims');
		const rows = page.locator('table tbody tr');
		await expect(rows.first()).toBeVisible();
		expect(await page.locator('table tbody').innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		await axeClean(page);
		const firstRef = (await rows.first().locator('th a').textContent())!.trim();
		await page
			.getByLabel(/Keresés|Search/)
			.first()
			.fill(firstRef);
		await page.getByRole('button', { name: /^Keresés$|^Search$/ }).click();
		await expect(page.locator('table tbody tr th a').first()).toHaveText(firstRef);
		const [dl] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('claims-export').click()
		]);
		const csv = await text(dl);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv).toContain(firstRef);
		await page.locator('table tbody tr th a').first().click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(firstRef);
		await expect(page.locator('#s-breakdown')).toBeVisible();
		await axeClean(page);
		// a claim with contacts, payments and a plan: every status and outcome in the page's language
		const full = one(
			`SELECT c.id FROM claims c WHERE c.creditor_id = ? AND EXISTS (SELECT 1 FROM contact_events e WHERE e.claim_id = c.id)
			 AND EXISTS (SELECT 1 FROM payments p WHERE p.claim_id = c.id) AND EXISTS (SELECT 1 FROM plans l WHERE l.claim_id = c.id) ORDER BY c.id LIMIT 1`,
			duna()
		);
		await page.goto(`/creditor/claims/${full}`);
		await expect(page.locator('#s-contacts')).toBeVisible();
		const main = await page.locator('main').innerText();
		expect(main).not.toMatch(
			/\b(sent|delivered|failed|no_answer|conversation|refused|blocked|succeeded|pending|due|paid|late|missed|active|completed|broken)\b/
		);
		// and every date in it, with the month in words, not as stored (2026-03-02)
		expect(main).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		expect(main).toMatch(
			/\d{4}\. (jan|febr|márc|ápr|máj|jún|júl|aug|szept|okt|nov|dec)\.\u00a0\d{1,2}\./
		);
		// in English too, opened from the list (it once threw on two labels reading "Placed")
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto('/creditor/claims?lang=en');
		await page.locator('table tbody tr th a').first().click();
		await expect(page.locator('#s-breakdown')).toBeVisible();
		await expect(page.locator('dt', { hasText: 'Amount placed' })).toBeVisible();
		await expect(page.locator('dt', { hasText: 'Placed on' })).toBeVisible();
		expect(errors).toEqual([]);
	});

	test('placement: a small file with a bad row shows its line, places the good rows on confirm', async ({
		page
	}) => {
		await signIn(page);
		await page.goto('/creditor/placements');
		await axeClean(page);
		const [tpl] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('template').click()
		]);
		expect(await text(tpl)).toContain('reference;debtor_type;debtor_name');
		const stamp = Date.now().toString(36).toUpperCase();
		const file = [
			PLACEMENT_COLUMNS.join(';'),
			`E2E-${stamp}-1;person;Teszt Tímea;1988-08-08;;1051;Budapest;Fő u. 2.;;;HUF;2025-09-01;50000;2000;0;1000;53000;e2e`,
			`E2E-${stamp}-2;company;Hibás Kft.;;12345678-2-42;1051;Budapest;Fő u. 3.;;;EUR;2025-09-01;100;0;0;0;100;e2e`,
			`E2E-${stamp}-3;company;Jó Kft.;;12345676-2-42;1051;Budapest;Fő u. 4.;;;EUR;2025-09-01;100;0;40;0;140;e2e`
		].join('\r\n');
		await page.getByLabel(/portfólió neve|portfolio/i).fill(`E2E ${stamp}`);
		await page
			.getByLabel(/CSV/)
			.setInputFiles({ name: 'e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
		const before = one('SELECT count(*) FROM claims WHERE creditor_id = ?', duna());
		await page.getByRole('button', { name: /Feltöltés|Upload/ }).click();
		await page.waitForURL(/\/creditor\/placements\/\d+$/);
		await expect(page.getByTestId('job-summary')).toContainText(/3/);
		const bad = page.getByTestId('bad-rows');
		await expect(bad.locator('tbody tr')).toHaveCount(1);
		await expect(bad.locator('tbody tr td').first()).toHaveText('3');
		await axeClean(page);
		// nothing placed before the confirmation
		expect(one('SELECT count(*) FROM claims WHERE creditor_id = ?', duna())).toBe(before);
		await page.getByRole('button', { name: /2/ }).click();
		await expect(page.getByTestId('placed')).toBeVisible();
		expect(one('SELECT count(*) FROM claims WHERE creditor_id = ?', duna())).toBe(before + 2);
		await axeClean(page);
	});

	test('a file in Windows-1250 gets a clear message', async ({ page }) => {
		await signIn(page);
		await page.goto('/creditor/placements');
		const bytes = Buffer.concat([
			Buffer.from(PLACEMENT_COLUMNS.join(';') + '\r\nX;person;'),
			Buffer.from([0xd5]),
			Buffer.from('ry;1970-01-01\r\n')
		]);
		await page
			.getByLabel(/CSV/)
			.setInputFiles({ name: 'latin2.csv', mimeType: 'text/csv', buffer: bytes });
		await page.getByRole('button', { name: /Feltöltés|Upload/ }).click();
		await expect(page.getByTestId('file-error')).toContainText(/UTF-8/);
	});

	test("another creditor's ids answer 404 on every creditor route and download", async () => {
		const d = duna();
		const otherClaim = one('SELECT id FROM claims WHERE creditor_id != ? ORDER BY id LIMIT 1', d);
		const otherPortfolio = one(
			'SELECT id FROM portfolios WHERE creditor_id != ? ORDER BY id LIMIT 1',
			d
		);
		const ownClaim = one('SELECT id FROM claims WHERE creditor_id = ? ORDER BY id LIMIT 1', d);
		// a placement job of creditor Tisza
		const tisza = await staffContext(demo.creditorUsers.tisza);
		const up = await tisza.post('/creditor/placements?/upload', {
			multipart: {
				portfolioName: 'Tisza e2e',
				file: {
					name: 't.csv',
					mimeType: 'text/csv',
					buffer: Buffer.from(PLACEMENT_COLUMNS.join(';') + '\r\n')
				}
			},
			maxRedirects: 0
		});
		expect([303, 200]).toContain(up.status());
		const tiszaJob = one('SELECT max(id) FROM placement_jobs');
		const ctx = await staffContext(demo.creditorUsers.duna);
		expect((await ctx.get(`/creditor/claims/${ownClaim}`)).status()).toBe(200);
		for (const url of [
			`/creditor/claims/${otherClaim}`,
			`/creditor?portfolio=${otherPortfolio}`,
			`/creditor/claims?portfolio=${otherPortfolio}`,
			`/creditor/claims/export?portfolio=${otherPortfolio}`,
			...CHARTS.map((c) => `/creditor/reports/${c}?portfolio=${otherPortfolio}`),
			`/creditor/placements/${tiszaJob}`,
			`/creditor/placements/${tiszaJob}/status`
		])
			expect((await ctx.get(url, { maxRedirects: 0 })).status(), url).toBe(404);
		for (const action of ['confirm', 'cancel'])
			expect(
				(
					await ctx.post(`/creditor/placements/${tiszaJob}?/${action}`, {
						form: {},
						maxRedirects: 0
					})
				).status(),
				action
			).toBe(404);
		// and the downloads that are Duna's own work
		const own = await ctx.get('/creditor/reports/aging');
		expect(own.status()).toBe(200);
		expect((await own.text()).charCodeAt(0)).toBe(0xfeff);
	});

	test('closing a claim: a refusal shows in the form that was sent; a direct payment reads as one', async ({
		page
	}) => {
		await signIn(page);
		const open = one(
			// a seeded forint claim well above the amount (the placement test above adds small euro ones)
			"SELECT id FROM claims WHERE creditor_id = ? AND status = 'open' AND currency = 'HUF' AND balance_minor > 10000000 AND reference NOT LIKE 'E2E-%' ORDER BY id DESC LIMIT 1",
			duna()
		);
		await page.goto(`/creditor/claims/${open}/close`);
		const direct = page.locator('section:has(#h-direct)');
		const recall = page.locator('section:has(#h-recall)');
		await direct.getByLabel('Összeg', { exact: false }).fill('1000');
		await direct.getByRole('button').click();
		await expect(direct.locator('#d-reason')).toHaveAttribute('aria-invalid', 'true');
		await expect(recall.locator('#r-reason')).not.toHaveAttribute('aria-invalid', 'true');
		await expect(direct.getByLabel('Összeg', { exact: false })).toHaveValue('1000');
		// the day the debtor paid: today by default; a later day, or one before the claim was placed
		// with us, is refused next to it in words (the browser's own min/max check taken away, as a
		// hand-made request would)
		const paidOn = direct.getByLabel('A befizetés napja');
		const today = await paidOn.inputValue();
		expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		await expect(paidOn).not.toHaveAttribute('aria-invalid', 'true');
		await direct.getByLabel('Indoklás').fill('Az adós a bankfiókban fizetett.');
		const placed = String(one('SELECT placed_date FROM claims WHERE id = ?', open));
		await paidOn.evaluate((el) => (el.removeAttribute('max'), el.removeAttribute('min')));
		await paidOn.fill('2099-01-01');
		await direct.getByRole('button').click();
		await expect(direct.locator('#d-paidOn-error')).toHaveText(
			'A befizetés napja nem lehet későbbi a mai napnál.'
		);
		await expect(paidOn).toHaveAttribute('aria-invalid', 'true');
		await expect(direct.getByLabel('Összeg', { exact: false })).toHaveValue('1000');
		await paidOn.evaluate((el) => (el.removeAttribute('max'), el.removeAttribute('min')));
		await paidOn.fill('2000-01-01');
		await direct.getByRole('button').click();
		await expect(direct.locator('#d-paidOn-error')).toContainText(
			`annál a napnál, amikor a követelést átadták nekünk (${formatDate(placed, 'hu')})`
		);
		expect(
			one("SELECT count(*) FROM payments WHERE claim_id = ? AND gateway = 'direct'", open)
		).toBe(0);
		// the day it was placed is taken: with its reason it is booked on that day; the claim's
		// figures say what was paid to the creditor straight
		await paidOn.fill(placed);
		await direct.getByRole('button').click();
		await expect(page.getByRole('status')).toBeVisible();
		expect(
			one("SELECT arrived_on FROM payments WHERE claim_id = ? AND gateway = 'direct'", open)
		).toBe(placed < today ? placed : null);
		await page.goto(`/creditor/claims/${open}`);
		await expect(page.locator('#s-summary').locator('..')).toContainText(
			/ebből közvetlenül Önöknek fizetve\s*1000\s*Ft/
		);
		await expect(page.locator('section:has(#s-payments)')).toContainText(
			'közvetlenül a megbízónak fizetve'
		);
		// the payments list gives the day the debtor paid
		await expect(
			page.locator('section:has(#s-payments) tr', { hasText: 'közvetlenül a megbízónak fizetve' })
		).toContainText(formatShortDate(placed, 'hu'));
	});
});
