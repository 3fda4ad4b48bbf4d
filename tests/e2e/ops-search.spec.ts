/**
 * The operator search (issue 18 item 1): the box on every /ops page finds a demo debtor by the
 * name typed without accents, and lists the debtor's claims' references in words; a query too
 * short says so next to the field.
 */
import { expect, test } from '@playwright/test';
import { demo, signInStaff } from './access-helpers';

test('an operator types "kovacs" in the box on /ops and finds Kovács Anna', async ({ page }) => {
	await signInStaff(page, demo.operator);
	await page.goto('/ops');
	await page.getByRole('searchbox', { name: 'Adós vagy követelés keresése' }).fill('kovacs');
	await page.getByRole('button', { name: 'Mehet' }).click();
	await page.waitForURL(
		(u) => u.pathname === '/ops/search' && u.searchParams.get('q') === 'kovacs'
	);
	await expect(page.getByRole('heading', { level: 1, name: 'Keresés' })).toBeVisible();
	const debtors = page.getByTestId('search-debtors');
	const anna = debtors.getByRole('row').filter({ hasText: demo.debtors.anna.name });
	await expect(anna).toBeVisible();
	expect(demo.debtors.anna.name).toBe('Kovács Anna');
	// her claims and her balance, in words and money, no codes
	await expect(anna).toContainText(/Ft/);

	// too short: said next to the field, no error page
	await page.getByLabel('Keresett szöveg').fill('ko');
	await page.getByRole('button', { name: 'Keresés' }).click();
	await page.waitForURL((u) => u.searchParams.get('q') === 'ko');
	await expect(page.getByText('Legalább 3 karaktert írjon be.')).toBeVisible();
	await expect(page.getByLabel('Keresett szöveg')).toHaveAttribute('aria-invalid', 'true');

	// FTS syntax is just text: no error page
	await page.getByLabel('Keresett szöveg').fill('"kov* NEAR(');
	await page.getByRole('button', { name: 'Keresés' }).click();
	await expect(page.getByText('Nincs ilyen adós.')).toBeVisible();
});

test('a claim is found by the beginning of its reference, its stage and status in words', async ({
	page
}) => {
	await signInStaff(page, demo.operator);
	await page.goto('/ops/search?q=DB-');
	const claims = page.getByTestId('search-claims');
	await expect(claims.getByRole('row').nth(1)).toContainText(/DB-/);
	await expect(claims).not.toContainText(/friendly_reminder|formal_notice|in_plan|\bopen\b/);
});
