/**
 * The collection strategy editor (issue 16): a creditor user edits a stage's start day, sees the
 * preview (the evaluator's own output) change, saves, and finds the new version in the list; a
 * typing mistake is refused next to its field with nothing typed lost.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeClean, demo, gotoReady, signInPage, WCAG22_AA } from './access-helpers';

async function signIn(page: Page) {
	await signInPage(page, demo.creditorUsers.duna);
	await page.waitForURL((u) => u.pathname === '/creditor');
}

const previewLines = (page: Page) =>
	page.getByTestId('preview-lines').locator('li').allInnerTexts();

test.describe('collection strategy editor', () => {
	test('edit a stage start day, the preview changes, save makes the next version', async ({
		page
	}) => {
		await signIn(page);
		await page
			.getByRole('navigation')
			.getByRole('link', { name: /Behajtási stratégia|Collection strategy/ })
			.click();
		await page.waitForURL('**/creditor/strategy');
		await page.waitForLoadState('networkidle');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		const versionsBefore = await page.getByTestId('strategy-versions').locator('tbody tr').count();

		// the preview for a fixed due date, as the page shows it
		await page.locator('#due').fill('2026-03-02');
		await page.getByRole('button', { name: /Előnézet frissítése|Update preview/ }).click();
		await expect(page.getByTestId('strategy-preview')).toContainText('2026. március 2.');
		const before = await previewLines(page);
		expect(before.length).toBeGreaterThan(3);
		// dates and channels in words, never codes
		expect(before.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}|friendly_reminder|\bsms\b|\bemail\b/);

		// the friendly reminder starts a few days earlier
		const start = page.locator('#s0_start');
		const was = Number(await start.inputValue());
		const now = was >= 3 ? was - 3 : was + 1;
		await start.fill(String(now));
		await page.getByRole('button', { name: /Előnézet frissítése|Update preview/ }).click();
		await expect.poll(() => previewLines(page)).not.toEqual(before);
		await expect(start).toHaveValue(String(now)); // what was typed stays

		// a typing mistake: refused next to its field, nothing typed lost
		await page.locator('#graceDays').fill('sok');
		await page
			.getByRole('button', { name: /Mentés új változatként|Save as a new version/ })
			.click();
		await expect(page.locator('#graceDays-error')).toBeVisible();
		await expect(start).toHaveValue(String(now));
		await expect(page.locator('#graceDays')).toHaveValue('sok');

		await page.locator('#graceDays').fill('3');
		await page.locator('#label').fill('korábbi emlékeztető');
		await page
			.getByRole('button', { name: /Mentés új változatként|Save as a new version/ })
			.click();
		const saved = page.getByTestId('strategy-saved');
		await expect(saved).toBeVisible();
		const rowsAfter = page.getByTestId('strategy-versions').locator('tbody tr');
		// a creditor without versions gets its earlier settings as version 1, the edit as version 2
		const expected = Math.max(2, versionsBefore + 1);
		await expect(rowsAfter).toHaveCount(expected);
		await expect(saved).toContainText(String(expected));
		await expect(rowsAfter.first()).toContainText(`${expected}.`);
		await expect(rowsAfter.first()).toContainText('korábbi emlékeztető');
		await expect(rowsAfter.first()).toContainText(demo.creditorUsers.duna.name);
		// moving the older version's claims starts by showing how many run under it
		await rowsAfter
			.nth(1)
			.getByRole('button', { name: /áthelyezése|Move its claims/ })
			.click();
		await expect(page.getByTestId('move-count')).toContainText(/\d+ (ügy fut|claims run)/);
		// the saved version is what the editor now shows
		await gotoReady(page, '/creditor/strategy');
		await expect(page.locator('#s0_start')).toHaveValue(String(now));
		await axeClean(page, WCAG22_AA);
	});

	test('champion/challenger: start a 90/10 experiment, read its report, end it by promoting a version', async ({
		page
	}) => {
		await signIn(page);
		await gotoReady(page, '/creditor/strategy');
		// two versions at least (the test above saves one; on its own, save one here)
		if ((await page.getByTestId('strategy-versions').count()) === 0) {
			await page
				.getByRole('button', { name: /Mentés új változatként|Save as a new version/ })
				.click();
			await expect(page.getByTestId('strategy-saved')).toBeVisible();
		}
		const versions = page.getByTestId('strategy-versions').locator('tbody tr');
		await expect(versions).not.toHaveCount(0);
		await page.locator('#name').fill('Rövidebb barátságos szakasz');
		await page.locator('#arm0_version').selectOption({ index: 1 });
		await page.locator('#arm0_weight').fill('90');
		await page.locator('#arm1_version').selectOption({ index: 1 }); // the same version twice
		await page.locator('#arm1_weight').fill('10');
		await page.getByRole('button', { name: /Kísérlet indítása|Start the experiment/ }).click();
		await expect(page.locator('#arms-error')).toBeVisible();
		await expect(page.locator('#name')).toHaveValue('Rövidebb barátságos szakasz');
		await page.locator('#arm1_version').selectOption({ index: 2 });
		await page.getByRole('button', { name: /Kísérlet indítása|Start the experiment/ }).click();
		await expect(page.getByText(/Futó kísérlet|Running experiment/)).toBeVisible();

		await page.getByRole('link', { name: /Eredmények ágak szerint|Results by arm/ }).click();
		await page.waitForURL(/\/creditor\/strategy\/experiments\/\d+$/);
		await expect(page.getByTestId('experiment-arms').locator('tbody tr')).toHaveCount(2);
		// no claims yet: the page says it is too early rather than naming a winner
		await expect(page.getByTestId('experiment-verdicts')).toContainText(/30/);
		await axeClean(page, WCAG22_AA);

		await page.getByRole('link', { name: /Vissza a stratégiához|Back to the strategy/ }).click();
		await page.waitForURL('**/creditor/strategy');
		await page.waitForLoadState('networkidle');
		const before = await versions.count();
		await page.locator('#promote').selectOption({ index: 1 });
		await page.getByRole('button', { name: /Kísérlet lezárása|End the experiment/ }).click();
		await expect(page.getByText(/lezártuk|has ended/)).toBeVisible();
		// the promoted version is copied as the newest
		await expect(versions).toHaveCount(before + 1);
		await expect(page.getByText(/Nincs futó kísérlet|No experiment is running/)).toBeVisible();
	});

	test('what is typed in the editor survives other answers and a slow preview', async ({
		page
	}) => {
		await signIn(page);
		await gotoReady(page, '/creditor/strategy');
		const versions = page.getByTestId('strategy-versions').locator('tbody tr');
		const save = page.getByRole('button', { name: /Mentés új változatként|Save as a new version/ });
		while ((await versions.count()) < 2) {
			const n = await versions.count();
			await save.click();
			await expect(versions).toHaveCount(Math.max(2, n + 1));
		}
		// a freshly loaded page: its fields are as the server drew them
		await gotoReady(page, '/creditor/strategy');
		const editor = page.getByTestId('strategy-form');
		const controls = await editor.locator('input, select').count();
		const start0 = page.locator('#s0_start');
		const typed0 = String(Number(await start0.inputValue()) + 1);
		await start0.fill(typed0); // typed, not saved

		// the experiment form refuses an experiment without arms: the editor keeps what was typed
		await page.locator('#name').fill('Üres kísérlet');
		await page.getByRole('button', { name: /Kísérlet indítása|Start the experiment/ }).click();
		await expect(page.locator('#arms-error')).toBeVisible();
		await expect(page.locator('#name')).toHaveValue('Üres kísérlet');
		await expect(start0).toHaveValue(typed0);
		await expect(editor.locator('input, select')).toHaveCount(controls);

		// counting an older version's claims neither
		await versions
			.nth(1)
			.getByRole('button', { name: /áthelyezése|Move its claims/ })
			.click();
		await expect(page.getByTestId('move-count')).toBeVisible();
		await expect(start0).toHaveValue(typed0);

		// a preview answer that comes late does not put back what it was sent over a newer typing
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		await page.route(
			(u) => u.search.endsWith('/preview'),
			async (route) => {
				await held;
				await route.continue();
			}
		);
		const start1 = page.locator('#s1_start');
		const sent = String(Number(await start1.inputValue()) + 2);
		await start1.fill(sent);
		const answer = page.waitForResponse((r) => r.url().endsWith('/preview'));
		await page.getByRole('button', { name: /Előnézet frissítése|Update preview/ }).click();
		await start1.fill(String(Number(sent) + 1)); // typed while the preview is on its way
		release();
		await answer;
		await page.evaluate(
			() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
		);
		await expect(start1).toHaveValue(String(Number(sent) + 1));
		await expect(start0).toHaveValue(typed0);
	});

	test('on a phone the editor fits the screen', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		await signIn(page);
		await gotoReady(page, '/creditor/strategy');
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});
