/**
 * Walkthrough s17 in the browser: the operator's case file asks a plan's and a promise's amounts
 * in the claim's currency (it said Ft beside euro claims); staff lists fit a 360 px phone (the
 * regions table scrolls in its own box, and the ops home's hidden link texts stay inside theirs).
 */
import { expect, test } from '@playwright/test';
import { demo, e2eRow, signInStaff } from './access-helpers';

test('a debtor whose open claims are all in euro: the case file asks amounts in EUR', async ({
	page
}) => {
	const d = e2eRow<{ debtor_id: number }>(
		`SELECT debtor_id FROM claims GROUP BY debtor_id
		  HAVING sum(status NOT IN ('paid', 'closed') AND currency = 'EUR') > 0
		     AND sum(status NOT IN ('paid', 'closed') AND currency <> 'EUR') = 0
		  ORDER BY debtor_id LIMIT 1`
	);
	expect(d, 'the seed has a debtor with open euro claims only').toBeTruthy();
	await signInStaff(page, demo.operator);
	await page.goto(`/ops/debtors/${d.debtor_id}`);
	await expect(page.locator('#plan-down')).toBeAttached();
	await expect(page.locator('label[for="plan-down"]')).toContainText('EUR');
	await expect(page.locator('label[for="plan-down"]')).not.toContainText('Ft');
	await expect(page.locator('label[for="promise-amount"]')).toContainText('EUR');
});

test('staff lists fit a 360 px phone: /admin/regions and /ops scroll only inside their tables', async ({
	browser
}) => {
	for (const [who, path] of [
		[demo.admin, '/admin/regions'],
		[demo.operator, '/ops']
	] as const) {
		const ctx = await browser.newContext({ viewport: { width: 360, height: 780 } });
		const page = await ctx.newPage();
		await signInStaff(page, who);
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const wide = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(wide, path).toBeLessThanOrEqual(360);
		await ctx.close();
	}
});
