/**
 * Retention (C13) reaches what the debtor told us in the portal's second round (issue 19, items 8
 * and 9): on anonymisation, old and requested addresses and the hardship words go too.
 */
import { expect, it } from 'vitest';
import { allRows, freshDb, manualClock } from '../helpers/db';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { claim, creditor, debtor } from '../helpers/retention-fixtures';

const TODAY = '2026-03-02';

it('anonymising a debtor blanks their contact history, pending changes and hardship words', () => {
	manualClock(TODAY);
	const db = freshDb();
	const bank = creditor(db, 'Öt Év Bank');
	const d = debtor(db, 'Régi Ügyfél');
	const c = claim(db, bank, d, TODAY, 61);
	const now = 1_700_000_000_000;
	db.$client
		.prepare(
			"INSERT INTO debtor_contact_history (debtor_id, field, old_value, new_value, created_at) VALUES (?, 'email', 'regi@example.com', 'uj@example.com', ?)"
		)
		.run(d, now);
	db.$client
		.prepare(
			"INSERT INTO contact_changes (debtor_id, field, new_value, expires_at, created_at) VALUES (?, 'phone', '+36301234567', ?, ?)"
		)
		.run(d, now + 1, now);
	db.$client
		.prepare(
			"INSERT INTO hardship_requests (claim_id, debtor_id, reason, note, pause_days, review_due_date, created_at) VALUES (?, ?, 'job_loss', 'Elbocsátottak a gyárból.', 30, '2021-01-01', ?)"
		)
		.run(c, d, now);
	runDailyJobs(db);
	const left = JSON.stringify([
		allRows(db, 'SELECT * FROM debtor_contact_history'),
		allRows(db, 'SELECT * FROM contact_changes'),
		allRows(db, 'SELECT * FROM hardship_requests')
	]);
	expect(left).not.toMatch(/example\.com|\+3630|Elbocsát/);
	expect(allRows(db, 'SELECT anonymized_at IS NOT NULL AS a FROM debtors WHERE id = ?', d)).toEqual(
		[{ a: 1 }]
	);
});
