/**
 * The debtor portal in Chromium, in Hungarian and in English: open a seeded link, verify, view the
 * breakdown, pay in full through the demo gateway, get the receipt and the settlement certificate,
 * pay a part, promise, dispute; an axe check (WCAG 2.2 AA tags) on every debtor page; 360 px wide.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import Database from '../../src/lib/server/db/sqlite';
import {
	demoAccounts,
	E2E_SEED,
	type DemoDebtor
} from '../../src/lib/server/db/seed/demo-accounts';
import { signInPage } from './access-helpers';

const demo = demoAccounts(E2E_SEED);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test.use({ viewport: { width: 360, height: 780 } });

async function axe(page: Page) {
	const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	expect(
		r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
	// 360 px: nothing but deliberate table scrollers is wider than the screen
	const wide = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(wide).toBeLessThanOrEqual(360);
}

async function signIn(page: Page, d: DemoDebtor, lang: 'hu' | 'en') {
	await page.goto(`${d.path}?lang=${lang}`);
	await page.locator('#answer').fill(d.answer);
	await page.locator('form button[type=submit]').first().click();
	await page.waitForURL('**/my');
}

async function pdfAt(page: Page, href: string) {
	const res = await page.request.get(href);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('application/pdf');
	const body = await res.body();
	expect(body.subarray(0, 5).toString()).toBe('%PDF-');
	return body;
}

const T = {
	hu: {
		title: 'Tartozásaim',
		pay: 'Tovább a fizetéshez',
		payFull: /^A teljes összeg befizetése: /,
		partLink: 'Most csak egy részét fizetem',
		noPartial: 'csak a teljes összeg befizetését fogadja el',
		changed: 'A fennálló összeg közben változott.',
		cancelled: 'A fizetés megszakadt, nem terheltünk semmit.',
		approve: 'Fizetés jóváhagyása',
		thanks: 'Köszönjük!',
		settled: 'A tartozás rendezve',
		certificate: 'Igazolás a tartozás rendezéséről (PDF)',
		receipt: 'Nyugta letöltése (PDF)',
		promise: 'Ígéret rögzítése',
		promiseLink: 'Ígéretet teszek a fizetésre',
		promiseSaved: 'Rögzítettük az ígéretét',
		disputeLink: 'Kifogást emelek',
		disputeSend: 'Kifogás beküldése',
		disputeState: 'vizsgálat alatt',
		fileType: 'Csak PDF, JPEG vagy PNG',
		tooLittle: 'Legalább',
		disputed: 'kifogás vizsgálata alatt',
		save: 'Mentés',
		saved: 'Elmentettük a beállításait.'
	},
	en: {
		title: 'My claims',
		pay: 'Continue to payment',
		payFull: /^Pay the full amount: /,
		partLink: 'Pay only a part now',
		noPartial: 'accepts only the full amount',
		changed: 'The amount outstanding has changed.',
		cancelled: 'The payment was cancelled; nothing was charged.',
		approve: 'Approve the payment',
		thanks: 'Thank you!',
		settled: 'The debt is settled',
		certificate: 'Certificate of settlement (PDF)',
		receipt: 'Download the receipt (PDF)',
		promise: 'Record my promise',
		promiseLink: 'Make a promise to pay',
		promiseSaved: 'We have recorded your promise',
		disputeLink: 'I dispute this debt',
		disputeSend: 'Send the dispute',
		disputeState: 'under review',
		fileType: 'We can only accept PDF, JPEG or PNG',
		tooLittle: 'The least you can enter',
		disputed: 'dispute under review',
		save: 'Save',
		saved: 'Your preferences are saved.'
	}
} as const;

// hu: Kovács Anna (Pannon Telekom: full only; Duna Bank: parts allowed)
// en: Fényes Kert Kft. (Pannon Telekom: full only; Tisza Energia: parts allowed)
// references carry the placement year, which moves with the seed's clock: match any year
const cases = [
	{
		lang: 'hu' as const,
		debtor: demo.debtors.anna,
		fullRef: /PT-\d{4}-0000001/,
		partRef: /DB-\d{4}-0000002/,
		partialText: '10 000',
		partial: 1_000_000
	},
	{
		lang: 'en' as const,
		debtor: demo.debtors.kert,
		fullRef: /PT-\d{4}-0000002/,
		partRef: /TE-\d{4}-0000002/,
		partialText: '5,000',
		partial: 500_000
	}
];

