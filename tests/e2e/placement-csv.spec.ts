/** A CSV with a stray quote is refused as a file on the placement page, naming the line. */
import { expect, test } from '@playwright/test';
import { demo, signInPage } from './access-helpers';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';

test('an unclosed quote is shown as a file error naming its line, in Hungarian', async ({
	page
}) => {
	await signInPage(page, demo.creditorUsers.duna);
	await page.waitForURL((u) => u.pathname === '/creditor');
	await page.goto('/creditor/placements');
	const rows = Array.from(
		{ length: 50 },
		(_, i) =>
			`Q-${i};person;${i === 20 ? '"' : ''}Idéző ${i};1970-01-01;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;1000;0;0;0;1000;`
	);
	await page.getByLabel(/CSV/).setInputFiles({
		name: 'quote.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from([PLACEMENT_COLUMNS.join(';'), ...rows].join('\r\n'))
	});
	await page.getByRole('button', { name: /Feltöltés|Upload/ }).click();
	await expect(page.getByTestId('file-error')).toContainText('A 22. sorban');
	await expect(page.getByTestId('file-error')).toContainText('idézőjel');
});
