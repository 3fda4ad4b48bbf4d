/**
 * What people see of messages (issue 17 item 4): an admin edits a template (a refused text stays
 * as typed, with the rule next to the field; a good one is saved as the next version, and the
 * history shows it); an operator filters /ops/messages, opens a message, sends a failed one
 * again and cancels a queued one; the debtor's claim page lists what was sent about that claim.
 *
 * The e2e seed sends no messages, so the spec writes a few rows of its own (as the dispatcher
 * would leave them) for a debtor no other spec uses.
 */
import { expect, test } from '@playwright/test';
import Database from '../../src/lib/server/db/sqlite';
import {
	axeClean,
	demo,
	E2E_DB,
	e2eRow,
	signInByLink,
	signInPage,
	signInStaff
} from './access-helpers';

const DAY = 86_400_000;

interface Target {
	id: number;
	debtor_id: number;
	name: string;
	reference: string;
	birth_date: string;
}

/** A person with one open claim, not a demo debtor (other specs use theirs), whom no other spec has written to. */
const target = () =>
	e2eRow<Target>(
		`SELECT c.id, c.debtor_id, d.name, c.reference, d.birth_date FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE d.kind = 'person' AND d.birth_date IS NOT NULL AND d.anonymized_at IS NULL
		    AND d.name NOT IN (?, ?, ?) AND c.status = 'open'
		    AND (SELECT count(*) FROM claims x WHERE x.debtor_id = d.id) = 1
		    AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.debtor_id = d.id AND m.source <> 'staff')
		  ORDER BY c.id DESC LIMIT 1`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);

