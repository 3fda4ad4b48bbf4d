/**
 * A cheap phone on a slow line shows a form seconds before its JavaScript runs. What a person types
 * or chooses in that time must still be there once the page wakes up (hydration would otherwise
 * write the drawn values back over it), and must be what the form sends.
 */
import { expect, test, type Page } from '@playwright/test';
import { demo, signInByLink, signInPage, unusedPersonClaim } from './access-helpers';

/** opens `path` with the page's JavaScript held back until `type` has run */
async function typeBeforeWaking(page: Page, path: string, type: () => Promise<void>) {
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(path, { waitUntil: 'commit' });
	await page.locator('main form').first().waitFor();
	await type();
	release();
	await page.waitForLoadState('networkidle');
	await page.unrouteAll();
	await page.evaluate(
		() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
	);
}

test('a part payment typed before the page wakes up is kept and sent', async ({ page }) => {
	const c = unusedPersonClaim('hardship_requests', 3);
	await signInByLink(page, c.debtor_id, c.birth_date);
	const amount = page.getByRole('textbox', { name: /Összeg|Amount/ });
	await typeBeforeWaking(page, `/my/claims/${c.id}/pay`, () => amount.fill('1000000000'));
	await expect(amount).toHaveValue('1000000000');
	// what is sent is what was typed: more than is owed, refused next to the field
	await page.getByRole('button', { name: /Tovább a fizetéshez|Continue to payment/ }).click();
	await expect(page.locator('#amount-error')).toBeVisible();
	await expect(amount).toHaveValue('1000000000');
});

test('dashboard filters chosen before the page wakes up are kept', async ({ page }) => {
	await signInPage(page, demo.creditorUsers.duna);
	await page.waitForURL((u) => u.pathname === '/creditor');
	await typeBeforeWaking(page, '/creditor', async () => {
		await page.locator('#f-from').fill('2026-03');
		await page.locator('#f-currency').selectOption({ index: 1 });
	});
	const currency = await page.locator('#f-currency option').nth(1).getAttribute('value');
	await expect(page.locator('#f-from')).toHaveValue('2026-03');
	await expect(page.locator('#f-currency')).toHaveValue(currency!);
	await page.getByRole('button', { name: /Szűrés|Apply/ }).click();
	await page.waitForURL((u) => u.searchParams.get('from') === '2026-03');
	expect(new URL(page.url()).searchParams.get('currency')).toBe(currency);
});
