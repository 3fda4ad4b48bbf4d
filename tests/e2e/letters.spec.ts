/**
 * Printed letters and bank transfers (issue 17 item 1, issue 19 item 5): an operator makes
 * today's print batch at /ops/letters (a letter for a paid claim is cancelled, C7), downloads the
 * batch PDF and the print house's manifest, marks the batch handed over and one letter returned;
 * the debtor downloads her own letter and nobody else's. The pay page shows the bank transfer
 * with the collection account, the reference, the amount and the payment QR, axe-clean at 360 px.
 *
 * The dispatcher queues letters from the engine's plan; the e2e seed has none, so the spec queues
 * them itself, as the dispatcher does (channel 'letter', status 'queued', due now).
 */
import { expect, test, type Page } from '@playwright/test';
import Database from '../../src/lib/server/db/sqlite';
import { axeClean, demo, E2E_DB, e2eRow, signInStaff } from './access-helpers';
import { axe, signIn } from './portal-helpers';

interface ClaimPick {
	id: number;
	reference: string;
	debtor_id: number;
	currency: string;
}

/** An open claim of a debtor, not held, with a balance. */
const openClaimOf = (debtorName: string) =>
	e2eRow<ClaimPick>(
		`SELECT c.id, c.reference, c.debtor_id, c.currency FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE d.name = ? AND c.status = 'open' AND c.balance_minor > 0
		    AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.claim_id = c.id AND h.end_date IS NULL)
		  ORDER BY c.id LIMIT 1`,
		debtorName
	);

const paidClaim = () =>
	e2eRow<ClaimPick>(
		`SELECT id, reference, debtor_id, currency FROM claims WHERE status = 'paid' ORDER BY id LIMIT 1`
	);

/** Queues a letter as the dispatcher does; returns the message id. */
function queueLetter(c: ClaimPick): number {
	const db = new Database(E2E_DB);
	try {
		const now = Date.now();
		return db
			.prepare(
				`INSERT INTO messages (debtor_id, claim_id, channel, template_key, language, source, dedupe_key,
				                       status, scheduled_at, created_at, updated_at)
				 VALUES (?, ?, 'letter', 'formal.notice', 'hu', 'staff', ?, 'queued', ?, ?, ?)`
			)
			.run(c.debtor_id, c.id, `e2e-letter-${c.id}-${now}`, now - 60_000, now, now)
			.lastInsertRowid as number;
	} finally {
		db.close();
	}
}

const messageStatus = (id: number) =>
	e2eRow<{ status: string; status_reason: string | null }>(
		'SELECT status, status_reason FROM messages WHERE id = ?',
		id
	);

async function signInOperator(page: Page) {
	await signInStaff(page, demo.operator);
}

