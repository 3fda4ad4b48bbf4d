/**
 * A "wrong amount" dispute answered by correcting the amount, in the browser: the operator's third
 * decision at /ops/disputes, its amounts per component with what is outstanding on each (there
 * without JS, shown when chosen with JS), a refusal next to the field that caused it; then the
 * debtor sees the decision and the new amount in the thread, and the write-off in the statement.
 */
import { expect, test, type Browser } from '@playwright/test';
import { debtorPage, demo, e2eRow, gotoReady, signInStaff, staffPage } from './access-helpers';
import { axe } from './portal-helpers';
import { formatMoney } from '../../src/lib/domain/money';

test.use({ viewport: { width: 360, height: 780 } });

/** An open HUF claim with interest on it, of a person no other spec uses, with no dispute yet. */
function claimWithInterest() {
	return e2eRow<{
		id: number;
		debtor_id: number;
		birth_date: string;
		reference: string;
		interest: number;
		balance: number;
	}>(
		`SELECT c.id, c.debtor_id, d.birth_date, c.reference, c.balance_minor AS balance,
		        (SELECT sum(amount_minor) FROM ledger_entries l WHERE l.claim_id = c.id AND l.component = 'interest') AS interest
		   FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE c.status = 'open' AND c.currency = 'HUF' AND d.kind = 'person' AND d.birth_date IS NOT NULL
		    AND d.name NOT IN (?, ?, ?)
		    AND NOT EXISTS (SELECT 1 FROM disputes x WHERE x.claim_id = c.id)
		    AND NOT EXISTS (SELECT 1 FROM hardship_requests x WHERE x.claim_id = c.id)
		    AND interest >= 200 AND c.balance_minor > interest
		  ORDER BY c.id LIMIT 1`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);
}

/** The operator, signed in in a browser that runs no JavaScript. */
async function operatorWithoutJs(browser: Browser) {
	const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await signInStaff(page, demo.operator);
	return page;
}

const forints = (minor: number) => String(minor / 100);

