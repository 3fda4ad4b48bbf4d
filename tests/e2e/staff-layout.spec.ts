/**
 * The staff layout for someone new to it: the skip link goes past the area's menu to the page, the
 * operators' search box has a label one can see, the logo leads a signed-in staff member home (not
 * to the public landing page), and a page of another role's area says in its heading that access is
 * not allowed.
 */
import { expect, test } from '@playwright/test';
import { demo, signInStaff } from './access-helpers';

test('an operator skips the menu, sees the search label, and the logo leads to /ops', async ({
	page
}) => {
	await signInStaff(page, demo.operator);
	await page.goto('/ops/payments');
	// the skip link is the first stop; following it, the next stop is past the menu
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Ugrás a tartalomhoz' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	const menu = page.getByRole('navigation', { name: 'Operátori menü' });
	expect(await menu.evaluate((n) => n.contains(document.activeElement))).toBe(false);
	await expect(page.getByRole('searchbox', { name: 'Adós vagy követelés keresése' })).toBeFocused();
	// a label one sees, not only one a screen reader hears
	await expect(page.locator('label[for="ops-q"]')).toBeVisible();

	await page.getByRole('link', { name: 'Rendez', exact: true }).click();
	await expect(page).toHaveURL(/\/ops$/);
});

test("a field agent on an operators' page reads that access is not allowed", async ({ page }) => {
	await signInStaff(page, demo.fieldAgent);
	await expect(page.getByRole('link', { name: 'Rendez', exact: true })).toHaveAttribute(
		'href',
		'/field'
	);
	const r = await page.goto('/ops');
	expect(r?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Nincs hozzáférése ehhez az oldalhoz'
	);
	await expect(page).toHaveTitle('Nincs hozzáférése ehhez az oldalhoz · Rendez');
});
