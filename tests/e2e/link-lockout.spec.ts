/**
 * A debtor link closed by too many wrong answers (issue 15, item 3), through the built server: the
 * page says in words, in Hungarian and English, that the link is closed for good and how to get a
 * fresh one, and offers the "send me a new link" form. The guess counting itself is tested in
 * tests/integration/link-lockout.test.ts.
 */
import { expect, test } from '@playwright/test';
import { LINK_MAX_LOCKS } from '../../src/lib/server/services/access';
import { e2eRow, insertLink } from './access-helpers';

/** A link of our own, already closed: it has taken its last lock. */
function closedLink(): string {
	const d = e2eRow<{ id: number }>(
		"SELECT id FROM debtors WHERE kind = 'person' AND birth_date IS NOT NULL AND anonymized_at IS NULL ORDER BY id LIMIT 1 OFFSET 11"
	);
	return insertLink(d.id, LINK_MAX_LOCKS);
}

for (const [lang, title, body] of [
	['hu', 'Ez a hivatkozás lezárult', /végleg lezártuk.*Kérjen új hivatkozást/],
	['en', 'This link has been closed', /closed it for good.*Ask for a new link/]
] as const) {
	test(`${lang}: a closed link says it is closed for good and offers a fresh link`, async ({
		page
	}) => {
		const token = closedLink();
		await page.goto(`/?lang=${lang}`);
		await page.goto(`/p/${token}`);
		await expect(page).toHaveURL(/\/p$/);
		await expect(page.getByRole('heading', { name: title })).toBeVisible();
		await expect(page.locator('section.bad')).toContainText(body);
		await expect(page.getByRole('textbox')).toHaveCount(0);
		await expect(
			page.getByRole('button', {
				name: lang === 'hu' ? 'Új hivatkozást kérek' : 'Send me a new link'
			})
		).toBeVisible();
	});
}
