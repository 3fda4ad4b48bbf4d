/**
 * The debtor portal in Chromium beyond the everyday journey (portal-journey.spec.ts, which runs
 * first): a declined payment stays declined, paying works without JavaScript, another debtor's
 * claim and a signed-out visitor see nothing, and operators refund a payment and answer a dispute.
 * An axe check (WCAG 2.2 AA tags) on every page; 360 px wide.
 */
import { test, expect } from '@playwright/test';
import Database from '../../src/lib/server/db/sqlite';
import { E2E_DB, signInStaff } from './access-helpers';
import { axe, demo, rejectDispute, signIn, T } from './portal-helpers';

test.use({ viewport: { width: 360, height: 780 } });

test('a declined demo payment stays declined: approving it afterwards charges nothing', async ({
	page
}) => {
	await signIn(page, demo.debtors.gabor, 'hu');
	await page.locator('a[href^="/my/claims/"]').first().click();
	await page.waitForURL(/\/my\/claims\/\d+$/);
	const claimUrl = page.url();
	const before = (await page.getByTestId('balance').textContent())!;
	await page.getByRole('button', { name: T.hu.payFull }).click();
	await page.waitForURL(/\/pay\/demo\/\d+$/);
	const demoUrl = page.url();
	await page.getByRole('button', { name: 'Fizetés elutasítása' }).click();
	await expect(page.getByTestId('payment-result')).toContainText('A fizetés nem sikerült');
	// the same hosted page answered again, as a second tab or a replayed form would
	const again = await page.request.post(`${demoUrl}?/approve`, {
		form: {},
		headers: { origin: new URL(demoUrl).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(again.status()).toBe(303);
	expect(again.headers()['location']).toMatch(/\/my\/payments\/\d+$/);
	await page.reload();
	await expect(page.getByTestId('payment-result')).toContainText('A fizetés nem sikerült');
	// nothing was charged: "try again" leads back to the claim's pay button
	await page.getByTestId('try-again').click();
	await expect(page.getByRole('button', { name: T.hu.payFull })).toBeVisible();
	await page.goto(claimUrl);
	await expect(page.getByTestId('balance')).toHaveText(before);
	// signing out says so
	await page.getByRole('button', { name: 'Kilépés' }).click();
	await page.waitForURL('**/?signedout=1');
	await expect(page.getByTestId('session-notice')).toContainText('Kilépett.');
});

test('viewing and paying work with JavaScript off', async ({ browser }) => {
	const ctx = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 360, height: 780 }
	});
	const page = await ctx.newPage();
	await signIn(page, demo.debtors.gabor, 'hu');
	await page.locator('a[href^="/my/claims/"]').first().click();
	await page.getByRole('button', { name: T.hu.payFull }).click();
	await page.waitForURL(/\/pay\/demo\/\d+$/);
	await page.getByRole('button', { name: T.hu.approve }).click();
	await page.waitForURL(/\/my\/payments\/\d+$/);
	await expect(page.getByTestId('payment-result')).toContainText(T.hu.settled);
	await ctx.close();
});

test('another debtor’s claim and a signed-out visitor see nothing', async ({ page }) => {
	await signIn(page, demo.debtors.gabor, 'hu');
	// claim 1 belongs to Kovács Anna
	const res = await page.goto('/my/claims/1');
	expect(res?.status()).toBe(404);
	const pdf = await page.request.get('/my/claims/1/certificate.pdf');
	expect(pdf.status()).toBe(404);
	// opened in the browser, a missing file says so in words, not SvelteKit's bare "404 not found"
	expect((await page.goto('/my/claims/1/certificate.pdf'))?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Ez az oldal vagy fájl nem érhető el.'
	);
	await page.context().clearCookies();
	await page.goto('/my');
	expect(new URL(page.url()).pathname).toBe('/');
	// and is told why, and what to do
	await expect(page.getByTestId('session-notice')).toContainText(
		'nyissa meg újra az SMS-ben vagy levélben kapott hivatkozást'
	);
});

test('operators see payments, refund one through the gateway, and answer a dispute', async ({
	page
}) => {
	await signInStaff(page, demo.operator);
	// a payment the provider reported with another amount: flagged, and said why in the operator's language
	const db = new Database(E2E_DB, { fileMustExist: true });
	const claim = db
		.prepare('SELECT id, debtor_id FROM claims WHERE currency = ? ORDER BY id LIMIT 1')
		.get('HUF') as { id: number; debtor_id: number };
	const flagged = db
		.prepare(
			`INSERT INTO payments (claim_id, debtor_id, amount_minor, currency, purpose, gateway, status, flag_reason, created_at) VALUES (?, ?, 500000, 'HUF', 'partial', 'stripe', 'flagged', 'amount_mismatch:100:HUF', ?)`
		)
		.run(claim.id, claim.debtor_id, Date.now()).lastInsertRowid;
	db.close();
	await page.goto('/ops/payments?lang=hu');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Befizetések');
	await expect(page.getByTestId(`flag-${flagged}`)).toHaveText(
		'A fizetési szolgáltató 1 Ft összeget jelzett a várt 5000 Ft helyett; nem könyveltük le.'
	);
	await axe(page);
	// a succeeded payment's refund form (the flagged one owes back only the 1 Ft that arrived)
	const first = page.locator('details', { hasNotText: `#${flagged} ·` }).first();
	await first.locator('summary').click();
	await first.getByLabel('Visszatérítendő összeg').fill('100');
	await first.getByLabel('Indoklás').fill('Teszt: a debtor kérte');
	await first.getByRole('button', { name: 'Visszatérítés indítása' }).click();
	await expect(page.getByRole('status')).toContainText('A visszatérítést a szolgáltató elfogadta');
	await axe(page);

	// a refund the provider never answered waits under "pending"; checked and not made, it is closed
	const db2 = new Database(E2E_DB, { fileMustExist: true });
	const paid = db2
		.prepare("SELECT id FROM payments WHERE status = 'succeeded' ORDER BY id LIMIT 1")
		.pluck()
		.get() as number;
	db2
		.prepare(
			"INSERT INTO refunds (payment_id, amount_minor, reason, status, created_at) VALUES (?, 100, 'e2e: nincs válasz', 'pending', ?)"
		)
		.run(paid, Date.now());
	db2.close();
	await page.reload();
	const pending = page.getByTestId('pending-refunds');
	await expect(pending).toContainText(`#${paid}`);
	await axe(page);
	await pending.getByRole('button', { name: 'Nem történt meg (lezárás)' }).first().click();
	await expect(page.getByTestId('pending-refunds')).toHaveCount(0);

	await page.goto('/ops/disputes');
	await axe(page);
	const card = page.locator('section.card').first();
	await rejectDispute(card, 'Az összeg a szerződés szerint helyes; a számítást mellékeljük.');
	await expect(page.getByRole('status')).toHaveText('A választ rögzítettük.');
});
