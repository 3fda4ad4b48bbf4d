/**
 * Bank statement import (issue 19 item 5): an operator uploads a camt.053 statement at /ops/bank;
 * the worker posts the credit that names a claim (typed in lower case with spaces), skips the
 * debit, and queues the credit without a reference; the operator finds a claim and matches it by
 * hand. Both pages are axe-clean.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeClean, demo, e2eRow, signInStaff } from './access-helpers';
import { camt053 } from '../helpers/bank-files';

type Claim = { id: number; reference: string; balance: number };

/** Two open forint claims of debtors no other spec signs in as (newest first). */
function twoClaims(): [Claim, Claim] {
	const names = Object.values(demo.debtors).map((d) => d.name);
	const sql = `SELECT c.id, c.reference, c.balance_minor AS balance FROM claims c JOIN debtors d ON d.id = c.debtor_id
		WHERE c.status = 'open' AND c.currency = 'HUF' AND c.balance_minor >= 1000000
		  AND d.anonymized_at IS NULL AND d.name NOT IN (SELECT value FROM json_each(?))
		  AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.claim_id = c.id AND p.status = 'pending')
		ORDER BY c.id DESC LIMIT 1 OFFSET ?`;
	return [
		e2eRow<Claim>(sql, JSON.stringify(names), 0),
		e2eRow<Claim>(sql, JSON.stringify(names), 1)
	];
}

/** Uploads a statement on /ops/bank and waits for its page. */
async function upload(page: Page, xml: string) {
	await page.getByLabel(/Kivonat/).setInputFiles({
		name: 'kivonat.xml',
		mimeType: 'application/xml',
		buffer: Buffer.from(xml)
	});
	await page.getByRole('button', { name: 'Feltöltés' }).click();
	await page.waitForURL(/\/ops\/bank\/\d+$/);
}

const balanceOf = (id: number) =>
	e2eRow<{ b: number }>('SELECT balance_minor AS b FROM claims WHERE id = ?', id).b;

