/**
 * Walkthrough s16 in the browser: an operator is not offered "Send again" for a failed reminder
 * about a claim that is already paid, and reads why (C7); a debtor's contact time wholly outside
 * the contact window is refused next to the field, with what was typed kept (C1).
 *
 * The e2e seed sends no messages, so the spec writes one failed reminder of its own for a paid
 * claim of a person with no messages; the preferences refusal saves nothing, and the debtor is
 * taken from the other end of the claims table than the specs that write to theirs.
 */
import { expect, test } from '@playwright/test';
import Database from '../../src/lib/server/db/sqlite';
import { axeClean, demo, E2E_DB, e2eRow, signInByLink, signInStaff } from './access-helpers';

test('a failed reminder about a paid claim is not offered again, and the page says why', async ({
	page
}) => {
	const t = e2eRow<{ id: number; debtor_id: number }>(
		`SELECT c.id, c.debtor_id FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE c.status = 'paid' AND d.anonymized_at IS NULL AND d.name NOT IN (?, ?, ?)
		    AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.debtor_id = d.id)
		  ORDER BY c.id LIMIT 1`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);
	expect(t, 'the seed has a paid claim').toBeTruthy();
	const db = new Database(E2E_DB);
	let id: number;
	try {
		const now = Date.now();
		id = Number(
			db
				.prepare(
					`INSERT INTO messages (debtor_id, claim_id, channel, template_key, language, source, dedupe_key,
					                       status, status_reason, scheduled_at, created_at, updated_at)
					 VALUES (?, ?, 'sms', 'firm.reminder', 'hu', 'engine', ?, 'failed', 'provider_error', ?, ?, ?)`
				)
				.run(t.debtor_id, t.id, `e2e-s16:${t.id}:${now}`, now, now, now).lastInsertRowid
		);
	} finally {
		db.close();
	}
	await signInStaff(page, demo.operator);
	await page.goto(`/ops/messages/${id}`);
	await expect(page.getByTestId('message-status')).toHaveText('Sikertelen');
	await expect(page.getByTestId('resend-refusal')).toHaveText(
		'Nem küldhető újra: az ügy rendezett vagy lezárt, ezért emlékeztető vagy felszólítás már nem mehet ki róla.'
	);
	await expect(page.getByRole('button', { name: 'Újraküldés' })).toHaveCount(0);
	await axeClean(page);
});

test('a contact time outside the contact window is refused next to the field, as typed; one reaching past it is saved and the page says which part is used', async ({
	page
}) => {
	const t = e2eRow<{ debtor_id: number; birth_date: string }>(
		`SELECT c.debtor_id, d.birth_date FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE c.status = 'open' AND d.kind = 'person' AND d.birth_date IS NOT NULL
		    AND d.anonymized_at IS NULL AND d.name NOT IN (?, ?, ?)
		  ORDER BY c.id LIMIT 1`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);
	await signInByLink(page, t.debtor_id, t.birth_date);
	await page.goto('/my/preferences');
	await page.locator('#preferredFrom').fill('21:00');
	await page.locator('#preferredTo').fill('22:00');
	await page.getByRole('button', { name: 'Mentés' }).click();
	await expect(page.getByText(/Ebben az időszakban nem kereshetjük/)).toBeVisible();
	await expect(page.getByText('Elmentettük a beállításait.')).toHaveCount(0);
	await expect(page.locator('#preferredFrom')).toHaveValue('21:00');
	await expect(page.locator('#preferredTo')).toHaveValue('22:00');
	await axeClean(page);
	// hours reaching past it are saved, and the page says which part of them is used
	await expect(page.getByTestId('hours-clipped')).toHaveCount(0);
	await page.locator('#preferredFrom').fill('18:00');
	await page.getByRole('button', { name: 'Mentés' }).click();
	await expect(page.getByText('Elmentettük a beállításait.')).toBeVisible();
	await expect(page.getByTestId('hours-clipped')).toContainText('18:00 és 20:00 között');
	await axeClean(page);
	await page.locator('#preferredTo').fill('19:00');
	await page.getByRole('button', { name: 'Mentés' }).click();
	await expect(page.getByTestId('hours-clipped')).toHaveCount(0);
});