test('an operator corrects the amount of a disputed claim; the debtor sees the decision and the new amount', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const c = claimWithInterest();
	expect(c).toBeTruthy();
	const debtor = await debtorPage(browser, c.debtor_id, c.birth_date);
	await gotoReady(debtor, `/my/claims/${c.id}/dispute`);
	await debtor.locator('#reason-wrong_amount').check();
	await debtor.locator('#details').fill('A kamatot rosszul számolták.');
	await debtor.getByRole('button', { name: 'Kifogás beküldése' }).click();
	await expect(debtor.getByTestId('dispute-state')).toContainText('vizsgálat alatt');
	const disputeId = e2eRow<{ id: number }>('SELECT id FROM disputes WHERE claim_id = ?', c.id).id;

	// without JavaScript the amounts are on the form from the start, each with its outstanding;
	// a text that is no amount is refused next to its field, and what was typed stays
	const plain = await operatorWithoutJs(browser);
	await gotoReady(plain, '/ops/disputes');
	let card = plain.locator('section.card', { hasText: c.reference });
	const interest = card.locator(`#off-${disputeId}-interest`);
	await expect(interest).toBeVisible();
	await expect(card.getByText(/^Kamat: levonandó \(fennálló: .+\)$/)).toBeVisible();
	await card.getByLabel(/Részben elfogadom/).check();
	await card.getByLabel('Válasz az adósnak').fill('A kamatot tévesen számítottuk fel.');
	await card.locator(`#off-${disputeId}-fee`).fill('sok');
	await card.getByRole('button', { name: 'Válasz rögzítése' }).click();
	card = plain.locator('section.card', { hasText: c.reference });
	await expect(card.locator(`#off-${disputeId}-fee-error`)).toHaveText(/összeg/i);
	await expect(card.locator(`#off-${disputeId}-fee`)).toHaveValue('sok');
	await expect(card.locator(`#off-${disputeId}-fee`)).toHaveAttribute('aria-invalid', 'true');

	// with JavaScript the amounts show once the correction is chosen
	const operator = await staffPage(browser, demo.operator);
	await gotoReady(operator, '/ops/disputes');
	card = operator.locator('section.card', { hasText: c.reference });
	const field = (comp: string) => card.locator(`#off-${disputeId}-${comp}`);
	await expect(field('interest')).toBeHidden();
	await card.getByLabel(/Részben elfogadom/).check();
	await expect(field('interest')).toBeVisible();
	await card.getByLabel('Válasz az adósnak').fill('A kamatot tévesen számítottuk fel.');
	// nothing to take off: said under the amounts
	await card.getByRole('button', { name: 'Válasz rögzítése' }).click();
	await expect(card.locator(`#off-${disputeId}-err`)).toHaveText(
		'Adja meg, legalább egy tételből mennyit vonunk le.'
	);
	// more than is outstanding on the interest: refused next to it, with the limit
	await field('interest').fill(forints(c.interest + 100));
	await card.getByRole('button', { name: 'Válasz rögzítése' }).click();
	await expect(card.locator(`#off-${disputeId}-interest-error`)).toContainText(
		'Legfeljebb a fennálló összeg vonható le'
	);
	expect(
		e2eRow<{ n: number }>(
			"SELECT count(*) AS n FROM ledger_entries WHERE kind = 'write_off' AND claim_id = ?",
			c.id
		).n
	).toBe(0);

	// half the interest taken off: recorded, the card leaves the queue
	const off = Math.floor(c.interest / 200) * 100;
	await field('interest').fill(forints(off));
	await card.getByRole('button', { name: 'Válasz rögzítése' }).click();
	await expect(operator.getByRole('status')).toHaveText('A választ rögzítettük.');
	await expect(operator.locator('section.card', { hasText: c.reference })).toHaveCount(0);
	const after = e2eRow<{ balance: number; status: string; dispute: string }>(
		`SELECT c.balance_minor AS balance, c.status, d.status AS dispute
		   FROM claims c JOIN disputes d ON d.claim_id = c.id WHERE c.id = ?`,
		c.id
	);
	expect(after).toEqual({ balance: c.balance - off, status: 'open', dispute: 'corrected' });

	// the claim page: the decision, the written-off column of the statement, the new balance
	await gotoReady(debtor, `/my/claims/${c.id}`);
	await expect(debtor.getByTestId('claim-dispute')).toHaveText(
		'Kifogás: részben elfogadtuk, az összeget helyesbítettük.'
	);
	// the statement's written-off column (at 360 px its heading labels each stacked row)
	await expect(debtor.getByRole('columnheader', { name: 'Levonva' })).toHaveCount(1);
	await expect(
		debtor.getByRole('row', { name: /^Kamat/ }).getByRole('cell', {
			name: `Levonva: ${formatMoney(off, 'HUF')}`,
			exact: true
		})
	).toBeVisible();
	const balance = (await debtor.getByTestId('balance').textContent())!;
	await expect(debtor.getByTestId('balance-total')).toHaveText(balance);
	await axe(debtor);

	// the dispute page (linked from the claim page): the decision and the new amount in the thread
	await debtor.getByRole('link', { name: 'Kifogásom megtekintése' }).click();
	const thread = debtor.getByTestId('dispute-thread');
	await expect(thread).toContainText('Döntésünk: részben elfogadtuk, az összeget helyesbítettük.');
	const correction = debtor.getByTestId('correction');
	await expect(correction).toContainText('Ennyit vontunk le a tartozásból: Kamat');
	await expect(correction).toContainText(`A helyesbítés után fizetendő: ${balance}.`);
	await axe(debtor);

	// in English too
	await gotoReady(debtor, `/my/claims/${c.id}/dispute?lang=en`);
	await expect(debtor.getByTestId('dispute-thread')).toContainText(
		'Our decision: partly accepted, we corrected the amount.'
	);
	await expect(debtor.getByTestId('correction')).toContainText('We took this off your debt:');
});
