/**
 * A dispute is a thread (issue 19, bug 3), in the browser: the debtor disputes and the confirmation
 * repeats what was sent; the operator answers; the debtor's dispute page shows the dispute and the
 * answer (not a blank form), takes a reply with a document, repeats it; the operator sees the
 * reply in the thread and answers again; while it is reviewed, the claim page and /my link to it; each answer queues a neutral message to the debtor.
 * Axe-clean in both languages at 360 px.
 */
import { expect, test } from '@playwright/test';
import { demo, e2eRow, gotoReady, staffPage } from './access-helpers';
import { axe, rejectDispute, unusedPersonSignedIn } from './portal-helpers';

test.use({ viewport: { width: 360, height: 780 } });

const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
	'hex'
);

test('dispute, answer, reply with a document, answer again: one thread on both sides', async ({
	browser
}) => {
	test.setTimeout(90_000);
	// an open claim of a person none of the other specs uses (the last one), no dispute yet
	const { c, debtor } = await unusedPersonSignedIn(browser, 'disputes');

	const disputePage = `/my/claims/${c.id}/dispute`;
	await gotoReady(debtor, disputePage);
	await debtor.locator('#reason-already_paid').check();
	await debtor.locator('#details').fill('Januárban befizettem az egészet.');
	await debtor.getByRole('button', { name: 'Kifogás beküldése' }).click();
	// the confirmation repeats what was sent
	const sent = debtor.getByTestId('you-sent');
	await expect(sent).toContainText('Már kifizettem');
	await expect(sent).toContainText('Januárban befizettem az egészet.');
	await expect(debtor.getByTestId('dispute-state')).toContainText('vizsgálat alatt');
	await axe(debtor);

	// while it is reviewed, the claim page and the overview lead back to the thread (to reply or add a document)
	await gotoReady(debtor, `/my/claims/${c.id}`);
	await debtor.getByRole('link', { name: 'Kifogásom megtekintése' }).click();
	await expect(debtor).toHaveURL(new RegExp(`${disputePage}$`));
	await expect(debtor.getByTestId('dispute-state')).toContainText('vizsgálat alatt');
	await gotoReady(debtor, '/my');
	await expect(
		debtor.getByRole('link', { name: `Kifogásom megtekintése (${c.reference})` })
	).toHaveAttribute('href', disputePage);

	// the operator answers, asking for a document
	const operator = await staffPage(browser, demo.operator);
	await gotoReady(operator, '/ops/disputes');
	let card = operator.locator('section.card', { hasText: c.reference });
	await rejectDispute(card, 'Nem találjuk a befizetést; kérjük, küldje el az igazolást.');
	await expect(operator.getByRole('status')).toHaveText('A választ rögzítettük.');

	// the debtor is told through their channel, neutrally: the page's path only
	const told = () =>
		e2eRow<{ n: number; params: string }>(
			"SELECT count(*) AS n, max(params_json) AS params FROM outbox WHERE template = 'dispute_answered' AND claim_id = ?",
			c.id
		);
	expect(told()).toEqual({ n: 1, params: JSON.stringify({ path: disputePage }) });

	// the dispute page now shows the thread and a reply form, not a blank dispute form
	await gotoReady(debtor, disputePage);
	const thread = debtor.getByTestId('dispute-thread');
	await expect(thread).toContainText('Januárban befizettem az egészet.');
	await expect(thread).toContainText('Nem találjuk a befizetést');
	await expect(debtor.locator('#reason-already_paid')).toHaveCount(0);
	await axe(debtor);

	// a reply with a file that only pretends to be an image is refused next to the file, the text kept
	await debtor.locator('#body').fill('Csatolom a banki igazolást.');
	await debtor
		.locator('#file')
		.setInputFiles({ name: 'igazolas.png', mimeType: 'image/png', buffer: Buffer.from('nope') });
	await debtor.getByRole('button', { name: 'Üzenet küldése' }).click();
	await expect(debtor.locator('#file-error')).toContainText('PDF, JPEG vagy PNG');
	await expect(debtor.locator('#body')).toHaveValue('Csatolom a banki igazolást.');
	// an empty reply is refused next to the message; corrected, with a file over 5 MB, the browser refuses
	// the file before the upload, and the message's old refusal is gone (nothing was sent)
	await debtor.locator('#body').fill('');
	await debtor.locator('#file').setInputFiles([]);
	await debtor.getByRole('button', { name: 'Üzenet küldése' }).click();
	await expect(debtor.locator('#body-error')).toBeVisible();
	await debtor.locator('#body').fill('Csatolom a banki igazolást.');
	await debtor.locator('#file').setInputFiles({
		name: 'nagy.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x25)
	});
	await debtor.getByRole('button', { name: 'Üzenet küldése' }).click();
	await expect(debtor.locator('#file-error')).toContainText('legfeljebb 5 MB');
	await expect(debtor.locator('#body-error')).toHaveCount(0);
	await expect(debtor.locator('#body')).toHaveValue('Csatolom a banki igazolást.');
	await debtor
		.locator('#file')
		.setInputFiles({ name: 'igazolas.png', mimeType: 'image/png', buffer: PNG });
	// another file chosen: the size refusal goes at once
	await expect(debtor.locator('#file-error')).toHaveCount(0);
	await debtor.getByRole('button', { name: 'Üzenet küldése' }).click();
	await expect(debtor.getByTestId('you-sent')).toContainText('Csatolom a banki igazolást.');
	await expect(debtor.getByTestId('you-sent')).toContainText('PNG');
	await expect(debtor.getByTestId('dispute-thread').locator('li')).toHaveCount(3);

	// the operator sees the reply in the thread, opens the document, and answers again
	await gotoReady(operator, '/ops/disputes');
	card = operator.locator('section.card', { hasText: c.reference });
	await expect(card).toContainText('Az adós válaszolt');
	await expect(card).toContainText('Csatolom a banki igazolást.');
	const href = await card.getByRole('link', { name: 'Csatolmány' }).last().getAttribute('href');
	const file = await operator.request.get(href!);
	expect(file.headers()['content-type']).toBe('image/png');
	await card
		.getByLabel(/Üzenet az adósnak/)
		.fill('Köszönjük, a befizetést megtaláltuk és jóváírtuk.');
	await card.getByRole('button', { name: 'Üzenet elküldése' }).click();
	await expect(operator.getByRole('status')).toContainText('Az üzenetet rögzítettük');
	await expect(operator.locator('section.card', { hasText: c.reference })).toHaveCount(0);
	expect(told().n).toBe(2);

	// in English too, the whole thread, axe-clean
	await gotoReady(debtor, `${disputePage}?lang=en`);
	await expect(debtor.getByRole('heading', { name: 'Messages' })).toBeVisible();
	await expect(debtor.getByTestId('dispute-thread').locator('li')).toHaveCount(4);
	await expect(debtor.getByTestId('dispute-thread')).toContainText('Our answer');
	await axe(debtor);
});
