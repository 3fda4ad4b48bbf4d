/**
 * The debtor's claim page reads the engine (issue 16, item 8): a claim the engine works on that is
 * held by a promise says so in words, with the promise's date, and still gives the next step and
 * its date after it; the list says the same.
 *
 * The e2e seed has no engine history, so the spec gives one claim of its own debtor (not a demo
 * debtor: other specs read theirs) the engine's state as the daily run would leave it: a strategy
 * version, the claim's engine row, and a promise hold.
 */
import { expect, test } from '@playwright/test';
import Database from '../../src/lib/server/db/sqlite';
import { defaultStrategyVersion, fromLegacyStrategy } from '../../src/lib/domain/strategy';
import { parseStrategy } from '../../src/lib/domain/stage-line';
import { addDays, localDate } from '../../src/lib/domain/clock';
import { formatDate } from '../../src/lib/format';
import { demo, E2E_DB, e2eRow, signInByLink } from './access-helpers';

/** The version 1 the engine makes for a creditor (strategy-versions.ts firstVersion): from its stored strategy. */
function firstVersion(db: InstanceType<typeof Database>, creditorId: number) {
	const json = db
		.prepare('SELECT stages_json FROM strategies WHERE creditor_id = ?')
		.pluck()
		.get(creditorId) as string | undefined;
	return json === undefined ? defaultStrategyVersion() : fromLegacyStrategy(parseStrategy(json));
}

test('a debtor reads that the claim is on hold until the promised date, and the next step after it', async ({
	page
}) => {
	const c = e2eRow<{ id: number; debtor_id: number; creditor_id: number; birth_date: string }>(
		`SELECT c.id, c.debtor_id, c.creditor_id, d.birth_date FROM claims c JOIN debtors d ON d.id = c.debtor_id
		  WHERE d.kind = 'person' AND d.birth_date IS NOT NULL AND d.anonymized_at IS NULL
		    AND d.name NOT IN (?, ?, ?) AND c.status = 'open' AND c.stage = 'firm_reminder'
		    AND (SELECT count(*) FROM claims x WHERE x.debtor_id = d.id) = 1
		  ORDER BY c.id LIMIT 1`,
		demo.debtors.anna.name,
		demo.debtors.gabor.name,
		demo.debtors.kert.name
	);
	const today = localDate(Date.now());
	const until = addDays(today, 10);
	const db = new Database(E2E_DB);
	try {
		const now = Date.now();
		const version =
			(db
				.prepare(
					'SELECT id FROM strategy_versions WHERE creditor_id = ? AND portfolio_id IS NULL ORDER BY version DESC'
				)
				.pluck()
				.get(c.creditor_id) as number | undefined) ??
			(db
				.prepare(
					`INSERT INTO strategy_versions (creditor_id, version, body_json, label, created_at)
					 VALUES (?, 1, ?, '', ?) RETURNING id`
				)
				.pluck()
				.get(c.creditor_id, JSON.stringify(firstVersion(db, c.creditor_id)), now) as number);
		db.prepare(
			`INSERT OR IGNORE INTO claim_engine (claim_id, version_id, cycle, stage_entered_on, assigned_at)
			 VALUES (?, ?, 0, ?, ?)`
		).run(c.id, version, today, now);
		// a promise made today: held through the promised day plus the grace days (end exclusive)
		db.prepare(
			`INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, created_at)
			 VALUES (?, 'promise', ?, ?, '{"kind":"stop_clock"}', ?)`
		).run(c.id, today, addDays(until, 1), now);
	} finally {
		db.close();
	}

	await signInByLink(page, c.debtor_id, c.birth_date);
	await expect(page.getByTestId('hold')).toContainText(
		`A tartozás ügyintézése ${formatDate(until, 'hu')} napig szünetel, mert fizetési ígéretet tett.`
	);

	await page.goto(`/my/claims/${c.id}`);
	const line = page.getByTestId('hold');
	await expect(line).toContainText('fizetési ígéretet tett');
	// the next step comes after the hold: the formal notice, on a day after the promise's
	await expect(line).toContainText('A következő lépés: hivatalos felszólítás levélben');

	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByTestId('hold')).toContainText(
		`Your claim is on hold until ${formatDate(until, 'en')} (your promise to pay).`
	);
});
