/**
 * A debtor link closed by too many wrong answers (issue 15, item 3), through the built server: the
 * page says in words, in Hungarian and English, that the link is closed for good and how to get a
 * fresh one, and offers the "send me a new link" form. The guess counting itself is tested in
 * tests/integration/link-lockout.test.ts.
 */
import { expect, test } from '@playwright/test';
import { LINK_MAX_LOCKS } from '../../src/lib/server/services/access';

/** A link of our own, already closed: it has taken its last lock. */
async function closedLink(): Promise<string> {
	const Database = (await import('better-sqlite3')).default;
	const { createHash, randomBytes } = await import('node:crypto');
	const db = new Database(process.env.E2E_DATABASE_URL ?? './data/e2e.db');
	try {
		const d = db
			.prepare(
				"SELECT id FROM debtors WHERE kind = 'person' AND birth_date IS NOT NULL AND anonymized_at IS NULL ORDER BY id LIMIT 1 OFFSET 11"
			)
			.get() as { id: number };
		const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
		const token = [...randomBytes(32)].map((b) => alphabet[b % 32]).join('');
		const now = Date.now();
		db.prepare(
			'INSERT INTO access_links (debtor_id, token_hash, question, expires_at, created_at, lock_count) VALUES (?, ?, ?, ?, ?, ?)'
		).run(
			d.id,
			createHash('sha256').update(token).digest('hex'),
			'birth_date',
			now + 86_400_000,
			now,
			LINK_MAX_LOCKS
		);
		return token;
	} finally {
		db.close();
	}
}

for (const [lang, title, body] of [
	['hu', 'Ez a hivatkozás lezárult', /végleg lezártuk.*Kérjen új hivatkozást/],
	['en', 'This link has been closed', /closed it for good.*Ask for a new link/]
] as const) {
	test(`${lang}: a closed link says it is closed for good and offers a fresh link`, async ({
		page
	}) => {
		const token = await closedLink();
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
