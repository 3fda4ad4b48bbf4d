/**
 * What the debtor-portal specs share: the axe check at 360 px, a debtor's sign-in through the link
 * (a demo debtor's, or one no other spec uses), an operator's answer to a dispute, a PDF download, and the words the pages use in Hungarian and
 * English.
 */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { axeClean, debtorPage, unusedPersonClaim, WCAG22_AA } from './access-helpers';
import {
	demoAccounts,
	E2E_SEED,
	type DemoDebtor
} from '../../src/lib/server/db/seed/demo-accounts';

export const demo = demoAccounts(E2E_SEED);

export async function axe(page: Page) {
	await axeClean(page, WCAG22_AA);
	// 360 px: nothing but deliberate table scrollers is wider than the screen
	const wide = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(wide).toBeLessThanOrEqual(360);
}

export async function signIn(page: Page, d: DemoDebtor, lang: 'hu' | 'en') {
	await page.goto(`${d.path}?lang=${lang}`);
	await page.locator('#answer').fill(d.answer);
	await page.locator('form button[type=submit]').first().click();
	await page.waitForURL('**/my');
}

/**
 * The debtor of an open claim no other spec uses, with no row in `table` yet (unusedPersonClaim),
 * signed in by a link in a browser context of their own: the claim `c` and the `debtor`'s page.
 */
export async function unusedPersonSignedIn(
	browser: Browser,
	table: Parameters<typeof unusedPersonClaim>[0],
	offset = 0
) {
	const c = unusedPersonClaim(table, offset);
	expect(c).toBeTruthy();
	return { c, debtor: await debtorPage(browser, c.debtor_id, c.birth_date) };
}

/** An operator rejects a dispute on its card in /ops/disputes, with `answer` to the debtor. */
export async function rejectDispute(card: Locator, answer: string) {
	await card.getByLabel(/Elutasítom/).check();
	await card.getByLabel('Válasz az adósnak').fill(answer);
	await card.getByRole('button', { name: 'Válasz rögzítése' }).click();
}

export async function pdfAt(page: Page, href: string) {
	const res = await page.request.get(href);
	expect(res.status()).toBe(200);
	expect(res.headers()['content-type']).toBe('application/pdf');
	const body = await res.body();
	expect(body.subarray(0, 5).toString()).toBe('%PDF-');
	return body;
}

export const T = {
	hu: {
		title: 'Tartozásaim',
		pay: 'Tovább a fizetéshez',
		payFull: /^A teljes összeg befizetése: /,
		partLink: 'Most csak egy részét fizetem',
		noPartial: 'csak a teljes összeg befizetését fogadja el',
		changed: 'A fennálló összeg közben változott.',
		cancelled: 'A fizetés megszakadt, nem terheltünk semmit.',
		approve: 'Fizetés jóváhagyása',
		thanks: 'Köszönjük!',
		settled: 'A tartozás rendezve',
		certificate: 'Igazolás a tartozás rendezéséről (PDF)',
		receipt: 'Nyugta letöltése (PDF)',
		promise: 'Ígéret rögzítése',
		promiseLink: 'Ígéretet teszek a fizetésre',
		promiseSaved: 'Rögzítettük az ígéretét',
		disputeLink: 'Kifogást emelek',
		disputeSend: 'Kifogás beküldése',
		disputeState: 'vizsgálat alatt',
		fileType: 'Csak PDF, JPEG vagy PNG',
		tooLittle: 'Legalább',
		disputed: 'kifogás vizsgálata alatt',
		save: 'Mentés',
		saved: 'Elmentettük a beállításait.'
	},
	en: {
		title: 'My claims',
		pay: 'Continue to payment',
		payFull: /^Pay the full amount: /,
		partLink: 'Pay only a part now',
		noPartial: 'accepts only the full amount',
		changed: 'The amount outstanding has changed.',
		cancelled: 'The payment was cancelled; nothing was charged.',
		approve: 'Approve the payment',
		thanks: 'Thank you!',
		settled: 'The debt is settled',
		certificate: 'Certificate of settlement (PDF)',
		receipt: 'Download the receipt (PDF)',
		promise: 'Record my promise',
		promiseLink: 'Make a promise to pay',
		promiseSaved: 'We have recorded your promise',
		disputeLink: 'I dispute this debt',
		disputeSend: 'Send the dispute',
		disputeState: 'under review',
		fileType: 'We can only accept PDF, JPEG or PNG',
		tooLittle: 'The least you can enter',
		disputed: 'dispute under review',
		save: 'Save',
		saved: 'Your preferences are saved.'
	}
} as const;
