/**
 * Operators' holds (/ops/holds, issue 16 item 2): find a claim by its reference, a refused form
 * says why next to each field, start a vulnerability hold (listed with its effect in words), end
 * it; the page follows the chosen language.
 */
import { expect, test } from '@playwright/test';
import { demo, e2eRow, signInStaff } from './access-helpers';

test('an operator finds a claim, starts a hold with a note and ends it', async ({ page }) => {
	const { reference } = e2eRow<{ reference: string }>(
		`SELECT reference FROM claims c WHERE status = 'open'
		   AND (SELECT count(*) FROM claims x WHERE x.reference = c.reference) = 1
		   AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.claim_id = c.id)
		 ORDER BY id DESC LIMIT 1`
	);
	await signInStaff(page, demo.operator);
	await page.goto('/ops');
	await page.getByRole('link', { name: 'Felfüggesztések' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Felfüggesztések' })).toBeVisible();

	await page.getByLabel('A követelés azonosítója').fill(reference);
	await page.getByRole('button', { name: 'Keresés' }).click();
	const card = page.getByRole('region', { name: `Követelés: ${reference}` });
	await expect(card).toBeVisible();
	await expect(card.getByText('Ennek a követelésnek nincs felfüggesztése.')).toBeVisible();

	// nothing chosen, no note: both refusals next to their fields, in Hungarian
	await card.getByRole('button', { name: 'Felfüggesztés' }).click();
	await expect(card.getByText('Válassza ki a felfüggesztés okát.')).toBeVisible();
	await expect(card.getByText('Írja le néhány szóban, miért (legalább 5 karakter).')).toBeVisible();
	await expect(card.getByLabel('Oka')).toHaveAttribute('aria-invalid', 'true');

	await card.getByLabel('Oka').selectOption({ label: 'Sérülékeny adós' });
	await card.getByLabel('Megjegyzés').fill('Telefonon jelezte, hogy kórházban van.');
	await card.getByRole('button', { name: 'Felfüggesztés' }).click();
	await expect(page.getByRole('status')).toHaveText(/A felfüggesztés érvényben van/);
	const table = card.getByRole('table', { name: 'A követelés felfüggesztései' });
	const row = table.getByRole('row').filter({ hasText: 'Sérülékeny adós' });
	await expect(row).toContainText('Nem keressük így: telefonhívás, személyes látogatás');
	await expect(row).toContainText('érvényben');
	await expect(row).toContainText('feloldásig');
	await expect(page.getByText('vulnerability')).toHaveCount(0);

	await page.getByRole('link', { name: 'English' }).click();
	const en = page.getByRole('region', { name: `Claim: ${reference}` });
	await expect(en.getByRole('row').filter({ hasText: 'Vulnerable debtor' })).toContainText(
		'No contact by phone call, visit; the clock runs'
	);
	await en.getByRole('button', { name: /End hold/ }).click();
	await expect(page.getByRole('status')).toHaveText(/The hold has ended/);
	await expect(en.getByRole('row').filter({ hasText: 'Vulnerable debtor' })).toContainText('ended');
	await expect(en.getByRole('button', { name: /End hold/ })).toHaveCount(0);
});
