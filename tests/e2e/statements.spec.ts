/**
 * Remittance statements (issue 20, item 5) in Chromium: the admin records a commission rate on the
 * creditor's page, the creditor opens the statement for a period, its totals equal the ledger, and
 * the Excel CSV has Hungarian headers and decimal commas; another creditor's id in the address
 * changes nothing. Axe-clean.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import Database from '../../src/lib/server/db/sqlite';
import { formatMoney } from '../../src/lib/domain/money';
import { axeClean, demo, E2E_DB, gotoReady, signInPage, WCAG22_AA } from './access-helpers';

const PERIOD = 'from=2020-01-01&to=2030-12-31';

function ledger(creditorShort: string) {
	const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
	try {
		return db
			.prepare(
				`SELECT c.currency, -SUM(CASE WHEN le.kind IN ('payment','reversal') THEN le.amount_minor ELSE 0 END) AS collected,
				        c.creditor_id AS creditorId
				   FROM ledger_entries le JOIN claims c ON c.id = le.claim_id JOIN creditors cr ON cr.id = c.creditor_id
				  WHERE cr.short_name LIKE ? AND le.payment_id IS NOT NULL
				    -- paid to the creditor directly: its own column, never collected by us
				    AND le.payment_id NOT IN (SELECT id FROM payments WHERE gateway = 'direct')
				  GROUP BY c.currency ORDER BY c.currency`
			)
			.all(`${creditorShort}%`) as { currency: string; collected: number; creditorId: number }[];
	} finally {
		db.close();
	}
}

const digits = (s: string) => Number(s.replace(/[^\d-]/g, ''));

async function rate(page: Page, creditorId: number, percent: string) {
	await signInPage(page, demo.admin);
	await gotoReady(page, `/admin/creditors/${creditorId}`);
	await page.getByLabel(/Díj \(%\)|Rate \(%\)/).fill(percent);
	await page.getByLabel(/Érvényes ettől|In force from/).fill('2020-01-01');
	await page.getByRole('button', { name: /Díj rögzítése|Record rate/ }).click();
	await expect(page.getByTestId('commission-terms')).toContainText(percent.replace(',', '.'));
	// the day it is in force from in words, not as stored
	await expect(page.getByTestId('commission-terms')).toContainText(/2020\. jan\.\s1\.|1\sJan 2020/);
	await expect(page.getByTestId('commission-terms')).not.toContainText('2020-01-01');
}

test('a creditor reads the statement, equal to the ledger, and downloads it for Excel', async ({
	page,
	browser
}) => {
	const money = ledger('Duna');
	expect(money.length).toBeGreaterThan(0);
	const dunaId = money[0].creditorId;
	await rate(page, dunaId, '12,5');

	const ctx = await browser.newContext();
	const p = await ctx.newPage();
	await signInPage(p, demo.creditorUsers.duna);
	await p.waitForURL((u) => u.pathname === '/creditor');
	await p.goto(`/creditor/statements?${PERIOD}&creditor=${dunaId + 1}`);
	const totals = p.getByTestId('remittance-totals');
	// what the debtor paid the creditor directly has a column of its own, in words
	await expect(totals.locator('thead')).toContainText(
		/Önnek közvetlenül fizetve \(nem utaljuk\)|Paid to you directly \(not remitted\)/
	);
	for (const m of money) {
		const row = totals.locator('tbody tr', { hasText: m.currency });
		// collected is the third column (currency, claims, collected …)
		const cur = m.currency as 'HUF' | 'EUR';
		expect([formatMoney(m.collected, cur, 'hu'), formatMoney(m.collected, cur, 'en')]).toContain(
			await row.locator('td').nth(1).innerText()
		);
		expect(digits(await row.locator('td').nth(4).innerText())).toBeGreaterThan(0);
	}
	// the period in words, not as stored
	await expect(p.locator('main')).toContainText(/2020\. január\s1\./);
	await expect(p.locator('main')).not.toContainText('2020-01-01');
	await axeClean(p, WCAG22_AA);
	const [dl] = await Promise.all([
		p.waitForEvent('download'),
		p.getByRole('link', { name: /Excelhez|for Excel/ }).click()
	]);
	const csv = fs.readFileSync((await dl.path())!, 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	const [head, first] = csv.slice(1).split('\r\n');
	expect(head).toContain('Megbízási díj');
	expect(first.split(';')[2]).toMatch(/^-?\d+,\d{2}$/);
	// a period that is not one is refused, not a server fault
	for (const q of ['month=2024-13', 'from=abc&to=2024-01-31', 'from=2024-02-01&to=2024-01-01'])
		expect((await p.request.get(`/creditor/statements/file?${q}`)).status()).toBe(400);
	await ctx.close();
});

test('the period is a month or any days, each from its own form; the picker names the month shown', async ({
	page
}) => {
	await signInPage(page, demo.creditorUsers.duna);
	await page.waitForURL((u) => u.pathname === '/creditor');
	await gotoReady(page, '/creditor/statements');
	// last month by default, and the picker says which
	const month = page.getByLabel('Hónap', { exact: true });
	const lastMonth = await month.inputValue();
	expect(lastMonth).toMatch(/^\d{4}-\d{2}$/);
	// days typed are the days shown (the month picker used to override them)
	await page.getByLabel('Kezdőnap').fill(`${lastMonth}-05`);
	await page.getByLabel('Utolsó nap').fill(`${lastMonth}-12`);
	await page.getByRole('button', { name: 'Az időszak megjelenítése' }).click();
	await page.waitForURL(/from=\d{4}-\d{2}-05/);
	const [y, m] = lastMonth.split('-').map(Number);
	const day = (d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
	expect(new URL(page.url()).searchParams.get('to')).toBe(day(12));
	await expect(month).toHaveValue('');
	// a month picked is the month shown
	await month.selectOption(lastMonth);
	await page.getByRole('button', { name: 'A hónap megjelenítése' }).click();
	await page.waitForURL(/month=/);
	await expect(page.getByLabel('Kezdőnap')).toHaveValue(day(1));
	await expect(month).toHaveValue(lastMonth);
});
