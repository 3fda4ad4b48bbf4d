/**
 * Operators read words, not codes: the payments list names each payment's provider in the page's
 * language ("banki átutalás", not `bank_transfer`).
 */
import { expect, test } from '@playwright/test';
import { demo, signInStaff } from './access-helpers';

test('the payments list names providers in words, in Hungarian and English', async ({ page }) => {
	await signInStaff(page, demo.operator);
	await page.goto('/ops/payments');
	const rows = page.getByRole('row');
	await expect(rows.filter({ hasText: 'banki átutalás' }).first()).toBeVisible();
	for (const code of ['bank_transfer', 'demo', 'stripe'])
		await expect(page.getByRole('cell', { name: code, exact: true })).toHaveCount(0);
	await page.getByRole('link', { name: 'English' }).click();
	await expect(rows.filter({ hasText: 'bank transfer' }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: 'bank_transfer', exact: true })).toHaveCount(0);
});

/** Codes that must never reach an operator's screen (issue 18 item 6). */
const CODES =
	/\b(bank_transfer|installment_reminder|plan_countered|plan_active|plan_review|plan_broken|friendly_reminder|firm_reminder|formal_notice|in_plan|down_payment|no_answer|c1_window|c2_cap|c2_after_conversation|c8_opted_out|stop_clock|legal_representation|wrong_amount|not_mine|already_paid|statute_barred|friendly\.reminder|firm\.reminder|formal\.notice|legal\.notice|plan\.offer|hold\.start|claim\.stage|note\.add)\b/;

test('every operator page, the case page too, reads in words, on the whole width of the screen', async ({
	page
}) => {
	await page.setViewportSize({ width: 1920, height: 1000 });
	await signInStaff(page, demo.operator);
	// the case page of a demo debtor, found as an operator finds it
	await page.goto('/ops/search?q=kovacs');
	await page
		.getByTestId('search-debtors')
		.getByRole('link', { name: demo.debtors.anna.name })
		.click();
	await page.waitForURL((u) => /^\/ops\/debtors\/\d+$/.test(u.pathname));
	const casePath = new URL(page.url()).pathname;
	for (const path of [
		'/ops',
		'/ops/plans',
		'/ops/disputes',
		'/ops/tasks',
		'/ops/holds?ref=DB-',
		'/ops/payments',
		'/ops/outbox',
		'/ops/engine',
		'/ops/handovers',
		'/ops/search?q=DB-',
		casePath
	]) {
		await page.goto(path);
		const text = await page.locator('main').innerText();
		expect(text.match(CODES)?.[0] ?? null, path).toBeNull();
		// the page uses the screen: the main column is far wider than the 60rem of public pages
		const width = await page.locator('main').evaluate((m) => m.getBoundingClientRect().width);
		expect(width, path).toBeGreaterThan(1600);
	}
	// the seed's oldest open dispute is long past its answer deadline: its card says so
	await page.goto('/ops/disputes');
	await expect(page.locator('.late').first()).toHaveText(/a válaszhatáridő lejárt/);
	// references and dates stay on one line
	await page.goto('/ops/payments');
	const ref = page.getByRole('table').first().locator('tbody tr td.nowrap').first();
	await expect(ref).toHaveCSS('white-space', 'nowrap');
});
