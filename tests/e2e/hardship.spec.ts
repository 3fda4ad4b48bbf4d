/**
 * "I can't pay now" (issue 19, item 9), in the browser: /my shows the total per currency; the
 * debtor says why (illness: the words are not kept) and asks for a pause; the confirmation repeats
 * what was sent; the operator sees it in /ops/hardship with a deadline and grants the pause; the
 * debtor sees it granted. Axe-clean in both languages at 360 px.
 */
import { expect, test } from '@playwright/test';
import { debtorPage, demo, e2eRow, gotoReady, staffPage } from './access-helpers';
import { axe, signIn, unusedPersonSignedIn } from './portal-helpers';
import { formatMoney, type Currency } from '../../src/lib/domain/money';

test.use({ viewport: { width: 360, height: 780 } });

test('/my shows the total outstanding per currency, never summed across currencies', async ({
	page
}) => {
	const d = demo.debtors.anna;
	await signIn(page, d, 'hu');
	const sums = e2eRow<{ s: string }>(
		`SELECT group_concat(currency || ':' || total) AS s FROM (
		   SELECT c.currency, sum(c.balance_minor) AS total FROM claims c JOIN debtors x ON x.id = c.debtor_id
		    WHERE x.name = ? AND c.status IN ('open', 'in_plan', 'disputed') GROUP BY c.currency ORDER BY c.currency)`,
		d.name
	);
	const expected = sums.s
		.split(',')
		.map((p) => p.split(':'))
		.map(([cur, minor]) => formatMoney(Number(minor), cur as Currency, 'hu'));
	const total = page.getByTestId('total');
	await expect(total.locator('li')).toHaveCount(expected.length);
	for (const e of expected) await expect(total).toContainText(e);
	await axe(page);
});

test('illness and a one-month pause: held for review, granted by the operator', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const { c, debtor } = await unusedPersonSignedIn(browser, 'hardship_requests', 6);
	await debtor.getByRole('link', { name: `Most nem tudok fizetni (${c.reference})` }).click();
	await debtor.waitForURL(`**/my/claims/${c.id}/hardship`);
	await axe(debtor);

	// nothing chosen: said next to each question, what was typed stays
	await debtor.locator('#note').fill('Kórházban vagyok.');
	await debtor.getByRole('button', { name: 'Kérés elküldése' }).click();
	await expect(debtor.locator('#reason-error')).toContainText('válassza ki az okot');
	await expect(debtor.locator('#pauseDays-error')).toBeVisible();
	await expect(debtor.locator('#note')).toHaveValue('Kórházban vagyok.');

	await debtor.locator('#reason-illness').check();
	await debtor.locator('#pauseDays-30').check();
	await debtor.getByRole('button', { name: 'Kérés elküldése' }).click();
	const state = debtor.getByTestId('hardship-state');
	await expect(state).toContainText('Megkaptuk a kérését');
	await expect(debtor.getByTestId('hardship-sent')).toContainText('Betegség');
	await expect(debtor.getByTestId('hardship-sent')).toContainText('1 hónap');
	// C13: the words typed with illness are not kept
	await expect(debtor.getByTestId('hardship-sent')).not.toContainText('Kórház');
	expect(
		e2eRow<{ note: string | null }>('SELECT note FROM hardship_requests WHERE claim_id = ?', c.id)
			.note
	).toBeNull();
	await axe(debtor);

	// the operator's queue: the claim with its deadline; granted
	const operator = await staffPage(browser, demo.operator);
	await gotoReady(operator, '/ops/hardship');
	const card = operator.locator('section.card', { hasText: c.reference });
	await expect(card).toContainText('Betegség');
	await expect(card).toContainText('Válaszhatáridő');
	await card.getByLabel(/Megadom/).check();
	await card.getByLabel('Indoklás (rövid)').fill('Átmeneti nehézség, megadjuk.');
	await card.getByRole('button', { name: 'Döntés rögzítése' }).click();
	await expect(operator.getByRole('status')).toHaveText('A döntést rögzítettük.');
	await expect(operator.locator('section.card', { hasText: c.reference })).toHaveCount(0);

	await gotoReady(debtor, `/my/claims/${c.id}/hardship?lang=en`);
	await expect(debtor.getByTestId('hardship-state')).toContainText('We have accepted your request');
	await axe(debtor);
	await gotoReady(debtor, '/my?lang=en');
	await expect(debtor.getByTestId('hold').first()).toContainText('you cannot pay now');
	await axe(debtor);
});

test('a paid or closed claim says at once that it takes no pause or dispute, instead of a form', async ({
	browser
}) => {
	for (const status of ['paid', 'closed']) {
		// someone's ended claim (not a demo debtor's), without a hardship request or a dispute
		const c = e2eRow<{ id: number; debtor_id: number; birth_date: string }>(
			`SELECT c.id, c.debtor_id, d.birth_date FROM claims c JOIN debtors d ON d.id = c.debtor_id
			  WHERE c.status = ? AND d.kind = 'person' AND d.birth_date IS NOT NULL AND d.name NOT IN (?, ?, ?)
			    AND NOT EXISTS (SELECT 1 FROM hardship_requests h WHERE h.claim_id = c.id)
			    AND NOT EXISTS (SELECT 1 FROM disputes x WHERE x.claim_id = c.id)
			  ORDER BY c.id DESC LIMIT 1`,
			status,
			demo.debtors.anna.name,
			demo.debtors.gabor.name,
			demo.debtors.kert.name
		);
		expect(c, status).toBeTruthy();
		const debtor = await debtorPage(browser, c.debtor_id, c.birth_date);
		await gotoReady(debtor, `/my/claims/${c.id}/hardship`);
		await expect(debtor.getByTestId('hardship-ended')).toHaveText(
			'Rendezett vagy lezárt tartozáshoz nem kérhet szünetet.'
		);
		await expect(debtor.getByRole('button', { name: 'Kérés elküldése' })).toHaveCount(0);
		await gotoReady(debtor, `/my/claims/${c.id}/dispute`);
		await expect(debtor.getByTestId('dispute-ended')).toHaveText(
			'Rendezett vagy lezárt tartozáshoz nem lehet kifogást beküldeni.'
		);
		await expect(debtor.locator('form[enctype="multipart/form-data"]')).toHaveCount(0);
		await debtor.context().close();
	}
});
