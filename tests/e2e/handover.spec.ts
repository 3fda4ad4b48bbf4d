/**
 * The legal handover (issue 16, item 7): an operator checks a queued claim, downloads the handover
 * package for the law firm (one ZIP: PDF summary, CSVs, ledger, contacts) and marks it handed over;
 * the creditor then reads the status on its claim page; a creditor user cannot reach the queue.
 *
 * The engine queues a claim when it enters the legal stage; the e2e seed has claims in the legal
 * stage but no engine history, so the spec queues one open legal claim itself, as the engine does.
 */
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import Database from '../../src/lib/server/db/sqlite';
import { axeClean, demo, E2E_DB, e2eRow, signInStaff } from './access-helpers';

const claim = () =>
	e2eRow<{ id: number; reference: string; creditor_id: number }>(
		`SELECT c.id, c.reference, c.creditor_id FROM claims c JOIN creditors cr ON cr.id = c.creditor_id
		  WHERE c.stage = 'legal' AND c.status = 'open' AND c.balance_minor > 0 AND cr.name = 'Duna Bank Zrt.'
		  ORDER BY c.id LIMIT 1`
	);

/** Puts the claim in the queue as the engine's handover action does (state queued). */
function queue(claimId: number, creditorId: number) {
	const db = new Database(E2E_DB);
	try {
		db.prepare(
			`INSERT INTO legal_handovers (claim_id, creditor_id, state, queued_at) VALUES (?, ?, 'queued', ?)
			 ON CONFLICT(claim_id) DO UPDATE SET state = 'queued', checked_at = NULL, checked_by = NULL,
			   handed_over_at = NULL, handed_over_by = NULL`
		).run(claimId, creditorId, Date.now());
	} finally {
		db.close();
	}
}

/** Follows the list's next-page links until `row` is on the page shown. */
async function pageTo(page: Page, row: Locator) {
	for (let n = 2; !(await row.count()); n++) {
		await page.getByRole('link', { name: 'Következő oldal' }).click();
		await expect(page.getByText(`${n}. oldal /`)).toBeVisible();
	}
}

test('an operator checks a queued claim, downloads its package and hands it over; the creditor sees it', async ({
	page,
	browser
}) => {
	const c = claim();
	queue(c.id, c.creditor_id);

	await signInStaff(page, demo.operator);
	await page.getByRole('link', { name: 'Jogi átadásra váró ügyek' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jogi átadásra váró ügyek');
	const row = page.getByTestId(`handover-${c.reference}`);
	// the seed queues many claims: the list is paged, with a count, and this one (queued last) is further on
	await expect(page.getByText(/^Ügyek ebben a listában: \d+$/)).toBeVisible();
	await pageTo(page, row);
	await expect(row.getByTestId('state')).toHaveText('Ellenőrzésre vár');
	await expect(row).toContainText('Duna Bank Zrt.');
	await axeClean(page);

	await row.getByRole('button', { name: 'Ellenőriztem, átadható' }).click();
	const notice = page.getByTestId('handover-done');
	await expect(notice.getByRole('status')).toContainText('ellenőrzöttnek jelöltük');
	// the case just checked may not be on the page shown (the queue is long): its next steps are in the notice
	const hid = e2eRow<{ id: number }>('SELECT id FROM legal_handovers WHERE claim_id = ?', c.id).id;
	await expect(
		notice.getByRole('link', { name: 'Átadási csomag letöltése (ZIP)' })
	).toHaveAttribute('href', `/ops/handovers/${hid}/package`);
	await expect(notice.getByRole('button', { name: 'Átadva az ügyvédi irodának' })).toBeVisible();
	// and the checked cases have their own list, with a count
	await notice.getByRole('link', { name: 'Az ellenőrzött, átadásra váró ügyek listája' }).click();
	await expect(page).toHaveURL(/show=checked/);
	await expect(page.getByRole('link', { name: 'Ellenőrzött, átadásra vár' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(page.getByText(/^Ügyek ebben a listában: \d+$/)).toBeVisible();
	await axeClean(page);
	await expect(row.getByTestId('state')).toHaveText('Ellenőrizve');
	await expect(row).toContainText(`Ellenőrizte: ${demo.operator.name}`);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		row.getByTestId('package').click()
	]);
	expect(download.suggestedFilename()).toBe(`handover-${c.reference}.zip`);
	const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
	expect(Object.keys(files)).toEqual(
		expect.arrayContaining(['summary.pdf', 'claim.csv', 'ledger.csv', 'contacts.csv'])
	);
	const claimCsv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files['claim.csv']);
	expect(claimCsv.startsWith('\uFEFF')).toBe(true);
	expect(claimCsv).toContain(c.reference);
	expect(new TextDecoder().decode(files['summary.pdf'].subarray(0, 5))).toBe('%PDF-');

	await row.getByRole('button', { name: 'Átadva az ügyvédi irodának' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'átadottnak jelöltük' })).toBeVisible();
	// handed over: no longer in the checked list, in the full list with who did it
	await expect(page.getByTestId(`handover-${c.reference}`)).toHaveCount(0);
	await page.getByRole('link', { name: 'Mind' }).click();
	await expect(page.getByRole('link', { name: 'Mind' })).toHaveAttribute('aria-current', 'page');
	const done = page.getByTestId(`handover-${c.reference}`);
	await pageTo(page, done);
	await expect(done.getByTestId('state')).toHaveText('Átadva az ügyvédi irodának');
	await expect(done).toContainText(`Átadta: ${demo.operator.name}`);

	// the creditor reads it on its claim page, and cannot open the queue
	const ctx = await browser.newContext();
	const cp = await ctx.newPage();
	await signInStaff(cp, demo.creditorUsers.duna);
	await cp.goto(`/creditor/claims/${c.id}`);
	await expect(cp.getByTestId('handover-status')).toContainText('Átadtuk az ügyvédi irodának');
	const res = await cp.goto('/ops/handovers');
	expect(res?.status()).toBe(403);
	await ctx.close();
});