/** Writes messages rows for the target's claim; returns their ids by name. */
function writeMessages(t: Target) {
	const db = new Database(E2E_DB);
	const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
	const insert = db.prepare(
		`INSERT INTO messages (debtor_id, claim_id, channel, template_key, language, source, dedupe_key,
		   to_address, subject, body, body_hash, status, status_reason, scheduled_at, sent_at, created_at, updated_at)
		 VALUES (?, ?, ?, ?, 'hu', 'engine', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	);
	const now = Date.now();
	const row = (
		name: string,
		channel: string,
		template: string,
		status: string,
		reason: string | null,
		at: number,
		subject: string | null,
		body: string | null
	) =>
		insert
			.pluck()
			.get(
				t.debtor_id,
				t.id,
				channel,
				template,
				`e2e:${name}:${stamp}`,
				body ? (channel === 'letter' ? 'postal' : 'someone@example.test') : null,
				subject,
				body,
				body ? 'cd'.repeat(32) : null,
				status,
				reason,
				at,
				body ? at : null,
				at,
				at
			) as number;
	try {
		return {
			email: row(
				'email',
				'email',
				'friendly.reminder',
				'delivered',
				null,
				now - 3 * DAY,
				'Egy ügye vár Önre',
				'Tisztelt Ügyfelünk! E2E-SZÖVEG'
			),
			sms: row(
				'sms',
				'sms',
				'firm.reminder',
				'failed',
				'provider_error',
				now - 2 * DAY,
				null,
				'Rendez: x STOP'
			),
			letter: row(
				'letter',
				'letter',
				'formal.notice',
				'sent',
				null,
				now - DAY,
				'Hivatalos felszólítás',
				'Tisztelt ...'
			),
			// waits far ahead, so no dispatcher takes it before the operator cancels it
			queued: row('queued', 'email', 'plan.offer', 'queued', null, now + 30 * DAY, null, null)
		};
	} finally {
		db.close();
	}
}

test('an admin edits a template: a refused text stays as typed; saved twice it is version 2', async ({
	page
}) => {
	await signInPage(page, demo.admin);
	await page.goto('/admin/templates');
	await expect(page.getByRole('heading', { level: 1, name: 'Üzenetsablonok' })).toBeVisible();
	await axeClean(page);
	await page
		.getByRole('link', { name: 'Szerkesztés: Részletfizetési ajánlat, SMS, angol' })
		.click();
	await expect(page.getByTestId('current-version')).toContainText('Aktuális verzió: 0');
	await expect(page.getByTestId('preview')).toContainText('https://');
	await axeClean(page);

	const body = page.getByLabel('Szöveg');
	const bad = 'Rendez: please pay your debt here: {link} Reply STOP to opt out';
	await body.fill(bad);
	await page.getByRole('button', { name: 'Mentés új verzióként' }).click();
	await expect(page.getByText(/nem szerepelhet, miről szól az ügy/)).toBeVisible();
	await expect(body).toHaveValue(bad);
	await expect(body).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByTestId('current-version')).toContainText('Aktuális verzió: 0');
	// the preview is still the saved text's, and says so beside the refused one
	await expect(page.getByTestId('preview-of-saved')).toContainText(
		'a mentett 0. változatot mutatja'
	);
	await expect(page.getByTestId('preview')).not.toContainText('pay your debt');
	await axeClean(page);

	await body.fill('Rendez: you can settle in installments here: {link} Reply STOP to opt out');
	await page.getByRole('button', { name: 'Mentés új verzióként' }).click();
	await expect(page.getByText('Elmentettük; ez a sablon 1. verziója.')).toBeVisible();
	await expect(page.getByTestId('preview-of-saved')).toHaveCount(0);
	await body.fill('Rendez: installments are possible, see: {link} Reply STOP to opt out');
	await page.getByRole('button', { name: 'Mentés új verzióként' }).click();
	await expect(page.getByText('Elmentettük; ez a sablon 2. verziója.')).toBeVisible();
	await expect(page.getByTestId('current-version')).toContainText('Aktuális verzió: 2');
	const history = page.getByTestId('history');
	await expect(history.getByRole('row')).toHaveCount(4);
	await page.getByRole('link', { name: '1. verzió megtekintése' }).click();
	await expect(page.getByText('Ez a sablon 1. verziójának szövege')).toBeVisible();
	await expect(page.getByLabel('Szöveg')).toHaveValue(/settle in installments/);

	await page.goto('/admin/templates');
	const row = page
		.getByTestId('templates')
		.getByRole('row')
		.filter({ hasText: 'Részletfizetési ajánlat' })
		.filter({ hasText: 'angol' })
		.filter({ hasText: 'SMS' });
	await expect(row).toContainText('2');
	await expect(row).toContainText(demo.admin.name);
});

test('an operator filters /ops/messages, resends a failed message and cancels a queued one', async ({
	page
}) => {
	const t = target();
	const ids = writeMessages(t);
	await signInStaff(page, demo.operator);
	await page.goto('/ops');
	await page.getByRole('link', { name: 'Üzenetnapló', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Üzenetnapló' })).toBeVisible();
	await axeClean(page);

	await page.getByLabel('Adós neve vagy ügyazonosító').fill(t.reference);
	await page.getByLabel('Állapot').selectOption({ label: 'Sikertelen' });
	await page.getByRole('button', { name: 'Szűrés' }).click();
	await page.waitForURL((u) => u.searchParams.get('status') === 'failed');
	const table = page.getByTestId('messages');
	await expect(table.getByRole('row')).toHaveCount(2);
	const failed = table.getByRole('row').nth(1);
	await expect(failed).toContainText(t.name);
	await expect(failed).toContainText('SMS');
	await expect(failed).toContainText('Határozott emlékeztető');
	await expect(failed).toContainText('A szolgáltató hibát jelzett.');
	await expect(table).not.toContainText(/provider_error|firm\.reminder|\bfailed\b/);
	await axeClean(page);

	// by channel: the letter
	await page.goto(`/ops/messages?q=${encodeURIComponent(t.name)}&channel=letter`);
	await expect(page.getByTestId('messages').getByRole('row')).toHaveCount(2);
	await expect(page.getByTestId('messages')).toContainText('Hivatalos felszólítás (levél)');

	await page.goto(`/ops/messages/${ids.email}`);
	await expect(page.getByTestId('message-body')).toContainText('E2E-SZÖVEG');
	await expect(page.getByTestId('message-hash')).toHaveText('cd'.repeat(32));
	await axeClean(page);

	await page.goto(`/ops/messages/${ids.sms}`);
	await page.getByRole('button', { name: 'Újraküldés' }).click();
	await expect(page.getByText(/Az új üzenetet \(#\d+\) küldésre előkészítettük/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Újraküldés' })).toHaveCount(0);

	await page.goto(`/ops/messages/${ids.queued}`);
	await page.getByRole('button', { name: 'Visszavonás' }).click();
	await expect(page.getByText('Az üzenetet visszavontuk; nem megy ki.')).toBeVisible();
	await expect(page.getByTestId('message-status')).toHaveText('Visszavonva');
	await axeClean(page);
});

test("the debtor's claim page lists the messages and letters sent about it", async ({ page }) => {
	const t = target();
	const ids = writeMessages(t);
	await signInByLink(page, t.debtor_id, t.birth_date);
	await page.goto(`/my/claims/${t.id}`);
	const list = page.getByTestId('claim-messages');
	await expect(list.getByRole('heading')).toHaveText('Üzeneteink és leveleink ebben az ügyben');
	// delivered e-mail and the letter; not the failed SMS, not the queued one
	await expect(list).toContainText('Egy ügye vár Önre');
	await expect(list.locator(`a[href="/my/claims/${t.id}/letters/${ids.letter}"]`)).toHaveText(
		'Hivatalos felszólítás (PDF)'
	);
	await expect(list).not.toContainText('SMS');
	await axeClean(page);
});