test("an operator makes today's batch, downloads it, hands it over and marks a letter returned; the debtor gets her own letter only", async ({
	page,
	browser
}) => {
	const annaClaim = openClaimOf(demo.debtors.anna.name);
	const gaborClaim = openClaimOf(demo.debtors.gabor.name);
	const paid = paidClaim();
	const annaLetter = queueLetter(annaClaim);
	const gaborLetter = queueLetter(gaborClaim);
	const paidLetter = queueLetter(paid);

	await signInOperator(page);
	await page.getByRole('link', { name: 'Levelek nyomtatása', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Levelek nyomtatása');
	await expect(page.getByTestId('due')).toHaveText(/Kötegre váró levelek: [3-9]/);
	await axeClean(page);

	await page.getByRole('button', { name: 'Mai köteg elkészítése' }).click();
	// the jobs worker writes the letters; the page looks again until the batch is made
	await expect(page.getByTestId('built')).toContainText('levéllel', { timeout: 20_000 });
	expect(messageStatus(paidLetter)).toEqual({ status: 'cancelled', status_reason: 'c7_paid' });
	const batchId = e2eRow<{ id: number }>(
		'SELECT letter_batch_id AS id FROM messages WHERE id = ?',
		annaLetter
	).id;
	const row = page.getByTestId(`batch-${batchId}`);
	await expect(row.getByTestId('state')).toHaveText('Nyomdára vár');

	// the batch as one PDF and the print house's manifest
	const pdf = await page.request.get(`/ops/letters/${batchId}/letters.pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const pages = ((await pdf.body()).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
	expect(pages).toBeGreaterThanOrEqual(2);
	const csv = await page.request.get(`/ops/letters/${batchId}/manifest.csv`);
	expect(csv.status()).toBe(200);
	const text = await csv.text();
	expect(text).toContain('batch_id;message_id;name;');
	expect(text).toContain(annaClaim.reference);
	expect(text).toContain(gaborClaim.reference);
	expect(text).not.toContain(paid.reference);

	await row.getByRole('button', { name: 'Átadva a nyomdának' }).click();
	await expect(row.getByTestId('state')).toHaveText('Átadva a nyomdának');
	expect(messageStatus(annaLetter).status).toBe('sent');

	// the batch's page: Gábor's letter came back
	await page.getByRole('link', { name: `${batchId}. köteg megnyitása` }).click();
	const gaborRow = page.getByTestId(`letter-${gaborLetter}`);
	await expect(gaborRow.getByTestId('status')).toHaveText('Elküldve');
	await axeClean(page);
	await gaborRow.getByRole('button', { name: 'Visszajött a levél' }).click();
	await expect(gaborRow.getByTestId('status')).toHaveText('Visszajött');
	expect(
		e2eRow<{ v: number }>(
			'SELECT postal_invalid AS v FROM contact_preferences WHERE debtor_id = ?',
			gaborClaim.debtor_id
		).v
	).toBe(1);

	// the debtor's own letter, and nobody else's
	const ctx = await browser.newContext();
	const debtor = await ctx.newPage();
	await signIn(debtor, demo.debtors.anna, 'hu');
	const own = await debtor.request.get(`/my/claims/${annaClaim.id}/letters/${annaLetter}`);
	expect(own.status()).toBe(200);
	expect((await own.body()).subarray(0, 5).toString()).toBe('%PDF-');
	const other = await debtor.request.get(`/my/claims/${gaborClaim.id}/letters/${gaborLetter}`);
	expect(other.status()).toBe(404);
	const wrongClaim = await debtor.request.get(`/my/claims/${annaClaim.id}/letters/${gaborLetter}`);
	expect(wrongClaim.status()).toBe(404);
	await ctx.close();
});

for (const lang of ['hu', 'en'] as const) {
	test(`the pay page shows the bank transfer with the payment QR, axe-clean at 360 px (${lang})`, async ({
		browser
	}) => {
		const ctx = await browser.newContext({
			viewport: { width: 360, height: 800 },
			permissions: ['clipboard-read', 'clipboard-write']
		});
		const page = await ctx.newPage();
		const c = openClaimOf(demo.debtors.anna.name);
		await signIn(page, demo.debtors.anna, lang);
		await page.goto(`/my/claims/${c.id}`);
		await page
			.getByRole('link', { name: lang === 'hu' ? /banki átutalással/ : /bank transfer/ })
			.click();
		await page.waitForLoadState('networkidle');
		const panel = page.getByTestId('transfer');
		await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
			lang === 'hu' ? 'Fizetés banki átutalással' : 'Pay by bank transfer'
		);
		await expect(panel.getByTestId('transfer-reference')).toContainText(c.reference);
		await expect(panel.getByTestId('transfer-iban')).toContainText(/HU\d\d( \d{4}){6}/);
		await expect(panel.getByTestId('transfer-amount')).toContainText(/\d/);
		await expect(panel.getByTestId('transfer-qr').locator('path')).toHaveCount(1);
		await axe(page);

		// copy the reference: the exact text lands on the clipboard
		const copy = panel.getByTestId('transfer-reference').getByRole('button');
		await copy.click();
		await expect(copy).toHaveText(lang === 'hu' ? 'Kimásolva' : 'Copied');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(c.reference);
		await ctx.close();
	});
}
