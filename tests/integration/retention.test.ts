/**
 * The daily work's housekeeping: the retention rule C13 (debtors whose cases are all closed past
 * their creditor's retention period are anonymised, keeping ledger and audit rows) and the purge
 * of expired sessions and stale sign-in counters.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, manualClock, scalar as count } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { claim, creditor, debtor } from '../helpers/retention-fixtures';

const TODAY = '2026-03-02';
const row = (db: DB, id: number) =>
	db.$client.prepare('SELECT * FROM debtors WHERE id = ?').get(id) as Record<string, unknown>;

describe('retention (C13) in the daily job', () => {
	let db: DB;
	beforeEach(() => {
		manualClock(TODAY);
		db = freshDb();
	});

	it('anonymises a debtor whose every claim closed past its creditor period, and no other', () => {
		const fiveYears = creditor(db, 'Öt Év Bank'); // default 60 months
		const twoYears = creditor(db, 'Két Év Bank', 24);
		const old = debtor(db, 'Régi Ügyfél');
		claim(db, fiveYears, old, TODAY, 61);
		const shortRule = debtor(db, 'Rövid Szabály');
		claim(db, twoYears, shortRule, TODAY, 25);
		const recentElsewhere = debtor(db, 'Máshol Friss');
		claim(db, fiveYears, recentElsewhere, TODAY, 70);
		claim(db, twoYears, recentElsewhere, TODAY, 12); // not past the other creditor's 24 months
		const stillOpen = debtor(db, 'Még Nyitott');
		claim(db, fiveYears, stillOpen, TODAY, 80);
		claim(db, twoYears, stillOpen, TODAY, null);
		const justInside = debtor(db, 'Épp Bent');
		claim(db, fiveYears, justInside, TODAY, 59);
		const paidOff = debtor(db, 'Kifizette');
		claim(db, fiveYears, paidOff, TODAY, 61, 'paid');
		claim(db, twoYears, paidOff, TODAY, 30);
		db.$client
			.prepare(
				`INSERT INTO sessions (id, secret_hash, kind, debtor_id, created_at, last_seen_at, expires_at) VALUES ('s1', x'00', 'debtor', ?, 0, 9999999999999, 9999999999999)`
			)
			.run(old);
		const ledgerBefore = count(db, 'SELECT count(*) FROM ledger_entries');

		const r = runDailyJobs(db);
		expect(r.anonymised).toBe(3);
		for (const id of [old, shortRule, paidOff]) {
			expect(row(db, id)).toMatchObject({
				name: '',
				birth_date: null,
				tax_number: null,
				postal_code: '',
				city: '',
				address: '',
				email: null,
				phone: null
			});
			expect(row(db, id).anonymized_at).not.toBeNull();
		}
		for (const id of [recentElsewhere, stillOpen, justInside]) {
			expect(row(db, id).anonymized_at).toBeNull();
			expect(row(db, id).email).toBe('a@example.hu');
		}
		// the ledger and claims stay; the debtor's sessions go; each anonymisation is audited
		expect(count(db, 'SELECT count(*) FROM ledger_entries')).toBe(ledgerBefore);
		expect(count(db, 'SELECT count(*) FROM claims WHERE debtor_id = ?', old)).toBe(1);
		expect(count(db, 'SELECT count(*) FROM sessions WHERE debtor_id = ?', old)).toBe(0);
		expect(
			db.$client
				.prepare(
					`SELECT entity_id FROM audit_log WHERE action = 'debtor.anonymised' ORDER BY entity_id`
				)
				.pluck()
				.all()
		).toEqual([String(old), String(shortRule), String(paidOff)]);
		expect(verifyAuditChain(db).ok).toBe(true);
		// a forced second run finds nothing more
		expect(runDailyJobs(db, { force: true }).anonymised).toBe(0);
	});

	it('purges expired sessions and stale sign-in counters', () => {
		const now = Date.parse('2026-03-02T09:00:00Z');
		const ins = db.$client.prepare(
			`INSERT INTO sessions (id, secret_hash, kind, created_at, last_seen_at, expires_at) VALUES (?, x'00', 'staff', 0, ?, ?)`
		);
		ins.run('expired', now - 1000, now - 1);
		ins.run('idle', now - 25 * 3600_000, now + 3600_000);
		ins.run('live', now - 60_000, now + 3600_000);
		const thr = db.$client.prepare(
			`INSERT INTO throttles (key, count, window_start, locked_until) VALUES (?, 1, ?, NULL)`
		);
		thr.run('ip:1.2.3.4:login', now - 3 * 24 * 3600_000);
		thr.run('ip:5.6.7.8:login', now - 60_000);
		const r = runDailyJobs(db);
		expect(r.purged).toEqual({ sessions: 2, throttles: 1 });
		expect(db.$client.prepare('SELECT id FROM sessions').pluck().all()).toEqual(['live']);
		expect(db.$client.prepare('SELECT key FROM throttles').pluck().all()).toEqual([
			'ip:5.6.7.8:login'
		]);
	});
});
