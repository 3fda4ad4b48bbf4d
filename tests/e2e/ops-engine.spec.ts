/**
 * /ops/engine (issue 16 item 4): an operator finds the engine's runs from the ops menu, in words
 * (no state codes), in Hungarian and English. The e2e server's jobs worker runs the engine for
 * today when it starts (on a business day).
 */
import { expect, test } from '@playwright/test';
import { axeClean, demo, e2eRow, signInStaff } from './access-helpers';

test('operators see the engine runs in words', async ({ page }) => {
	// the worker's run at start may still be going: wait until it is over (none on a weekend)
	let engine: { day: string; state: string } | null = null;
	await expect
		.poll(
			async () => {
				engine =
					e2eRow<{ day: string; state: string } | undefined>(
						'SELECT day, state FROM engine_runs ORDER BY day DESC LIMIT 1'
					) ?? null;
				return engine === null || engine.state !== 'running';
			},
			{ timeout: 30_000 }
		)
		.toBe(true);

	await signInStaff(page, demo.operator);
	await page
		.getByRole('navigation', { name: 'Operátori menü' })
		.getByRole('link', {
			name: 'Behajtási motor futásai'
		})
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Behajtási motor futásai');
	const runs = page.getByTestId('engine-runs');
	if (engine === null) {
		await expect(page.getByText('A motor még nem futott.')).toBeVisible();
	} else {
		const e = engine as { day: string; state: string };
		expect(e.state).toBe('done');
		expect(e.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		await expect(runs.getByRole('row').nth(1)).toContainText('befejeződött');
		for (const code of ['done', 'running', 'failed'])
			await expect(runs.getByRole('cell', { name: code, exact: true })).toHaveCount(0);
		await expect(
			page.getByTestId('engine-waiting').or(page.getByText('Nincs végrehajtásra váró lépés.'))
		).toBeVisible();
	}
	await axeClean(page);

	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Collection engine runs');
	if (engine !== null) await expect(runs.getByRole('row').nth(1)).toContainText('finished');
});
