/**
 * A call (issue 18, item 3) end to end: the operator searches the debtor, opens her case and from
 * it the claim's call form, sees nothing about
 * the debt until the right party is verified, starts the call (checked against the contact rules
 * and counted at once), verifies the debtor, logs a promise; the promise shows in the debtor's
 * portal and the claim stands still (the promise's hold: no reminders until the date).
 * The contact window depends on the hour, so this runs on a server of its own whose clock is on a
 * working morning (fixed-clock-server.ts).
 */
import { expect, test } from '@playwright/test';
import { axeClean, demo, signInPage, signInStaff, WCAG22_AA } from './access-helpers';
import { fixedExec, fixedRow, startFixedServer } from './fixed-clock-server';

let server: Awaited<ReturnType<typeof startFixedServer>>;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	test.setTimeout(180_000);
	server = await startFixedServer();
});
test.afterAll(() => server?.stop());

test('an operator verifies the debtor, logs a call with a promise; the portal shows it and the reminders stop', async ({
	browser
}) => {
	const anna = demo.debtors.anna;
	// Anna's Duna Bank card claim
	const claim = fixedRow<{ id: number; reference: string }>(
		`SELECT c.id, c.reference FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE d.name = ? AND c.reference LIKE 'DB-%' ORDER BY c.balance_minor LIMIT 1`,
		anna.name
	);
	const staff = await browser.newContext({ baseURL: server.base });
	const page = await staff.newPage();
	await signInStaff(page, demo.operator);

	// the operator finds her with the search box, opens her case and the claim's call form
	await page.goto('/ops');
	await page.getByRole('searchbox', { name: 'Adós vagy követelés keresése' }).fill('kovacs anna');
	await page.getByRole('button', { name: 'Mehet' }).click();
	await page.waitForURL((u) => u.pathname === '/ops/search');
	await page.getByTestId('search-debtors').getByRole('link', { name: anna.name }).click();
	await page.waitForURL((u) => /^\/ops\/debtors\/\d+$/.test(u.pathname));
	await page
		.getByTestId('case-claims')
		.getByRole('link', { name: `Hívás rögzítése (${claim.reference})` })
		.click();
	await page.waitForURL((u) => u.pathname === `/ops/claims/${claim.id}/call`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hívás: ${anna.name}`);
	await expect(page.getByText('Most szabad hívni.')).toBeVisible();
	// nothing about the debt before verification (C3)
	const before = await page.locator('main').innerText();
	expect(before).not.toContain(claim.reference);
	expect(before).not.toContain('Duna Bank');
	expect(before).not.toMatch(/\d\s?Ft/);
	await axeClean(page, WCAG22_AA);

	await page.getByRole('button', { name: 'Hívás indítása' }).click();
	await expect(page.getByRole('heading', { name: /Ki vette fel/ })).toBeVisible();
	expect(await page.locator('main').innerText()).not.toContain(claim.reference);
	// a wrong answer is refused next to the field, nothing disclosed
	await page.getByLabel(/megerősítette, hogy ő/).check();
	await page.getByLabel(/Születési dátum/).fill('1990-01-01');
	await page.getByRole('button', { name: 'Ellenőrzés' }).click();
	await expect(page.getByText('Nem egyezik a nyilvántartott adattal')).toBeVisible();
	expect(await page.locator('main').innerText()).not.toContain(claim.reference);
	await page.getByLabel(/megerősítette, hogy ő/).check();
	await page.getByLabel(/Születési dátum/).fill(anna.birthDate!);
	await page.getByRole('button', { name: 'Ellenőrzés' }).click();
	await expect(page.getByText('Azonosítva: a hívott fél az adós.')).toBeVisible();
	await expect(page.getByText(claim.reference)).toBeVisible();
	await expect(page.getByText('Duna Bank Zrt.')).toBeVisible();
	await axeClean(page, WCAG22_AA);

	const promisedDate = server.serverDay(5);
	await page.getByLabel('Fizetési ígéretet tett').check();
	await page.getByLabel('Melyik napig fizet?').fill(promisedDate);
	await page.getByLabel(/Mennyit fizet/).fill('20000');
	await page
		.getByLabel(/A hívás hossza/)
		.first()
		.fill('3:20');
	await page
		.getByLabel(/A felvétel azonosítója/)
		.first()
		.fill('pbx-4711');
	await page.getByRole('button', { name: 'Hívás rögzítése' }).click();
	await page.waitForURL('**/ops/calls?logged=1');
	await expect(page.getByText('A hívást rögzítettük')).toBeVisible();
	await staff.close();

	// the debtor's portal: the promise, and the claim stands still until its date
	const debtor = await browser.newContext({ baseURL: server.base });
	const portal = await debtor.newPage();
	await portal.goto(`${anna.path}?lang=hu`);
	await portal.locator('#answer').fill(anna.answer);
	await portal.locator('form button[type=submit]').first().click();
	await portal.waitForURL('**/my');
	await portal.goto(`/my/claims/${claim.id}`);
	await expect(portal.getByTestId('promise')).toContainText('20 000');
	await expect(portal.getByTestId('promise')).toContainText('várjuk a befizetést');
	await expect(portal.getByText(/mert fizetési ígéretet tett/)).toBeVisible();
	await debtor.close();
	// the promise holds the claim: no reminder of it is still planned
	expect(
		fixedRow<{ n: number }>(
			`SELECT count(*) AS n FROM holds WHERE claim_id = ? AND kind = 'promise' AND ended_at IS NULL`,
			claim.id
		).n
	).toBe(1);
	expect(
		fixedRow<{ n: number }>(
			`SELECT count(*) AS n FROM planned_actions WHERE claim_id = ? AND state = 'planned'`,
			claim.id
		).n
	).toBe(0);
});

test('a field agent sees their region’s visit on a phone, records it with the signed acknowledgement, no page of /ops, and signs out', async ({
	browser
}) => {
	const anna = demo.debtors.anna;
	const claim = fixedRow<{ id: number }>(
		`SELECT c.id FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE d.name = ? AND c.reference LIKE 'PT-%' LIMIT 1`,
		anna.name
	);
	// set-up: a visit of Anna's Pannon Telekom claim due today, as an operator schedules one
	fixedExec(
		`INSERT INTO planned_actions (key, claim_id, kind, stage, step, due_date, channels_json, why_json, state, created_at)
		 SELECT 'visit:e2e', id, 'contact', stage, 'visit', ?, '["visit"]', '{"rule":"operator_scheduled"}', 'planned', 0
		   FROM claims WHERE id = ?`,
		server.serverDay(0),
		claim.id
	);
	const ctx = await browser.newContext({
		baseURL: server.base,
		viewport: { width: 360, height: 800 }
	});
	const page = await ctx.newPage();
	await signInPage(page, demo.fieldAgent);
	await page.waitForURL('**/field');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mai látogatások');
	const visit = page.locator('li.card').filter({ hasText: anna.name });
	await expect(visit).toContainText(`${anna.postalCode} ${anna.city}, ${anna.address}`);
	await expect(visit).toContainText('Mit mondjon');
	await expect(visit).toContainText('Most szabad felkeresni.');
	const wide = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(wide).toBeLessThanOrEqual(360);
	await axeClean(page, WCAG22_AA);

	/** Records the visit as met, with `content` sent as the signed acknowledgement, elismeres.pdf. */
	const recordVisit = async (content: string) => {
		await visit.getByLabel('Találkoztam az adóssal').check();
		await visit.getByLabel(/Aláírt tartozáselismerés/).setInputFiles({
			name: 'elismeres.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.from(content)
		});
		await visit.getByRole('button', { name: 'Látogatás rögzítése' }).click();
	};
	// a plan on the spot outside the creditor's rules (no down payment, 40 monthly installments) is
	// refused next to the field, what was typed kept, and nothing of the visit recorded
	await visit.getByText('Részletfizetési javaslat a helyszínen').click();
	// the creditor's limits for this claim are said before anything is typed, in its currency
	await expect(visit.getByText(/^Legfeljebb \d+ részlet\.$/)).toBeVisible();
	await expect(visit.getByText(/^Legkésőbb /)).toBeVisible();
	await expect(visit.getByLabel(/Előleg.*Ft/)).toBeVisible();
	await visit.getByLabel('Részletek száma').fill('40');
	await visit.getByLabel('Első részlet dátuma').fill(server.serverDay(7));
	await recordVisit('%PDF-1.4\n% signed\n');
	const count = visit.getByLabel('Részletek száma');
	await expect(count).toHaveAttribute('aria-invalid', 'true');
	await expect(visit.getByText(/Legfeljebb \d+ részlet lehet|Egy részlet legalább/)).toBeVisible();
	await expect(count).toHaveValue('40');
	expect(
		fixedRow<{ n: number }>(
			`SELECT count(*) AS n FROM contact_events WHERE claim_id = ? AND channel = 'visit'`,
			claim.id
		)
	).toEqual({ n: 0 });
	// without the plan
	await count.fill('');
	await visit.getByLabel('Első részlet dátuma').fill('');
	// a file that is not a photo or a PDF is refused by its content, next to the field
	await recordVisit('MZ not really a pdf');
	await expect(visit.getByText(/Csak PDF, JPEG vagy PNG/)).toBeVisible();
	await recordVisit('%PDF-1.4\n% signed\n');
	await expect(page.getByText('A látogatást rögzítettük.')).toBeVisible();
	await expect(page.locator('li.card').filter({ hasText: anna.name })).toHaveCount(0);
	expect(
		fixedRow<{ outcome: string; mime: string }>(
			`SELECT e.outcome, a.mime FROM contact_events e JOIN attachments a ON a.id = e.attachment_id
			  WHERE e.claim_id = ? AND e.channel = 'visit'`,
			claim.id
		)
	).toEqual({ outcome: 'conversation', mime: 'application/pdf' });

	// no page of /ops
	for (const path of ['/ops', '/ops/calls', `/ops/claims/${claim.id}/call`, '/ops/tasks']) {
		const res = await page.goto(path);
		expect(res?.status(), path).toBe(403);
	}

	// and signs out from /field, as from every staff area: the session ends
	await page.goto('/field');
	await page.getByRole('button', { name: 'Kilépés' }).click();
	await page.waitForURL('**/login?signedout=1');
	await page.goto('/field');
	await expect(page).toHaveURL(/\/login/);
	await ctx.close();
});
