/**
 * The creditor dashboard at a 1366 px laptop screen (issue 20): every table beneath its chart at
 * full width with no column cut off (each table's scroll width fits its box), headline figures per
 * currency first, chart titles naming currency and period, a filter kept in the address across a
 * reload, the stage funnel, and axe-clean pages in Hungarian and English.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { axeClean as axe, demo, gotoReady, signInPage, WCAG22_AA } from './access-helpers';

const axeClean = (page: Page) => axe(page, WCAG22_AA);

test.use({ viewport: { width: 1366, height: 768 } });

async function signIn(page: Page) {
	await signInPage(page, demo.creditorUsers.duna);
	await page.waitForURL((u) => u.pathname === '/creditor');
}

/** Every data table's scroll box: how wide its content is against how wide the box is. */
async function tableWidths(page: Page) {
	return page.locator('main .table-scroll').evaluateAll((els) =>
		els
			// a folded table (inside a closed details) is not laid out
			.filter((e) => (e as HTMLElement).offsetParent !== null)
			.map((e) => ({
				label: e.getAttribute('aria-label'),
				scroll: e.scrollWidth,
				client: e.clientWidth,
				table: (e.querySelector('table') as HTMLElement).scrollWidth
			}))
	);
}

async function expectNoCutColumns(page: Page, atLeast = 6) {
	// open the folded tables too, so they are measured
	for (const d of await page.locator('main details').all()) await d.locator('summary').click();
	const widths = await tableWidths(page);
	expect(widths.length).toBeGreaterThanOrEqual(atLeast);
	for (const w of widths) {
		expect(w.scroll, `${w.label}`).toBeLessThanOrEqual(w.client);
		expect(w.table, `${w.label}`).toBeLessThanOrEqual(w.client);
	}
	// and no header or cell is shortened with an ellipsis
	const cut = await page
		.locator('main table th, main table td')
		.evaluateAll(
			(cells) =>
				cells.filter((c) => (c as HTMLElement).scrollWidth > (c as HTMLElement).clientWidth + 1)
					.length
		);
	expect(cut).toBe(0);
}

test.describe('creditor dashboard at 1366 × 768', () => {
	test.beforeEach(({ page }) => signIn(page));

	test('full width, headline per currency, tables not cut, funnel, titles with currency and period; axe-clean', async ({
		page
	}) => {
		await page.goto('/creditor?lang=hu');
		// the page uses the desktop's width: the main column is wider than the reading column (60rem)
		const mainWidth = await page.locator('main').evaluate((m) => m.clientWidth);
		expect(mainWidth).toBeGreaterThan(1200);
		// headline figures first, one block per currency, each with its own figures
		const blocks = page.locator('[data-testid^="headline-"]');
		const currencies = await blocks.evaluateAll((els) =>
			els.map((e) => e.getAttribute('data-testid')!.replace('headline-', ''))
		);
		expect(currencies.length).toBeGreaterThanOrEqual(1);
		for (const c of currencies) {
			const block = page.getByTestId(`headline-${c}`);
			await expect(block.locator('dt')).toHaveText([
				`Átadott összeg (${c})`,
				'Beszedett összeg',
				'Megtérülés',
				'Nyitott egyenleg',
				'Követelések',
				'Részletfizetésben',
				'Kifogás alatt'
			]);
			const dds = await block.locator('dd').allTextContents();
			// amounts in that currency only
			for (const i of [0, 1, 3, 5, 6]) expect(dds[i]).toMatch(c === 'EUR' ? /EUR|€/ : /Ft|HUF/);
		}
		// the headline comes before every chart
		const order = await page
			.locator('main h2')
			.allTextContents()
			.then((hs) => hs.findIndex((h) => h.startsWith('Főbb számok')));
		expect(order).toBeLessThanOrEqual(1);
		// each money chart's title names its currency and the period
		for (const c of currencies)
			await expect(page.locator(`#h-collected-${c}`)).toHaveText(
				`Havonta beszedett összeg – ${c}, minden átadási hónap`
			);
		await expect(page.locator('#h-funnel')).toContainText('minden pénznem');
		// the funnel: placed first, its table beneath the chart
		const funnel = page.locator('#h-funnel ~ .pair table tbody tr');
		await expect(funnel.first().locator('th')).toHaveText('Átadva');
		expect(await funnel.count()).toBe(8);
		await expectNoCutColumns(page);
		if (process.env.DASH_SHOT)
			await page.screenshot({ path: process.env.DASH_SHOT, fullPage: true });
		await axeClean(page);
	});

	test('a filter lives in the address: it survives a reload and a shared link', async ({
		page
	}) => {
		// hydrated first: a choice made before that may be reset by it (a flaky run sent currency=)
		await gotoReady(page, '/creditor?lang=hu');
		await page.getByLabel('Pénznem', { exact: true }).selectOption('EUR');
		await page.getByRole('button', { name: /^Szűrés$/ }).click();
		await page.waitForURL(/[?&]currency=EUR/);
		const check = async () => {
			await expect(page.getByLabel('Pénznem', { exact: true })).toHaveValue('EUR');
			await expect(page.locator('[data-testid="headline-HUF"]')).toHaveCount(0);
			await expect(page.locator('[data-testid="headline-EUR"]')).toHaveCount(1);
		};
		await check();
		await page.reload();
		await check();
		// the CSV links carry the filter too
		await expect(page.getByTestId('csv-collected-EUR')).toHaveAttribute('href', /currency=EUR/);
		// a period in the address names itself in the titles
		await page.goto('/creditor?from=2025-01&to=2026-12');
		await expect(page.locator('#h-funnel')).toContainText('átadva 2025. jan. – 2026. dec.');
		await page.reload();
		await expect(page.locator('#f-from')).toHaveValue('2025-01');
		await expectNoCutColumns(page);
	});

	test('in English: words, English number format in tables, no cut columns, axe-clean', async ({
		page
	}) => {
		await page.goto('/creditor?lang=en');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Recovery overview');
		await expect(page.locator('#h-funnel')).toContainText('all currencies, all placement months');
		const cells = await page.locator('main table td.num').allTextContents();
		expect(cells.length).toBeGreaterThan(0);
		// no Hungarian decimal comma in English figures
		for (const c of cells) expect(c).not.toMatch(/\d,\d{1,2}\s*%/);
		await expectNoCutColumns(page);
		await axeClean(page);
		await page.goto('/creditor?lang=hu');
	});

	test('the placements page explains the template columns; the explanation downloads apart from the template', async ({
		page
	}) => {
		await page.goto('/creditor/placements?lang=hu');
		const guide = page.getByTestId('placement-guide');
		const rows = guide.locator('tbody tr');
		await expect(rows).toHaveCount(18);
		await expect(rows.first().locator('th')).toHaveText('reference');
		await expect(guide.locator('thead th')).toHaveText([
			'Oszlop',
			'Kötelező?',
			'Formátum',
			'Példa'
		]);
		await expectNoCutColumns(page, 1);
		const [dl] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('template-guide').click()
		]);
		const text = fs.readFileSync((await dl.path())!, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text).toContain('Oszlop;Kötelező?;Formátum;Példa');
		expect(text).toContain('tax_number;cégnél igen;');
		await axeClean(page);
	});
});
