/**
 * The debtor's own details (issue 19, item 8), in the browser: a postal address corrected at once;
 * a new e-mail address confirmed by the code sent to it (the sender's part, making the code, is
 * played here by writing its hash as `mintContactCode` does); operators see both changes with the
 * old values. Axe-clean in both languages at 360 px, without JavaScript enhancement.
 */
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import Database from '../../src/lib/server/db/sqlite';
import { debtorPage, demo, E2E_DB, e2eRow, gotoReady, staffPage } from './access-helpers';
import { axe } from './portal-helpers';

test.use({ viewport: { width: 360, height: 780 } });

test('postal address at once, e-mail with the code sent to it; operators see the history', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const d = e2eRow<{ id: number; birth_date: string; name: string; email: string | null }>(
		`SELECT id, birth_date, name, email FROM debtors WHERE kind = 'person' AND birth_date IS NOT NULL
		   AND name NOT IN (?, ?, ?) AND anonymized_at IS NULL ORDER BY id DESC LIMIT 1 OFFSET 9`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);
	const debtor = await debtorPage(browser, d.id, d.birth_date);
	await debtor.getByRole('link', { name: 'Elérhetőségeim módosítása' }).click();
	await debtor.waitForURL('**/my/details');
	// hydrated before typing: on a slow machine a value typed earlier may be reset by hydration
	await debtor.waitForLoadState('networkidle');
	await axe(debtor);
	// the code goes to the new address, or to the new number
	await expect(debtor.locator('#email-hint')).toHaveText(
		'Erre az új címre küldünk egy hatjegyű kódot.'
	);
	await expect(debtor.locator('#phone-hint')).toHaveText(
		'Erre az új számra küldünk egy hatjegyű kódot.'
	);

	// a postal code that is not one: said next to it, the rest kept
	await debtor.locator('#postalCode').fill('12');
	await debtor.locator('#address').fill('Kárász utca 5.');
	await debtor.getByRole('button', { name: 'Postacím mentése' }).click();
	await expect(debtor.locator('#postalCode-error')).toContainText('négyjegyű');
	await expect(debtor.locator('#address')).toHaveValue('Kárász utca 5.');
	await debtor.locator('#postalCode').fill('6720');
	await debtor.locator('#city').fill('Szeged');
	await debtor.getByRole('button', { name: 'Postacím mentése' }).click();
	await expect(debtor.getByTestId('details-saved')).toContainText('Új postacímét mentettük');
	await debtor.waitForLoadState('networkidle');

	// a new e-mail address: a code goes to it, nothing changes until it is typed back
	const newEmail = `uj-${d.id}@example.com`;
	await debtor.locator('#email').fill(newEmail);
	await debtor.getByRole('button', { name: 'Kód küldése' }).first().click();
	await expect(debtor.getByTestId('details-code-sent')).toContainText('új e-mail-címre');
	const pending = debtor.getByTestId('pending-change');
	await expect(pending).toContainText(newEmail);
	const change = e2eRow<{ id: number; channel: string }>(
		`SELECT c.id, o.channel FROM contact_changes c JOIN outbox o ON o.template = 'contact_code'
		   AND o.params_json = '{"changeId":' || c.id || '}' WHERE c.debtor_id = ? ORDER BY c.id DESC LIMIT 1`,
		d.id
	);
	expect(change.channel).toBe('email');
	// the sender makes the code and keeps its hash (mintContactCode); here the code is 246810
	const db = new Database(E2E_DB);
	try {
		db.prepare('UPDATE contact_changes SET code_hash = ? WHERE id = ?').run(
			createHash('sha256').update(`contact-code|${change.id}|246810`).digest('hex'),
			change.id
		);
	} finally {
		db.close();
	}
	await pending.getByLabel('A kapott hatjegyű kód').fill('135791');
	await pending.getByRole('button', { name: 'Megerősítés' }).click();
	await expect(debtor.locator(`#code-${change.id}-err`)).toContainText('nem egyezik');
	await axe(debtor);
	await debtor.getByTestId('pending-change').getByLabel('A kapott hatjegyű kód').fill('246 810');
	await debtor.getByTestId('pending-change').getByRole('button', { name: 'Megerősítés' }).click();
	await expect(debtor.getByTestId('details-saved')).toContainText('Új e-mail-címét mentettük');
	await expect(debtor.getByText(newEmail)).toBeVisible();
	await expect(debtor.getByTestId('pending-change')).toHaveCount(0);

	await gotoReady(debtor, '/my/details?lang=en');
	await expect(debtor.getByRole('heading', { level: 1 })).toHaveText('My contact details');
	await axe(debtor);

	// operators see the changes, with what was there before
	const operator = await staffPage(browser, demo.operator);
	await gotoReady(operator, '/ops/contacts');
	const rows = operator.getByTestId('contact-changes').locator('tr', { hasText: d.name });
	await expect(rows).toHaveCount(2);
	await expect(rows.filter({ hasText: 'Postacím' })).toContainText('6720 Szeged Kárász utca 5.');
	await expect(rows.filter({ hasText: 'E-mail-cím' })).toContainText(newEmail);
	if (d.email) await expect(rows.filter({ hasText: 'E-mail-cím' })).toContainText(d.email);
});
