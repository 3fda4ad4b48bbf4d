/**
 * The case page (issue 18 item 2): an operator finds a debtor with the search box, opens the case
 * file from the result, adds a note, filters the timeline down to notes (the filter is in the
 * address), and the page reads in words and passes axe at a laptop's 1366 px.
 */
import { expect, test } from '@playwright/test';
import { axeClean, demo, signInStaff, WCAG22_AA } from './access-helpers';

test.use({ viewport: { width: 1366, height: 900 } });

test('an operator searches a debtor, opens the case, adds a note and filters the timeline', async ({
	page
}) => {
	await signInStaff(page, demo.operator);
	await page.goto('/ops');
	// the home: each queue with its count, accessible too
	await expect(page.getByTestId('ops-queues').getByRole('listitem')).toHaveCount(9);
	await axeClean(page, WCAG22_AA);
	await page.getByRole('searchbox', { name: 'Adós vagy követelés keresése' }).fill('kovacs anna');
	await page.getByRole('button', { name: 'Mehet' }).click();
	await page.waitForURL((u) => u.pathname === '/ops/search');
	await page
		.getByTestId('search-debtors')
		.getByRole('link', { name: demo.debtors.anna.name })
		.click();
	await page.waitForURL((u) => /^\/ops\/debtors\/\d+$/.test(u.pathname));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		`Ügyirat: ${demo.debtors.anna.name}`
	);
	// her claims, with money, stage and status in words; a link to log a call on each
	const claims = page.getByTestId('case-claims');
	await expect(claims.getByRole('row').nth(1)).toContainText(/Ft/);
	await expect(claims.getByRole('link', { name: /Hívás rögzítése/ }).first()).toHaveAttribute(
		'href',
		/^\/ops\/claims\/\d+\/call$/
	);
	const timeline = page.getByTestId('case-timeline');
	await expect(timeline.getByRole('row').nth(1)).toBeVisible();
	// no codes anywhere on the page
	expect(await page.locator('main').innerText()).not.toMatch(
		/\b(friendly_reminder|firm_reminder|formal_notice|bank_transfer|installment_reminder|in_plan|succeeded|no_answer|c1_window)\b/
	);
	await axeClean(page, WCAG22_AA);

	// a note on her whole case
	const text = `Visszahívást kért, e2e ${Date.now()}`;
	await page.getByLabel('Melyik követeléshez?').selectOption({ label: 'Az adós egész ügyéhez' });
	await page.getByLabel('Feljegyzés', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Feljegyzés mentése' }).click();
	await expect(page.getByText('A feljegyzést mentettük.')).toBeVisible();
	await expect(timeline).toContainText(text);

	// an empty note is refused next to the field, nothing lost
	await page.getByRole('button', { name: 'Feljegyzés mentése' }).click();
	await expect(page.getByLabel('Feljegyzés', { exact: true })).toHaveAttribute(
		'aria-invalid',
		'true'
	);

	// only notes: the filter goes into the address, every row is a note, ours among them
	await page.getByRole('checkbox', { name: /^Feljegyzés/ }).check();
	await page.getByRole('button', { name: 'Szűrés', exact: true }).click();
	await page.waitForURL((u) => u.searchParams.getAll('kind').join() === 'note');
	const rows = timeline.locator('tbody tr');
	const n = await rows.count();
	expect(n).toBeGreaterThan(0);
	for (let i = 0; i < n; i++) await expect(rows.nth(i)).toHaveAttribute('data-kind', 'note');
	await expect(timeline).toContainText(text);
	await axeClean(page, WCAG22_AA);
});