const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
	'hex'
);

for (const c of cases) {
	test(`${c.lang}: verify, breakdown, pay in full with receipt and certificate, pay a part, promise, dispute`, async ({
		page
	}) => {
		const tx = T[c.lang];
		await signIn(page, c.debtor, c.lang);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(tx.title);
		await expect(page.getByRole('heading', { name: c.fullRef })).toBeVisible();
		await axe(page);

		// --- full payment
		await page.locator(`a.button[href^="/my/claims/"]`, { hasText: c.fullRef }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(c.fullRef);
		// the itemised breakdown adds up to the balance shown (C5)
		await expect(page.getByTestId('balance-total')).toHaveText(
			(await page.getByTestId('balance').textContent())!.trim()
		);
		// on a 360 px phone its rows stack, so no amount sits out of sight in a sideways scroller
		expect(
			await page
				.locator('table.breakdown')
				.evaluate((t) => t.scrollWidth <= t.parentElement!.clientWidth)
		).toBe(true);
		await axe(page);
		// back from a cancelled checkout (Stripe's cancel URL): a calm word that nothing was charged
		const claimUrl = page.url();
		// this creditor takes the full amount only: no way to a part payment, and its page says so
		await expect(page.getByRole('link', { name: tx.partLink })).toHaveCount(0);
		await page.goto(`${claimUrl}/pay`);
		await expect(page.getByText(tx.noPartial)).toBeVisible();
		await axe(page);
		await page.goto(`${claimUrl}?cancelled=1`);
		await expect(page.getByRole('status')).toHaveText(tx.cancelled);
		await page.goto(claimUrl);
		await expect(page.getByRole('status')).toHaveCount(0);
		// a page left open while the balance changed: the button says so instead of charging the old amount
		await page
			.locator('input[name="fullMinor"]')
			.evaluate((el: HTMLInputElement) => (el.value = String(Number(el.value) - 100)));
		await page.getByRole('button', { name: tx.payFull }).click();
		await expect(page.getByRole('alert')).toContainText(tx.changed);
		await axe(page);
		await page.goto(claimUrl);
		await page.getByRole('button', { name: tx.payFull }).click();
		await page.waitForURL(/\/pay\/demo\/\d+$/);
		await axe(page);
		await page.getByRole('button', { name: tx.approve }).click();
		await page.waitForURL(/\/my\/payments\/\d+$/);
		await expect(page.getByTestId('payment-result')).toContainText(tx.thanks);
		await expect(page.getByTestId('payment-result')).toContainText(tx.settled);
		await axe(page);
		await pdfAt(page, (await page.getByRole('link', { name: tx.receipt }).getAttribute('href'))!);
		await page.getByRole('link', { name: new RegExp(c.fullRef) }).click();
		await expect(page.getByTestId('balance')).toHaveText(/^0\s?(Ft|HUF)|HUF\s?0$/);
		const cert = page.getByRole('link', { name: tx.certificate });
		await expect(cert).toBeVisible();
		await pdfAt(page, (await cert.getAttribute('href'))!);
		// the payment and its receipt link stack on a 360 px phone too: nothing scrolled out of sight
		expect(
			await page
				.locator('table.history')
				.evaluate((t) => t.scrollWidth <= t.parentElement!.clientWidth)
		).toBe(true);
		await axe(page);

		// --- part payment on another claim
		await page.goto('/my');
		await page.locator(`a.button[href^="/my/claims/"]`, { hasText: c.partRef }).click();
		const before = (await page.getByTestId('balance').textContent())!;
		// the claim page pays the full balance in one tap; a part is paid on the claim's pay page
		await page.getByRole('link', { name: tx.partLink }).click();
		await expect(page.getByRole('heading', { level: 1 })).toContainText(c.partRef);
		await axe(page);
		await page.getByRole('button', { name: tx.pay }).click();
		await expect(page.locator('#amount-error')).toBeVisible();
		await page.locator('#amount').fill('1');
		await page.getByRole('button', { name: tx.pay }).click();
		await expect(page.locator('#amount-error')).toContainText(tx.tooLittle);
		await expect(page.locator('#amount')).toHaveAttribute('aria-invalid', 'true');
		await axe(page);
		await page.locator('#amount').fill(c.partialText);
		await page.getByRole('button', { name: tx.pay }).click();
		await page.waitForURL(/\/pay\/demo\/\d+$/);
		await page.getByRole('button', { name: tx.approve }).click();
		await expect(page.getByTestId('payment-result')).toContainText(tx.thanks);
		await page.getByRole('link', { name: new RegExp(c.partRef) }).click();
		const after = (await page.getByTestId('balance').textContent())!;
		const digits = (s: string) => Number(s.replace(/[^\d]/g, ''));
		expect(digits(before) - digits(after)).toBe(c.partial / 100);
		await expect(page.getByTestId('balance-total')).toHaveText(after.trim());

		// --- promise to pay, on its own page; an empty form first
		const claimPage = page.url();
		await page.getByRole('link', { name: tx.promiseLink }).click();
		await axe(page);
		await page.getByRole('button', { name: tx.promise }).click();
		await expect(page.locator('#promisedDate-error')).toBeVisible();
		await expect(page.locator('#promisedDate')).toHaveAttribute('aria-invalid', 'true');
		const min = (await page.locator('#promisedDate').getAttribute('min'))!;
		const d = new Date(min + 'T00:00:00Z');
		d.setUTCDate(d.getUTCDate() + 7);
		const promised = d.toISOString().slice(0, 10);
		await page.locator('#promisedDate').fill(promised);
		await page.locator('#promise-amount').fill(c.partialText);
		await page.getByRole('button', { name: tx.promise }).click();
		await expect(page.getByRole('status').filter({ hasText: tx.promiseSaved })).toBeVisible();
		await expect(page.getByTestId('promise')).toBeVisible();
		await axe(page);
		// and the claim shows it
		await page.goto(claimPage);
		await expect(page.getByTestId('promise')).toBeVisible();

		// --- dispute, first with a file that only pretends to be an image
		await page.getByRole('link', { name: tx.disputeLink }).click();
		await axe(page);
		await page.locator('#reason-wrong_amount').check();
		await page
			.locator('#details')
			.fill(
				c.lang === 'hu'
					? 'A kamat összege szerintem hibás, kérem, ellenőrizzék.'
					: 'I think the interest is wrong, please check it.'
			);
		// a file over 5 MB is refused before it is sent, and what was typed stays
		await page.locator('#file').setInputFiles({
			name: 'scan.pdf',
			mimeType: 'application/pdf',
			buffer: Buffer.alloc(5 * 1024 * 1024 + 1)
		});
		await page.getByRole('button', { name: tx.disputeSend }).click();
		await expect(page.locator('#file-error')).toContainText('5 MB');
		await expect(page.locator('#details')).not.toHaveValue('');
		await page.locator('#file').setInputFiles({
			name: 'scan.png',
			mimeType: 'image/png',
			buffer: Buffer.from('this is not a picture')
		});
		await page.getByRole('button', { name: tx.disputeSend }).click();
		await expect(page.locator('#file-error')).toContainText(tx.fileType);
		await axe(page);
		await page.locator('#reason-wrong_amount').check();
		await page
			.locator('#file')
			.setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: PNG });
		await page.getByRole('button', { name: tx.disputeSend }).click();
		await expect(page.getByTestId('dispute-state')).toContainText(tx.disputeState);
		await axe(page);
		await page.getByRole('link', { name: c.partRef }).click();
		await expect(page.getByText(tx.disputed).first()).toBeVisible();

		// --- contact preferences
		await page.goto('/my/preferences');
		await axe(page);
		await page.locator('#optOut-sms').check();
		await page.locator('#preferredFrom').fill('17:00');
		await page.locator('#preferredTo').fill('19:30');
		await page.getByRole('button', { name: tx.save }).click();
		await expect(page.getByRole('status')).toHaveText(tx.saved);
		await axe(page);
	});
}

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
	await signInPage(page, demo.operator);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	// a payment the provider reported with another amount: flagged, and said why in the operator's language
	const db = new Database(process.env.E2E_DATABASE_URL ?? './data/e2e.db', { fileMustExist: true });
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
	const db2 = new Database(process.env.E2E_DATABASE_URL ?? './data/e2e.db', {
		fileMustExist: true
	});
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
	await card.getByLabel(/Elutasítom/).check();
	await card
		.getByLabel('Válasz az adósnak')
		.fill('Az összeg a szerződés szerint helyes; a számítást mellékeljük.');
	await card.getByRole('button', { name: 'Válasz rögzítése' }).click();
	await expect(page.getByRole('status')).toHaveText('A választ rögzítettük.');
});
