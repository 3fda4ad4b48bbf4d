/**
 * The plan form with JavaScript on (issue 19, bug 1): "Ütemezés frissítése" (the preview action)
 * used to reset the form after the server answered, wiping what was typed, showing false errors
 * and turning the nearest-plan suggestion into "1 installment". Anna's Duna Bank loan (plans
 * allowed); nothing is proposed here, so the other specs' debtors stay as seeded.
 */
import { test, expect, type Page } from '@playwright/test';
import { demo, signIn } from './portal-helpers';

const anna = demo.debtors.anna;

/** Anna's first claim whose plan page offers the proposal form. */
async function openPlanForm(page: Page) {
	await signIn(page, anna, 'hu');
	const hrefs = await page
		.locator('a[href^="/my/claims/"]')
		.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	const ids = [...new Set(hrefs.map((h) => /^\/my\/claims\/(\d+)/.exec(h)?.[1]).filter(Boolean))];
	for (const id of ids) {
		await page.goto(`/my/claims/${id}/plan`);
		if ((await page.getByTestId('plan-form').count()) > 0) return;
	}
	throw new Error('no claim of Anna offers the plan form');
}

/** A date `days` after the form's earliest allowed first due date (its `min`, today). */
async function dateAfterMin(page: Page, days: number) {
	const min = await page.locator('#firstDueDate').getAttribute('min');
	const d = new Date(`${min}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

async function preview(page: Page) {
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && r.url().includes('?/preview')
	);
	await page.getByRole('button', { name: 'Ütemezés frissítése' }).click();
	expect((await answered).status()).toBe(200);
	// let the enhanced form apply the answer
	await page.waitForLoadState('networkidle');
}

test.describe('the plan form keeps what was typed (JavaScript on)', () => {
	test('a valid 4-month plan: after "Ütemezés frissítése" the fields keep their values, the schedule shows 4 rows, no errors', async ({
		page
	}) => {
		await openPlanForm(page);
		const first = await dateAfterMin(page, 5);
		const down = await page.locator('#downPayment').inputValue();
		await page.locator('#installmentCount').fill('4');
		await page.locator('#frequency').selectOption('monthly');
		await page.locator('#firstDueDate').fill(first);
		await preview(page);

		await expect(page.locator('#downPayment')).toHaveValue(down);
		await expect(page.locator('#installmentCount')).toHaveValue('4');
		await expect(page.locator('#frequency')).toHaveValue('monthly');
		await expect(page.locator('#firstDueDate')).toHaveValue(first);
		await expect(
			page.getByTestId('plan-form').getByTestId('schedule').locator('tbody tr')
		).toHaveCount(/[1-9]/.test(down) ? 5 : 4); // 4 installments (and the down payment's row)
		for (const f of ['downPayment', 'installmentCount', 'frequency', 'firstDueDate'])
			await expect(page.locator(`#${f}`)).not.toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText('érvényes dátumot')).toHaveCount(0);
	});

	test('36 installments (over the limit): the typed count stays, the error is the real one, the nearest plan is not "1 installment"', async ({
		page
	}) => {
		await openPlanForm(page);
		const first = await dateAfterMin(page, 5);
		await page.locator('#installmentCount').fill('36');
		await page.locator('#firstDueDate').fill(first);
		const before = await page.getByTestId('nearest').innerText();
		await preview(page);

		await expect(page.locator('#installmentCount')).toHaveValue('36');
		await expect(page.locator('#firstDueDate')).toHaveValue(first);
		await expect(page.getByTestId('nearest')).toHaveText(before);
		await expect(page.getByTestId('nearest')).not.toContainText('terv: 1 részlet');
		await expect(page.locator('#firstDueDate')).not.toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText('érvényes dátumot')).toHaveCount(0);
	});

	test('the nearest-plan suggestion says the installment amount, the one its schedule has (issue 19 item 4)', async ({
		page
	}) => {
		await openPlanForm(page);
		await page.locator('#installmentCount').fill('36');
		const said = /részletenként (.+?), /.exec(await page.getByTestId('nearest').innerText())?.[1];
		expect(said).toMatch(/\d.*Ft/);
		await page.getByRole('button', { name: 'Ezt választom' }).click();
		const rows = page.getByTestId('plan-form').getByTestId('schedule').locator('tbody tr');
		await expect(rows.filter({ has: page.locator('th', { hasText: /^1$/ }) })).toContainText(said!);
	});
});

test.describe('a plan outside the rules keeps what was typed (walkthrough, item 1)', () => {
	test('down payment 50000, 30 weekly instalments: the typed values stay after "Ütemezés frissítése", the reasons stand beside the fields, the nearest plan is a suggestion taken (and undone) with one tap', async ({
		page
	}) => {
		await openPlanForm(page);
		await page.locator('#downPayment').fill('50000');
		await page.locator('#installmentCount').fill('30');
		await page.locator('#frequency').selectOption('weekly');
		await preview(page);

		// what was typed stays, and each field says why it does not fit
		await expect(page.locator('#downPayment')).toHaveValue('50000');
		await expect(page.locator('#installmentCount')).toHaveValue('30');
		await expect(page.locator('#frequency')).toHaveValue('weekly');
		await expect(page.locator('#downPaymentMinor-error')).toContainText('Az előleg legalább');
		await expect(page.locator('#installmentCount-error')).toContainText('Legfeljebb');
		await expect(page.getByTestId('auto-ok')).toHaveCount(0);
		await expect(page.getByText('Ez a terv megfelel a szabályoknak')).toHaveCount(0);
		// the hint names what the other rules leave, as the suggestion does
		const nearest = page.getByTestId('nearest');
		await expect(nearest).toContainText('Javaslatunk helyette:');
		const count = /helyette: (\d+) részlet/.exec(await nearest.innerText())![1];
		await expect(page.locator('#installmentCount-hint')).toContainText(`legfeljebb ${count}.`);
		// the suggestion stands beside the reasons, inside the proposal (not after the send button)
		await expect(page.getByTestId('evaluation').getByTestId('nearest')).toBeVisible();

		// one tap takes it, and the page says so with what was typed
		await nearest.getByRole('button', { name: 'Ezt választom' }).click();
		await expect(page.locator('#installmentCount')).toHaveValue(count);
		const took = page.getByTestId('took-nearest');
		await expect(took).toContainText('Javaslatunkat beírtuk');
		await expect(took).toContainText('előleg 50\u00a0000\u00a0Ft, 30 részlet, hetente');
		// and one more brings back what was typed
		await took.getByRole('button', { name: 'Visszaállítom, amit írtam' }).click();
		await expect(page.locator('#downPayment')).toHaveValue('50000');
		await expect(page.locator('#installmentCount')).toHaveValue('30');
		await expect(page.getByTestId('took-nearest')).toHaveCount(0);
	});

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });
		test('"Ezt választom" previews the suggestion (its values belong to their own form, not the proposal)', async ({
			page
		}) => {
			await openPlanForm(page);
			await page.locator('#installmentCount').fill('30');
			await page.getByRole('button', { name: 'Ütemezés frissítése' }).click();
			await expect(page.locator('#installmentCount')).toHaveValue('30');
			const nearest = page.getByTestId('nearest');
			const count = /helyette: (\d+) részlet/.exec(await nearest.innerText())![1];
			await nearest.getByRole('button', { name: 'Ezt választom' }).click();
			await expect(page.locator('#installmentCount')).toHaveValue(count);
		});
	});
});
