/**
 * The operators' call and visit queue (issue 16, item 5): reached from the ops menu, the engine's
 * tasks in words with whether a contact is allowed right now (C1/C2/C8, also in words), on a
 * phone-width screen, accessible. Whether a contact is allowed depends on the hour the test runs,
 * so it checks that each task says one or the other, and that recording it answers in words.
 */
import { expect, test } from '@playwright/test';
import { axeClean, demo, signInStaff, WCAG22_AA } from './access-helpers';

test('the call and visit queue says in words what is due and whether a contact is allowed now', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 800 });
	await signInStaff(page, demo.operator);
	await page
		.getByRole('navigation', { name: 'Operátori menü' })
		.getByRole('link', { name: 'Tervezett hívások és látogatások' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Tervezett hívások és látogatások'
	);
	const cards = page.locator('section.card');
	const n = await cards.count();
	const body = await page.locator('main').innerText();
	// no codes: channels, stages and rule names in words
	expect(body).not.toMatch(/\b(call|visit|firm_reminder|formal_notice|c1_window|c2_cap)\b/);
	if (n === 0) await expect(page.getByText('Nincs esedékes hívás vagy látogatás.')).toBeVisible();
	else {
		const first = cards.first();
		await expect(first).toContainText(/Most szabad kapcsolatba lépni|Most nem szabad|Nem szabad/);
		// recording without choosing an outcome is refused next to the field
		await first.getByRole('button', { name: 'Rögzítés' }).click();
		await expect(first.getByText(/kötelező|Kérjük/i)).toBeVisible();
	}
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await axeClean(page, WCAG22_AA);
});
