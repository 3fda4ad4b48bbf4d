/**
 * The collection engine's whole loop in the browser (issue 16): a creditor edits its strategy so
 * the formal notice comes a week after the firm reminder starts, sees the preview change, saves the new
 * version and moves its claims onto it (count shown first); an operator runs today's pass again;
 * a claim that was in the firm reminder (a plan offered, C9) now has its formal notice, and its
 * debtor reads the new next step on the claim page.
 *
 * It changes a creditor's strategy and moves its claims, so it runs last (specs run one at a time
 * in file-name order): no other spec reads the state it leaves.
 */
import { expect, test } from '@playwright/test';
import { isBusinessDay } from '../../src/lib/domain/holidays';
import { addDays, localDate } from '../../src/lib/domain/clock';
import { debtorPage, demo, e2eRow, gotoReady, signInPage } from './access-helpers';
import { runTodayAgain } from './engine-helpers';

test('a strategy edit, the run, and the debtor sees the claim move on', async ({ browser }) => {
	test.setTimeout(120_000);
	const today = localDate(Date.now());
	test.skip(!isBusinessDay(today), 'the engine runs on Budapest business days only');

	// a Duna Bank claim in the firm reminder for more than the 8 days the new version gives the
	// stage, 40 days past due at least, a plan offered (C9), never on hold (a hold's days do not count)
	const c = e2eRow<{ id: number; debtor_id: number; birth_date: string; version_id: number }>(
		`SELECT c.id, c.debtor_id, d.birth_date, ce.version_id
		   FROM claims c JOIN debtors d ON d.id = c.debtor_id JOIN claim_engine ce ON ce.claim_id = c.id
		   JOIN creditors cr ON cr.id = c.creditor_id
		  WHERE cr.name = 'Duna Bank Zrt.' AND c.status = 'open' AND c.stage = 'firm_reminder'
		    AND ce.stage_entered_on < ? AND c.due_date <= ? AND c.plan_offered_at IS NOT NULL
		    AND d.kind = 'person' AND d.birth_date IS NOT NULL AND d.name NOT IN (?, ?, ?)
		    AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.claim_id = c.id)
		  ORDER BY c.id LIMIT 1`,
		addDays(today, -9),
		addDays(today, -40),
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);
	expect(c, 'the e2e seed has a Duna Bank claim in the firm reminder').toBeTruthy();

	// the debtor's page before: the next step is the formal notice
	const debtor = await debtorPage(browser, c.debtor_id, c.birth_date);
	await gotoReady(debtor, `/my/claims/${c.id}`);
	await expect(debtor.getByTestId('next-step')).toContainText(
		'A következő lépés: hivatalos felszólítás levélben'
	);

	// the creditor: the formal notice a week after the firm reminder, the preview, save, move
	const creditor = await (await browser.newContext()).newPage();
	await signInPage(creditor, demo.creditorUsers.duna);
	await creditor.waitForURL((u) => u.pathname === '/creditor');
	await gotoReady(creditor, '/creditor/strategy');
	// each preview's answer re-renders the form with the values it was sent, so the next field is
	// typed only once that answer is in (a slow answer once put back the old stage start)
	const previewed = async () => {
		const answer = creditor.waitForResponse(
			(r) => r.request().method() === 'POST' && r.url().includes('/preview')
		);
		await creditor.getByRole('button', { name: /Előnézet frissítése|Update preview/ }).click();
		await (await answer).finished();
		// and the page has drawn it (two frames after the answer's body)
		await creditor.evaluate(
			() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
		);
	};
	await creditor.locator('#due').fill(addDays(today, -60));
	await previewed();
	const lines = () => creditor.getByTestId('preview-lines').locator('li').allInnerTexts();
	await expect.poll(async () => (await lines()).length).toBeGreaterThan(3);
	await expect(creditor.locator('#due')).toHaveValue(addDays(today, -60));
	const before = await lines();
	const firm = Number(await creditor.locator('#s1_start').inputValue());
	// its steps run until day 7 of the stage: the formal notice right after them, and the claim
	// is that far past due
	expect(firm + 8).toBeLessThanOrEqual(40);
	await creditor.locator('#s2_start').fill(String(firm + 8));
	await previewed();
	await expect.poll(lines).not.toEqual(before);
	await expect(creditor.locator('#s2_start')).toHaveValue(String(firm + 8));
	await creditor.locator('#label').fill('hivatalos felszólítás egy héttel a határozott után');
	await creditor
		.getByRole('button', { name: /Mentés új változatként|Save as a new version/ })
		.click();
	await expect(creditor.getByTestId('strategy-saved')).toBeVisible();
	await creditor
		.locator(`form[action="?/count"]:has(input[name="from"][value="${c.version_id}"]) button`)
		.click();
	await expect(creditor.getByTestId('move-count')).toContainText(/\d+ ügy fut/);
	await creditor
		.locator(`form[action="?/move"]:has(input[name="from"][value="${c.version_id}"]) button`)
		.click();
	await expect(creditor.getByText(/ügyet áthelyeztünk a legújabb változatra/)).toBeVisible();

	// the operator runs today's pass again; the jobs worker does it
	const operator = await (await browser.newContext()).newPage();
	await signInPage(operator, demo.operator);
	await operator.waitForURL((u) => u.pathname === '/ops');
	await runTodayAgain(operator, today);
	await operator.reload();
	await expect(operator.getByTestId('engine-runs')).toContainText('befejeződött');

	// the engine moved it (what it saw, in the message, should it not have)
	const seen = e2eRow<{ stage: string; version_id: number; entered: string; run: string }>(
		`SELECT c.stage, ce.version_id, ce.stage_entered_on AS entered,
		        (SELECT json_object('state', state, 'done', done, 'total', total, 'errors', errors,
		                'transitions', transitions, 'lastError', last_error)
		           FROM engine_runs WHERE day = ?) AS run
		   FROM claims c JOIN claim_engine ce ON ce.claim_id = c.id WHERE c.id = ?`,
		today,
		c.id
	);
	expect(seen.stage, `claim ${c.id} after the run: ${JSON.stringify(seen)}`).toBe('formal_notice');

	// the claim moved on: the creditor sees its stage, the debtor the next step after it
	await gotoReady(creditor, `/creditor/claims/${c.id}`);
	await expect(creditor.locator('dd', { hasText: /^Hivatalos felszólítás$/ })).toBeVisible();
	await debtor.reload();
	await expect(debtor.getByTestId('next-step')).toContainText(
		'A következő lépés: a követelés átadása jogi eljárásra'
	);
});
