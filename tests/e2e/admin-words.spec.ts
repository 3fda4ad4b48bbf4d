/**
 * Admins read words, not codes: the audit log names each action and entity in the page's
 * language, its filters offer words (the code stays the value), and it fits a phone's width.
 */
import { expect, test, type Page } from '@playwright/test';
import { demo, signInStaff } from './access-helpers';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../src/lib/domain/audit-actions';

const escape = (s: string) => s.replace(/[.]/g, '\\.');
/** every action code, and the entity names no language uses as a word */
const CODES = new RegExp(
	`(^|[^\\w.])(${[...AUDIT_ACTIONS, ...AUDIT_ENTITIES.filter((e) => e.includes('_'))]
		.map(escape)
		.join('|')})(?![\\w.])`
);

const codeIn = async (page: Page) =>
	(await page.locator('main').innerText()).match(CODES)?.[2] ?? null;

test('the audit log reads in words, and its filters choose by words', async ({ page }) => {
	await signInStaff(page, demo.admin);
	await page.goto('/admin/audit');
	const table = page.getByRole('table');
	await expect(table.getByRole('cell', { name: /^Belépés/ }).first()).toBeVisible();
	await expect(table.getByRole('cell', { name: /^Mintaadatok betöltve/ })).toBeVisible();
	expect(await codeIn(page)).toBeNull();

	// the entity filter names entities in words; the action filter chooses by words
	await expect(page.getByLabel('Tárgy').locator('option', { hasText: 'felhasználó' })).toHaveCount(
		1
	);
	await page.getByLabel('Művelet').selectOption({ label: 'Belépés' });
	await page.getByRole('button', { name: 'Szűrés' }).click();
	await page.waitForURL(/[?&]action=auth\.login(&|$)/);
	await expect(page.getByLabel('Művelet').locator('option:checked')).toHaveText('Belépés');
	const what = table.locator('tbody tr td:nth-child(4)');
	expect(await what.count()).toBeGreaterThan(0);
	// exactly this action: not "Jelszó elfogadva…" (auth.login_password) nor failed sign-ins
	for (const text of await what.allInnerTexts()) expect(text).toMatch(/^Belépés\n/);

	// a whole area by its words
	await page.getByLabel('Művelet').selectOption({ label: 'Belépés: mind' });
	await page.getByRole('button', { name: 'Szűrés' }).click();
	await page.waitForURL(/[?&]action=auth\.(&|$)/);
	expect(await codeIn(page)).toBeNull();

	await page.getByRole('link', { name: 'English' }).click();
	await expect(table.getByRole('cell', { name: /^Signed in/ }).first()).toBeVisible();
	expect(await codeIn(page)).toBeNull();
});

test('the audit log fits a phone screen', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 800 });
	await signInStaff(page, demo.admin);
	await page.goto('/admin/audit');
	await expect(page.getByRole('table')).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});
