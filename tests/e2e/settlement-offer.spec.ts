/**
 * Settlement offers (issue 19 item 6): an admin switches the offer on for one portfolio in the
 * rules editor; a debtor of that portfolio sees the offer and its deadline on the claim page
 * (server-rendered), pays it by card through the demo gateway, and the claim is settled with its
 * certificate, the discount written off in the breakdown. axe-clean.
 */
import { expect, test } from '@playwright/test';
import { axeClean, demo, e2eRow, insertLink, signInPage } from './access-helpers';
import { pdfAt } from './portal-helpers';

type Row = {
	id: number;
	reference: string;
	creditorId: number;
	portfolioId: number;
	debtorId: number;
	birthDate: string;
};

/** An open forint claim in a reminder stage, of a person no other spec signs in as, in a portfolio without the demo debtors. */
function aClaim(): Row {
	const names = JSON.stringify(Object.values(demo.debtors).map((d) => d.name));
	return e2eRow<Row>(
		`SELECT c.id, c.reference, c.creditor_id AS creditorId, c.portfolio_id AS portfolioId,
		        c.debtor_id AS debtorId, d.birth_date AS birthDate
		 FROM claims c JOIN debtors d ON d.id = c.debtor_id
		 WHERE c.status = 'open' AND c.currency = 'HUF' AND c.balance_minor >= 2000000
		   AND c.stage IN ('friendly_reminder', 'firm_reminder', 'formal_notice')
		   AND c.stage_changed_at >= (strftime('%s', 'now') - 80 * 86400) * 1000
		   AND d.kind = 'person' AND d.anonymized_at IS NULL AND d.birth_date IS NOT NULL
		   AND d.name NOT IN (SELECT value FROM json_each(?))
		   AND NOT EXISTS (SELECT 1 FROM claims c2 JOIN debtors d2 ON d2.id = c2.debtor_id
		                   WHERE c2.portfolio_id = c.portfolio_id AND d2.name IN (SELECT value FROM json_each(?)))
		   AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.claim_id = c.id AND p.status = 'pending')
		   AND NOT EXISTS (SELECT 1 FROM bank_entries b WHERE b.claim_id = c.id)
		 ORDER BY c.id DESC LIMIT 1`,
		names,
		names
	);
}

test('a debtor sees the settlement offer the creditor allows and settles the claim with it', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const c = aClaim();
	expect(c, 'a claim to offer a settlement on').toBeTruthy();

	// the admin switches the offer on for that portfolio (the creditor's rules page, admin scope)
	await signInPage(page, demo.admin);
	await page.goto(`/admin/rules?creditor=${c.creditorId}&portfolio=${c.portfolioId}`);
	const settle = page.getByTestId('settle-rules');
	await settle.getByLabel('Kedvezményes rendezés felajánlása').check();
	await settle.getByLabel('Az ajánlat a szakasz kezdetétől ennyi napig él').fill('90');
	await page.getByRole('button', { name: 'Mentés' }).click();
	await expect(page.getByTestId('rules-saved')).toBeVisible();

	// the debtor, through a link
	const ctx = await browser.newContext();
	const debtor = await ctx.newPage();
	await debtor.goto(`/p/${insertLink(c.debtorId)}?lang=hu`);
	await debtor.locator('#answer').fill(c.birthDate);
	await debtor.locator('form button[type=submit]').first().click();
	await debtor.waitForURL('**/my');
	await debtor.goto(`/my/claims/${c.id}`);
	const offer = debtor.getByTestId('settlement-offer');
	await expect(
		offer.getByRole('heading', { name: 'Kedvezményes rendezés egy összegben' })
	).toBeVisible();
	await expect(offer).toContainText('kedvezményt kap');
	await expect(offer).toContainText(`a közleménybe írja be: ${c.reference}`);
	await axeClean(debtor);

	await offer.getByRole('button', { name: /kártyával/ }).click();
	await debtor.waitForURL(/\/pay\/demo\/\d+$/);
	await debtor.getByRole('button', { name: 'Fizetés jóváhagyása' }).click();
	await debtor.waitForURL(/\/my\/payments\/\d+$/);
	await expect(debtor.getByTestId('payment-result')).toContainText('A tartozás rendezve');

	await debtor.goto(`/my/claims/${c.id}`);
	await expect(debtor.getByTestId('balance')).toHaveText(/^0\s?(Ft|HUF)|HUF\s?0$/);
	await expect(debtor.getByTestId('settlement-offer')).toHaveCount(0);
	const cert = debtor.getByRole('link', { name: 'Igazolás a tartozás rendezéséről (PDF)' });
	await pdfAt(debtor, (await cert.getAttribute('href'))!);
	await axeClean(debtor);
	expect(
		e2eRow<{ n: number }>(
			"SELECT count(*) AS n FROM ledger_entries WHERE claim_id = ? AND kind = 'settlement_discount'",
			c.id
		).n
	).toBeGreaterThan(0);
	await ctx.close();
});
