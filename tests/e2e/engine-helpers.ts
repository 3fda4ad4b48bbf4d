/** What the engine specs share: an operator runs today's engine pass again from the engine page. */
import { expect, type Page } from '@playwright/test';
import { e2eRow, gotoReady } from './access-helpers';

/**
 * The signed-in `operator` asks on /ops/engine for today's pass again and waits until the jobs
 * worker has done it: the run of `today` (the app's Budapest day) done, and started after the
 * click, so a run left by another spec does not count.
 */
export async function runTodayAgain(operator: Page, today: string, timeout = 30_000) {
	await gotoReady(operator, '/ops/engine');
	const asked = Date.now();
	await operator
		.getByRole('button', { name: /Mai futás újraindítása|Run today's pass again/ })
		.click();
	// the page may hold a second status (an empty list's notice): look for ours among them
	await expect(
		operator.getByRole('status').filter({ hasText: /Elindítottuk|Started/ })
	).toBeVisible();
	await expect
		.poll(
			() =>
				e2eRow<{ state: string; started_at: number } | undefined>(
					`SELECT state, started_at FROM engine_runs WHERE day = ?`,
					today
				),
			{ timeout }
		)
		.toMatchObject({ state: 'done', started_at: expect.any(Number) });
	expect(
		e2eRow<{ started_at: number }>(`SELECT started_at FROM engine_runs WHERE day = ?`, today)
			.started_at
	).toBeGreaterThanOrEqual(asked - 1_000);
}