test('an operator imports a statement, sees what was posted and what waits, and matches one by hand', async ({
	page
}) => {
	test.setTimeout(90_000);
	const [first, second] = twoClaims();
	const run = Date.now();
	// what a debtor types: lower case, spaces for dashes
	const typed = first.reference.toLowerCase().replace(/-/g, ' ');
	const xml = camt053([
		{ ref: `E2E-${run}-1`, amount: '1000.00', text: `befizetes ${typed}`, debtor: 'Próba Pál' },
		{ ref: `E2E-${run}-2`, amount: '2000.00', text: 'koszonom', debtor: 'Minta Márta' },
		{ ref: `E2E-${run}-3`, amount: '150.00', credit: false, text: 'számlavezetési díj' }
	]);

	await signInStaff(page, demo.operator);
	await page.goto('/ops/bank');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Bankszámlakivonat betöltése' })
	).toBeVisible();
	// the CSV form is documented on the page
	await page.getByText('A CSV formátum').click();
	await expect(page.getByTestId('bank-csv-columns')).toContainText('remittance');
	await axeClean(page);

	await upload(page, xml);
	// the worker reads it; the page reloads itself until it is done
	await expect(page.getByTestId('bank-status')).toContainText('1 könyvelve', { timeout: 30_000 });
	await expect(page.getByTestId('bank-status')).toContainText('1 párosításra vár');
	await expect(page.getByTestId('bank-status')).toContainText('1 kihagyva');
	const entries = page.getByTestId('bank-entries');
	await expect(entries.locator(`tr[data-ref="E2E-${run}-1"]`)).toContainText(first.reference);
	await expect(entries.locator(`tr[data-ref="E2E-${run}-1"]`)).toContainText(
		'könyvelve (közlemény alapján)'
	);
	// the booking day in words, not as stored
	await expect(entries.locator(`tr[data-ref="E2E-${run}-1"] td`).first()).toHaveText(
		/^2026\. márc\.\s2\.$/
	);
	await expect(entries.locator(`tr[data-ref="E2E-${run}-3"]`)).toContainText('terhelés');
	await axeClean(page);
	expect(balanceOf(first.id)).toBe(first.balance - 100_000);

	// the credit without a reference waits; the operator finds the claim and posts it there
	await entries
		.locator(`tr[data-ref="E2E-${run}-2"]`)
		.getByRole('link', { name: 'Párosítás' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Jóváírás párosítása' })).toBeVisible();
	await expect(page.getByText('nincs ismert követelésazonosító')).toBeVisible();
	await page
		.getByRole('textbox', { name: 'Követelés azonosítója vagy adós' })
		.fill(second.reference);
	await page.getByRole('button', { name: 'Keresés' }).click();
	await page
		.getByTestId('bank-candidates')
		.getByRole('button', { name: new RegExp(`^Könyvelés az? ${second.reference} követelésre$`) })
		.click();
	await expect(
		page.getByText(new RegExp(`^Könyveltük az? ${second.reference} követelésre\\.$`))
	).toBeVisible();
	await axeClean(page);
	expect(balanceOf(second.id)).toBe(second.balance - 200_000);

	// no longer in the queue
	await page.goto('/ops/bank');
	await expect(page.locator(`tr[data-ref="E2E-${run}-2"]`)).toHaveCount(0);
});

test("a transfer's overpayment is given back by a transfer the operator records on the payments page", async ({
	page
}) => {
	test.setTimeout(90_000);
	const claim = twoClaims()[1];
	const run = Date.now();
	// 500 Ft more than is owed
	const amount = ((claim.balance + 50_000) / 100).toFixed(2);
	const xml = camt053([
		{ ref: `E2E-${run}-O`, amount, text: claim.reference, debtor: 'Próba Pál' }
	]);
	await signInStaff(page, demo.operator);
	await page.goto('/ops/bank');
	await upload(page, xml);
	await expect(page.getByTestId('bank-status')).toContainText('1 könyvelve', { timeout: 30_000 });
	expect(balanceOf(claim.id)).toBe(0);

	// the refund task asks for the return transfer's reference: no card gateway can send it back
	await page.goto('/ops/payments');
	const task = page.locator('article.task', { hasText: claim.reference });
	await expect(task.getByLabel('Visszatérítendő összeg')).toHaveValue('500');
	await task.getByLabel('Indoklás').fill('Túlfizetés visszautalása');
	await task.getByRole('button', { name: 'Visszautalás rögzítése' }).click();
	await expect(task.getByText('Adja meg a visszautalás azonosítóját')).toBeVisible();
	await task.getByLabel('A visszautalás közleménye vagy azonosítója').fill(`VISSZA-${run}`);
	await task.getByRole('button', { name: 'Visszautalás rögzítése' }).click();
	await expect(page.getByRole('status')).toHaveText('A visszautalást rögzítettük és lekönyveltük.');
	await expect(page.locator('article.task', { hasText: claim.reference })).toHaveCount(0);
	await axeClean(page);
	expect(balanceOf(claim.id)).toBe(0);
	expect(
		e2eRow<{ n: number }>(
			"SELECT count(*) AS n FROM refunds WHERE status = 'succeeded' AND provider_ref LIKE ?",
			`%VISSZA-${run}`
		).n
	).toBe(1);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a refused refund is shown open beside its form, with what was typed', async ({ page }) => {
		await signInStaff(page, demo.operator);
		await page.goto('/ops/payments?page=1');
		const row = page.locator('section[aria-labelledby="refund-h"] details').first();
		await row.locator('summary').click();
		await row.getByLabel('Visszatérítendő összeg').fill('1');
		await row.locator('button[type=submit]').click();
		// drawn anew by the server: the same list page, that row open, the refusal beside its field
		await expect(page).toHaveURL(/[?&]page=1/);
		const open = page.locator('section[aria-labelledby="refund-h"] details[open]');
		await expect(open).toHaveCount(1);
		await expect(open.getByText('Kérjük, írja le a visszatérítés okát.')).toBeVisible();
		await expect(open.getByLabel('Visszatérítendő összeg')).toHaveValue('1');
	});
});
