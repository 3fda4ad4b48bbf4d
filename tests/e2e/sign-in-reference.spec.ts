/**
 * A way in without the link (issue 19, item 7), in the browser: the landing page points to
 * /belepes; a wrong answer and an unknown reference read the same; the reference from a letter and
 * the birth date open the portal; "send me a link" asks for nothing but the reference. Axe-clean
 * in both languages at 360 px; the page works without JavaScript.
 */
import { expect, test } from '@playwright/test';
import { demo, e2eRow, gotoReady } from './access-helpers';
import { axe } from './portal-helpers';

test.use({ viewport: { width: 360, height: 780 } });

const person = () =>
	e2eRow<{ reference: string; birth_date: string; debtor_id: number }>(
		`SELECT c.reference, d.birth_date, d.id AS debtor_id FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE d.kind = 'person' AND d.birth_date IS NOT NULL AND d.name NOT IN (?, ?, ?)
		  ORDER BY c.id DESC LIMIT 1 OFFSET 3`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);

test('from the landing page to /my with the reference and the birth date; refusals reveal nothing', async ({
	page
}) => {
	const c = person();
	await gotoReady(page, '/');
	await page.getByRole('link', { name: 'Belépés hivatkozási számmal' }).click();
	await page.waitForURL('**/belepes');
	await axe(page);

	// a wrong answer to a real reference, and a reference that does not exist: the same words
	await page.locator('#reference').fill(c.reference);
	await page.locator('#answer').fill('1901-01-01');
	// the form posts without JavaScript: each answer is a new page, typed into once it has woken
	// up (hydration resets a field's caret while the typing goes on)
	const submit = async () => {
		const loaded = page.waitForEvent('framenavigated');
		await page.getByRole('button', { name: 'Belépés', exact: true }).click();
		await loaded;
		await page.waitForLoadState('networkidle');
	};
	await submit();
	const refused = page.getByTestId('signin-refused');
	await expect(refused).toContainText('nem tartozik össze');
	const known = (await refused.innerText()).replace(/\d+ próbálkozása/, 'N próbálkozása');
	await expect(page.locator('#reference')).toHaveValue(c.reference);
	await page.locator('#reference').fill('ZZ-2026-9999999');
	await page.locator('#answer').fill('1901-01-01');
	await submit();
	await expect(refused).toBeVisible();
	expect((await refused.innerText()).replace(/\d+ próbálkozása/, 'N próbálkozása')).toBe(known);
	await axe(page);

	// a postal code is not accepted as the answer: said next to the field
	await page.locator('#reference').fill(c.reference);
	await page.locator('#answer').fill('1051');
	await submit();
	await expect(page.locator('#answer-error')).toContainText('születési dátumát');

	// the reference typed loosely, and the right birth date
	await page.locator('#reference').fill(` ${c.reference.toLowerCase()} `);
	await page.locator('#answer').fill(c.birth_date);
	await submit();
	await page.waitForURL('**/my');
	await expect(page.getByText(c.reference).first()).toBeVisible();
});

test('"send me a link" in English: only the reference, the same answer for any reference', async ({
	browser
}) => {
	// without JavaScript too
	const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	const c = person();
	const queued = () =>
		e2eRow<{ n: number }>(
			"SELECT count(*) AS n FROM outbox WHERE template = 'access_link' AND debtor_id = ?",
			c.debtor_id
		).n;
	const before = queued();
	await page.goto('/belepes?lang=en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in with your reference');
	await expect(page.locator('input[type=email], input[type=tel]')).toHaveCount(0);
	await page.locator('#sendReference').fill(c.reference);
	await page.getByRole('button', { name: 'Send me a link' }).click();
	const sent = page.getByTestId('signin-sent');
	await expect(sent).toContainText('If the reference is one of ours');
	expect(queued()).toBe(before + 1);
	await page.locator('#sendReference').fill('ZZ-2026-9999999');
	await page.getByRole('button', { name: 'Send me a link' }).click();
	await expect(sent).toContainText('If the reference is one of ours');
	// axe needs JavaScript: the same page in a normal browser
	const js = await (await browser.newContext({ viewport: { width: 360, height: 780 } })).newPage();
	await gotoReady(js, '/belepes?lang=en');
	await axe(js);
});

test("signed in with a reference, only that creditor's claims show, and no contact details", async ({
	page
}) => {
	const anna = demo.debtors.anna;
	const claims = (creditorOp: '=' | '<>') =>
		e2eRow<{ id: number; reference: string; creditor_id: number }>(
			`SELECT c.id, c.reference, c.creditor_id FROM claims c JOIN debtors d ON d.id = c.debtor_id
			  WHERE d.name = ? AND c.status IN ('open', 'in_plan', 'disputed', 'paid')
			    AND c.creditor_id ${creditorOp} (SELECT creditor_id FROM claims c2 JOIN debtors d2 ON d2.id = c2.debtor_id
			                                     WHERE d2.name = ? ORDER BY c2.id LIMIT 1)
			  ORDER BY c.id LIMIT 1`,
			anna.name,
			anna.name
		);
	const mine = claims('=');
	const other = claims('<>');
	expect(other, 'the demo debtor has claims of two creditors').toBeTruthy();
	await gotoReady(page, '/belepes');
	await page.locator('#reference').fill(mine.reference);
	await page.locator('#answer').fill(anna.answer);
	await page.getByRole('button', { name: 'Belépés', exact: true }).click();
	await page.waitForURL('**/my');
	await expect(page.getByTestId('claims-scoped')).toBeVisible();
	await expect(page.getByText(mine.reference).first()).toBeVisible();
	await expect(page.getByText(other.reference)).toHaveCount(0);
	// another creditor's claim, even by its address: not found
	const res = await page.goto(`/my/claims/${other.id}`);
	expect(res?.status()).toBe(404);
	// the contact details serve every creditor's claims: not shown here, and why
	await gotoReady(page, '/my/details');
	await expect(page.getByTestId('details-scoped')).toBeVisible();
	await expect(page.getByText(anna.email)).toHaveCount(0);
	await gotoReady(page, '/my/preferences');
	await expect(page.getByTestId('prefs-scoped')).toBeVisible();
	await axe(page);
});
