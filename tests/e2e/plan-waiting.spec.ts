/**
 * While the debtor's plan proposal waits for our decision, the claim page says so and offers to
 * follow or withdraw it instead of a promise to pay; paying stays on the page; /my offers neither
 * a promise nor "I can't pay now" for that claim; a promise or pause form left open from before is
 * refused in words. Withdrawn, the promise is offered again. Uses an open claim of a person no
 * other spec uses, with no plan yet (a proposal, no payment: nobody's sums change).
 */
import { expect, test } from '@playwright/test';
import { debtorPage, demo, e2eRow, gotoReady } from './access-helpers';
import { axe } from './portal-helpers';

test.use({ viewport: { width: 360, height: 780 } });

const WAITS = 'Részletfizetési javaslata döntésre vár.';

test('a proposal waiting for review: no promise or pause beside it, paying and withdrawing on the claim page', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// an open forint claim large enough for a plan, in a stage with a next step and not on hold, of
	// a person none of the other specs uses, with no plan, promise, dispute or hardship request
	// (not the newest, which other specs take)
	const c = e2eRow<{ id: number; debtor_id: number; birth_date: string; reference: string }>(
		`SELECT c.id, c.debtor_id, d.birth_date, c.reference FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE c.status = 'open' AND c.currency = 'HUF' AND c.balance_minor >= 10000000
		    AND c.stage = 'firm_reminder' AND NOT EXISTS (SELECT 1 FROM holds x WHERE x.claim_id = c.id)
		    AND d.kind = 'person' AND d.birth_date IS NOT NULL AND d.name NOT IN (?, ?, ?)
		    AND NOT EXISTS (SELECT 1 FROM plans x WHERE x.claim_id = c.id)
		    AND NOT EXISTS (SELECT 1 FROM promises x WHERE x.claim_id = c.id)
		    AND NOT EXISTS (SELECT 1 FROM disputes x WHERE x.claim_id = c.id)
		    AND NOT EXISTS (SELECT 1 FROM hardship_requests x WHERE x.claim_id = c.id)
		  ORDER BY c.id DESC LIMIT 1 OFFSET 4`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);
	expect(c).toBeTruthy();
	const debtor = await debtorPage(browser, c.debtor_id, c.birth_date);
	const claimPage = `/my/claims/${c.id}`;
	// before: /my offers a promise and "I can't pay now" for the claim
	const promiseLink = debtor.getByRole('link', { name: `Fizetési ígéret (${c.reference})` });
	const hardshipLink = debtor.getByRole('link', {
		name: `Most nem tudok fizetni (${c.reference})`
	});
	await expect(promiseLink).toBeVisible();
	await expect(hardshipLink).toBeVisible();

	// forms opened before the proposal (another tab): they are refused once it is sent
	const promiseTab = await debtor.context().newPage();
	await gotoReady(promiseTab, `${claimPage}/promise`);
	const hardshipTab = await debtor.context().newPage();
	await gotoReady(hardshipTab, `${claimPage}/hardship`);
	await gotoReady(debtor, claimPage);
	await expect(debtor.locator('#promise-h')).toBeVisible();

	// the proposal, outside the limits: it goes to an operator
	await gotoReady(debtor, `${claimPage}/plan`);
	await debtor.getByLabel('Részletek száma').fill('99');
	await expect(debtor.getByTestId('broken-rules')).toBeVisible();
	await debtor.getByRole('button', { name: 'Elküldöm jóváhagyásra' }).click();
	await expect(debtor.getByTestId('pending-plan')).toBeVisible();

	// the claim page: the proposal waits, to follow or withdraw; no promise; paying stays
	await gotoReady(debtor, claimPage);
	const waiting = debtor.getByTestId('plan-waiting');
	await expect(waiting).toContainText('Javaslata jóváhagyásra vár');
	await expect(waiting).toContainText(WAITS);
	await expect(waiting.getByRole('link', { name: 'Részletfizetés megtekintése' })).toHaveAttribute(
		'href',
		`${claimPage}/plan`
	);
	await expect(waiting.getByRole('button', { name: 'Javaslat visszavonása' })).toBeVisible();
	await expect(debtor.locator('#promise-h')).toHaveCount(0);
	await expect(debtor.getByRole('link', { name: 'Ígéretet teszek a fizetésre' })).toHaveCount(0);
	await expect(debtor.getByRole('button', { name: /^A teljes összeg befizetése: / })).toBeVisible();
	// the next step is not worded as if asking for a plan stopped it (a proposal does not)
	await expect(debtor.locator('main')).not.toContainText('részletfizetést kér, erre nem kerül sor');
	await expect(debtor.getByTestId('next-step')).toHaveCount(0);
	await expect(debtor.getByTestId('plan-waiting-next')).toContainText(
		'Amíg a javaslatáról nem döntünk, az ügyintézés folytatódik'
	);
	await axe(debtor);

	// /my: neither a promise nor "I can't pay now" for this claim
	await gotoReady(debtor, '/my');
	await expect(debtor.getByTestId('claim-state').first()).toBeVisible();
	await expect(promiseLink).toHaveCount(0);
	await expect(hardshipLink).toHaveCount(0);

	// the promise page says so instead of its form; the form left open is refused in words
	await gotoReady(debtor, `${claimPage}/promise`);
	await expect(debtor.getByTestId('promise-plan-waiting')).toContainText(WAITS);
	await expect(debtor.locator('#promisedDate')).toHaveCount(0);
	await promiseTab
		.locator('#promisedDate')
		.fill((await promiseTab.locator('#promisedDate').getAttribute('max')) ?? '');
	await promiseTab.locator('#promise-amount').fill('5000');
	await promiseTab.getByRole('button', { name: 'Ígéret rögzítése' }).click();
	await expect(promiseTab.getByRole('alert')).toContainText(WAITS);
	await expect(promiseTab.getByText('Rögzítettük az ígéretét')).toHaveCount(0);
	// the hardship page too, and its form left open
	await gotoReady(debtor, `${claimPage}/hardship`);
	await expect(debtor.getByTestId('hardship-plan-waiting')).toContainText(WAITS);
	await hardshipTab.locator('#reason-other').check();
	await hardshipTab.locator('#pauseDays-30').check();
	await hardshipTab.getByRole('button', { name: 'Kérés elküldése' }).click();
	await expect(hardshipTab.getByTestId('hardship-plan-waiting')).toContainText(WAITS);
	await expect(hardshipTab.getByTestId('hardship-state')).toHaveCount(0);

	// in English
	await gotoReady(debtor, `${claimPage}?lang=en`);
	await expect(debtor.getByTestId('plan-waiting')).toContainText(
		'Your instalment plan proposal is waiting for our decision.'
	);
	await expect(debtor.getByTestId('plan-waiting-next')).toContainText(
		'Until we decide on your proposal, the process goes on'
	);
	await axe(debtor);

	// withdrawn from the claim page: the plan page says so, and the promise is offered again
	await gotoReady(debtor, `${claimPage}?lang=hu`);
	await debtor.getByRole('button', { name: 'Javaslat visszavonása' }).click();
	await debtor.waitForURL(`**${claimPage}/plan?done=withdrawn`);
	await gotoReady(debtor, claimPage);
	await expect(debtor.getByTestId('plan-waiting')).toHaveCount(0);
	await expect(debtor.locator('#promise-h')).toBeVisible();
});
