/**
 * Operators read words, not codes: the payments list names each payment's provider in the page's
 * language ("banki átutalás", not `bank_transfer`).
 */
import { expect, test } from '@playwright/test';
import { demo, signInPage } from './access-helpers';

test('the payments list names providers in words, in Hungarian and English', async ({ page }) => {
	await signInPage(page, demo.operator);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await page.goto('/ops/payments');
	const rows = page.getByRole('row');
	await expect(rows.filter({ hasText: 'banki átutalás' }).first()).toBeVisible();
	for (const code of ['bank_transfer', 'demo', 'stripe'])
		await expect(page.getByRole('cell', { name: code, exact: true })).toHaveCount(0);
	await page.getByRole('link', { name: 'English' }).click();
	await expect(rows.filter({ hasText: 'bank transfer' }).first()).toBeVisible();
	await expect(page.getByRole('cell', { name: 'bank_transfer', exact: true })).toHaveCount(0);
});
