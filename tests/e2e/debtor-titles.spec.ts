/**
 * The debtor pages' titles end in " · Rendez" as every other page's do (walkthrough item 5):
 * the claim list, a claim and each of its pages, the preferences and the contact details.
 * Only reads: Anna's claims stay as seeded.
 */
import { test, expect } from '@playwright/test';
import { demo, signIn } from './portal-helpers';

test('every debtor page title ends in " · Rendez"', async ({ page }) => {
	await signIn(page, demo.debtors.anna, 'hu');
	const href = await page.locator('a[href^="/my/claims/"]').first().getAttribute('href');
	const id = /^\/my\/claims\/(\d+)/.exec(href ?? '')![1];
	const paths = [
		'/my',
		`/my/claims/${id}`,
		`/my/claims/${id}/pay`,
		`/my/claims/${id}/plan`,
		`/my/claims/${id}/promise`,
		`/my/claims/${id}/dispute`,
		`/my/claims/${id}/hardship`,
		'/my/preferences',
		'/my/details'
	];
	for (const p of paths) {
		await page.goto(p);
		const title = await page.title();
		expect(`${p}: ${title}`).toMatch(/: .+ · Rendez$/);
		expect(`${p}: ${title}`).not.toMatch(/Rendez · Rendez$/);
	}
});
