/** An SMS whose delivery report never came is recorded as unknown after two days, never re-sent. */
import { expect, it } from 'vitest';
import { allRows, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { SMS_REPORT_WAIT_MS, settleSilentSms } from '../../src/lib/server/services/dispatcher';

it('a sent SMS without a report becomes unknown after two days, an e-mail stays sent', () => {
	const { db, clock } = testDb('2026-03-03', 10);
	const debtorId = makeDebtor(db, 'Teszt Elek', { phone: '+36301234567' });
	const claimId = makeClaim(db, makeCreditor(db), debtorId, { principal: 1_000_000 });
	const now = clock.now();
	const insert = db.$client.prepare(
		`INSERT INTO messages (debtor_id, claim_id, channel, template_key, source, dedupe_key, status, scheduled_at, sent_at, created_at, updated_at)
		 VALUES (?, ?, ?, 'friendly.reminder', 'staff', ?, 'sent', ?, ?, ?, ?)`
	);
	insert.run(debtorId, claimId, 'sms', 'a', now, now, now, now);
	insert.run(debtorId, claimId, 'email', 'b', now, now, now, now);
	expect(settleSilentSms(db)).toBe(0);
	clock.advance(SMS_REPORT_WAIT_MS + 1);
	expect(settleSilentSms(db)).toBe(1);
	expect(
		allRows(db, 'SELECT channel, status, status_reason AS r FROM messages ORDER BY id')
	).toEqual([
		{ channel: 'sms', status: 'unknown', r: 'no_report' },
		{ channel: 'email', status: 'sent', r: null }
	]);
	expect(
		allRows(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'message.unknown'")
	).toEqual([{ n: 1 }]);
});
