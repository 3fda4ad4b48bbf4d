/**
 * The debtor portal in Chromium, in Hungarian and in English: open a seeded link, verify, view the
 * breakdown, pay in full through the demo gateway, get the receipt and the settlement certificate,
 * pay a part, promise, dispute; an axe check (WCAG 2.2 AA tags) on every debtor page; 360 px wide.
 * Runs before portal.spec.ts, whose operator test works on the payments and disputes made here.
 */
import { test, expect } from '@playwright/test';
import { axe, demo, pdfAt, signIn, T } from './portal-helpers';

test.use({ viewport: { width: 360, height: 780 } });

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
		/** Whether every table at `selector` fits its box, with no part scrolled sideways out of sight. */
		const fits = (selector: string) =>
			page
				.locator(selector)
				.evaluateAll((ts) => ts.every((t) => t.scrollWidth <= t.parentElement!.clientWidth));
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
		expect(await fits('table.breakdown')).toBe(true);
		await axe(page);
		// back from a cancelled checkout (Stripe's cancel URL): a calm word that nothing was charged
		const claimUrl = page.url();
		// this creditor takes the full amount only: no way to a part payment, and its page says so
		await expect(page.getByRole('link', { name: tx.partLink })).toHaveCount(0);
		await page.goto(`${claimUrl}/pay`);
		await expect(page.getByText(tx.noPartial)).toBeVisible();
		// the transfer panel follows the same rule: no part by transfer either (walkthrough item 2)
		await expect(page.getByTestId('transfer')).not.toContainText(/Részösszeget|a part too/);
		await expect(page.getByTestId('transfer')).toContainText(/egyben utalja át|in one payment/);
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
		expect(await fits('table.history')).toBe(true);
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
		// the confirmation says what remains to pay (issue 19 item 4)
		const remains = (await page.getByTestId('remaining').textContent())!;
		await page.getByRole('link', { name: new RegExp(c.partRef) }).click();
		const after = (await page.getByTestId('balance').textContent())!;
		const digits = (s: string) => Number(s.replace(/[^\d]/g, ''));
		expect(digits(before) - digits(after)).toBe(c.partial / 100);
		expect(digits(remains)).toBe(digits(after));
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
		// the saved promise is shown, not an empty form again: changing it is behind one tap, with
		// the promise filled in (issue 19 item 4)
		await expect(page.locator('#promisedDate')).toBeHidden();
		await page.getByTestId('promise-change').locator('summary').click();
		await expect(page.locator('#promisedDate')).toHaveValue(promised);
		await expect(page.locator('#promise-amount')).toHaveValue(String(c.partial / 100));
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
