/**
 * The demo-data generator: volumes, ledger consistency, the compliance rules the data must already
 * obey (C1 contact window, C9 plan offered before a formal notice, C7 dispute deadline), the demo
 * logins and links, determinism, and the real `db:seed` script's refusal of a non-empty database.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { freshDb, tempDbPath } from '../helpers/db';
import { seedDatabase, rollupBackfill, SEEDED_TABLES } from '../../src/lib/server/db/seed/generate';
import { demoAccounts, demoToken } from '../../src/lib/server/db/seed/demo-accounts';
import { hungarianHolidays } from '../../src/lib/domain/holidays';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { verifyPassword } from '../../src/lib/server/auth/passwords';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { instantAt, localParts, addDays } from '../../src/lib/domain/clock';
import { allocate } from '../../src/lib/domain/allocation';
import type { Balances, Component } from '../../src/lib/domain/ledger';

const NOW = instantAt('2026-03-02', 10);
const CLAIMS = 300;

type Row = Record<string, unknown>;
const all = (db: DB, q: string, ...p: unknown[]) => db.$client.prepare(q).all(...p) as Row[];
const one = (db: DB, q: string, ...p: unknown[]) => db.$client.prepare(q).get(...p) as Row;
const num = (db: DB, q: string, ...p: unknown[]) => Number(Object.values(one(db, q, ...p))[0]);

async function seeded(seed: number, claims = CLAIMS): Promise<DB> {
	const db = freshDb();
	await seedDatabase(db, { seed, claims, now: NOW });
	return db;
}

describe('seed generator', () => {
	let db: DB;
	beforeAll(async () => {
		db = await seeded(3);
	});

	it('creates the volumes asked for, with every kind of history', () => {
		expect(num(db, 'SELECT count(*) FROM creditors')).toBe(3);
		expect(num(db, 'SELECT count(*) FROM strategies')).toBe(3);
		expect(num(db, 'SELECT count(*) FROM installment_rules')).toBe(3);
		expect(num(db, 'SELECT count(*) FROM portfolios')).toBe(36);
		// the demo debtors' six claims come on top of the bulk
		expect(num(db, 'SELECT count(*) FROM claims')).toBe(CLAIMS + 6);
		expect(num(db, 'SELECT count(*) FROM staff_users')).toBe(5);
		expect(num(db, 'SELECT count(*) FROM access_links')).toBe(3);
		const statuses = new Set(all(db, 'SELECT DISTINCT status FROM claims').map((r) => r.status));
		expect([...statuses].sort()).toEqual(['closed', 'disputed', 'in_plan', 'open', 'paid']);
		const planStatuses = new Set(all(db, 'SELECT DISTINCT status FROM plans').map((r) => r.status));
		for (const s of ['active', 'completed', 'broken', 'proposed'])
			expect(planStatuses).toContain(s);
		const promiseStatuses = new Set(
			all(db, 'SELECT DISTINCT status FROM promises').map((r) => r.status)
		);
		for (const s of ['open', 'kept', 'broken']) expect(promiseStatuses).toContain(s);
		const disputeStatuses = new Set(
			all(db, 'SELECT DISTINCT status FROM disputes').map((r) => r.status)
		);
		expect(disputeStatuses).toContain('open');
		expect([...disputeStatuses].some((s) => s === 'rejected' || s === 'upheld')).toBe(true);
		const channels = new Set(
			all(db, 'SELECT DISTINCT channel FROM contact_events').map((r) => r.channel)
		);
		for (const c of ['sms', 'email', 'letter', 'call']) expect(channels).toContain(c);
		expect(
			num(
				db,
				`SELECT count(*) FROM contact_events WHERE channel = 'call' AND recording_ref IS NOT NULL`
			)
		).toBeGreaterThan(0);
		expect(
			num(db, `SELECT count(*) FROM installments WHERE status = 'paid' AND paid_on_time = 1`)
		).toBeGreaterThan(0);
		expect(
			num(db, `SELECT count(*) FROM installments WHERE status = 'paid' AND paid_on_time = 0`)
		).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM payments WHERE purpose = 'partial'`)).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM payments WHERE purpose = 'full'`)).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM claims WHERE currency = 'EUR'`)).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM debtors WHERE kind = 'company'`)).toBeGreaterThan(0);
		expect(num(db, 'SELECT count(*) FROM contact_preferences')).toBeGreaterThan(0);
		// some debtors owe more than one creditor
		expect(
			num(
				db,
				'SELECT count(*) FROM (SELECT debtor_id FROM claims GROUP BY debtor_id HAVING count(DISTINCT creditor_id) > 1)'
			)
		).toBeGreaterThan(0);
	});

	it('keeps every claim consistent with its ledger: balance, placed, collected', () => {
		const bad = all(
			db,
			`SELECT c.id, c.balance_minor, c.placed_minor, c.collected_minor,
			        (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries l WHERE l.claim_id = c.id) AS ledger,
			        (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries l WHERE l.claim_id = c.id AND kind = 'charge') AS charged,
			        (SELECT coalesce(sum(-amount_minor), 0) FROM ledger_entries l WHERE l.claim_id = c.id AND kind IN ('payment', 'refund')) AS ledger_collected,
			        (SELECT coalesce(sum(amount_minor), 0) FROM payments p WHERE p.claim_id = c.id AND p.status = 'succeeded')
			          - (SELECT coalesce(sum(r.amount_minor), 0) FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.claim_id = c.id AND r.status = 'succeeded') AS paid
			 FROM claims c`
		).filter(
			(r) =>
				r.balance_minor !== r.ledger ||
				r.placed_minor !== r.charged ||
				r.collected_minor !== r.ledger_collected ||
				r.collected_minor !== r.paid
		);
		expect(bad).toEqual([]);
		// no component is ever paid below zero (allocation never over-allocates)
		expect(
			num(
				db,
				'SELECT count(*) FROM (SELECT claim_id, component, sum(amount_minor) s FROM ledger_entries GROUP BY 1, 2 HAVING s < 0)'
			)
		).toBe(0);
		// a payment's ledger rows add up to the payment
		expect(
			num(
				db,
				`SELECT count(*) FROM payments p WHERE p.amount_minor <> -(SELECT sum(amount_minor) FROM ledger_entries l WHERE l.payment_id = p.id)`
			)
		).toBe(0);
		// HUF amounts are whole forints
		expect(
			num(
				db,
				`SELECT count(*) FROM ledger_entries l JOIN claims c ON c.id = l.claim_id WHERE c.currency = 'HUF' AND l.amount_minor % 100 <> 0`
			)
		).toBe(0);
		// status agrees with the balance
		expect(
			num(
				db,
				`SELECT count(*) FROM claims WHERE status = 'paid' AND (balance_minor <> 0 OR paid_at IS NULL)`
			)
		).toBe(0);
		expect(
			num(
				db,
				`SELECT count(*) FROM claims WHERE status IN ('open', 'in_plan', 'disputed') AND balance_minor <= 0`
			)
		).toBe(0);
		// every paid claim has its settlement certificate (C10)
		expect(
			num(
				db,
				`SELECT count(*) FROM claims c WHERE status = 'paid' AND NOT EXISTS (SELECT 1 FROM settlement_certificates s WHERE s.claim_id = c.id)`
			)
		).toBe(0);
	});

	it('allocates every payment costs, fees, interest, then principal (Civil Code 6:46)', () => {
		const rows = all(
			db,
			'SELECT claim_id, component, kind, amount_minor, payment_id FROM ledger_entries ORDER BY claim_id, id'
		);
		const open = new Map<number, Balances>();
		const seen = new Set<number>();
		let checked = 0;
		for (const r of rows) {
			const claim = Number(r.claim_id);
			const o = open.get(claim) ?? { principal: 0, interest: 0, fee: 0, cost: 0 };
			open.set(claim, o);
			if (r.kind === 'payment' && !seen.has(Number(r.payment_id))) {
				seen.add(Number(r.payment_id));
				const parts = rows.filter((x) => x.payment_id === r.payment_id);
				const amount = -parts.reduce((s, x) => s + Number(x.amount_minor), 0);
				const expected = allocate(amount, o).parts;
				const got: Balances = { principal: 0, interest: 0, fee: 0, cost: 0 };
				for (const x of parts) got[x.component as Component] -= Number(x.amount_minor);
				expect(got, `payment ${r.payment_id}`).toEqual(expected);
				checked++;
			}
			o[r.component as Component] += Number(r.amount_minor);
		}
		expect(checked).toBe(num(db, 'SELECT count(*) FROM payments'));
	});

	it('keeps stage history in step with the claim (C9: a plan was offered before a formal notice)', () => {
		expect(
			num(
				db,
				`SELECT count(*) FROM claims WHERE stage IN ('formal_notice', 'legal') AND plan_offered_at IS NULL`
			)
		).toBe(0);
		expect(
			num(db, `SELECT count(*) FROM claims WHERE stage IN ('formal_notice', 'legal')`)
		).toBeGreaterThan(0);
		// open claims have exactly one current stage row, and it is the claim's stage
		const open = all(
			db,
			`SELECT c.id, c.stage, c.status, (SELECT count(*) FROM claim_stage_events e WHERE e.claim_id = c.id AND e.left_at IS NULL) AS current,
			        (SELECT stage FROM claim_stage_events e WHERE e.claim_id = c.id ORDER BY entered_at DESC, id DESC LIMIT 1) AS last
			 FROM claims c`
		);
		for (const r of open) {
			expect(r.last, `claim ${r.id}`).toBe(r.stage);
			expect(r.current, `claim ${r.id} (${r.status})`).toBe(r.status === 'open' ? 1 : 0);
		}
		const outcomes = new Set(
			all(db, 'SELECT DISTINCT outcome FROM claim_stage_events WHERE outcome IS NOT NULL').map(
				(r) => r.outcome
			)
		);
		for (const o of ['paid', 'in_plan', 'disputed', 'moved_on']) expect(outcomes).toContain(o);
	});

	it('contacts stay inside the C1 window: weekdays 08-20, Saturday 08-12, never Sunday or a public holiday', () => {
		const holidays = new Set([2024, 2025, 2026].flatMap(hungarianHolidays));
		const rows = all(db, 'SELECT occurred_at FROM contact_events');
		expect(rows.length).toBeGreaterThan(CLAIMS);
		for (const r of rows) {
			const p = localParts(Number(r.occurred_at));
			expect(p.weekday).not.toBe(0);
			expect(holidays.has(p.date)).toBe(false);
			expect(p.hour).toBeGreaterThanOrEqual(8);
			expect(p.hour).toBeLessThan(p.weekday === 6 ? 12 : 20);
		}
		// histories end before today
		expect(num(db, 'SELECT max(occurred_at) FROM contact_events')).toBeLessThan(
			instantAt('2026-03-02', 0)
		);
		expect(
			num(db, `SELECT count(*) FROM payments WHERE completed_at >= ?`, instantAt('2026-03-02', 0))
		).toBe(0);
	});

	it('gives disputes the 30-day answer deadline (C7) and plans schedules that add up', () => {
		for (const d of all(
			db,
			'SELECT created_at, answer_due_date, status, answered_at FROM disputes'
		)) {
			expect(d.answer_due_date).toBe(addDays(localParts(Number(d.created_at)).date, 30));
			if (d.status === 'open') expect(d.answered_at).toBeNull();
			else expect(d.answered_at).not.toBeNull();
		}
		expect(
			num(
				db,
				`SELECT count(*) FROM plans p WHERE p.total_minor <> p.down_payment_minor + (SELECT sum(amount_minor) FROM installments i WHERE i.plan_id = p.id)`
			)
		).toBe(0);
		expect(
			num(
				db,
				`SELECT count(*) FROM plans p WHERE installment_count <> (SELECT count(*) FROM installments i WHERE i.plan_id = p.id)`
			)
		).toBe(0);
		expect(
			num(
				db,
				`SELECT count(*) FROM claims c WHERE status = 'in_plan' AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.claim_id = c.id AND p.status = 'active')`
			)
		).toBe(0);
		// a plan's payments are recorded as settling its installments, as reconciliation records them
		expect(num(db, `SELECT count(*) FROM payments WHERE plan_id IS NOT NULL`)).toBeGreaterThan(0);
		expect(
			num(
				db,
				`SELECT count(*) FROM payments WHERE plan_applied_minor <> CASE WHEN plan_id IS NULL THEN 0 ELSE amount_minor END`
			)
		).toBe(0);
	});

	it('creates the demo logins, the admin TOTP key and the demo links for the seed', async () => {
		const demo = demoAccounts(3);
		const staff = all(
			db,
			'SELECT email, role, creditor_id, password_hash, totp_key FROM staff_users ORDER BY id'
		);
		expect(staff.map((s) => s.email)).toEqual(demo.staff.map((s) => s.email));
		for (const [i, s] of staff.entries()) {
			expect(s.role).toBe(demo.staff[i].role);
			expect(s.creditor_id === null).toBe(demo.staff[i].role !== 'creditor');
		}
		expect(await verifyPassword(String(staff[0].password_hash), demo.admin.password)).toBe(true);
		expect(Buffer.compare(staff[0].totp_key as Buffer, Buffer.from(demo.adminTotpKey))).toBe(0);
		expect(demo.adminTotpKey.length).toBe(20);
		// each creditor user belongs to the right creditor
		for (const key of ['duna', 'tisza', 'pannon'] as const) {
			const u = one(
				db,
				'SELECT c.name FROM staff_users s JOIN creditors c ON c.id = s.creditor_id WHERE s.email = ?',
				demo.creditorUsers[key].email
			);
			expect(String(u.name).toLowerCase()).toContain(key);
		}
		for (const link of demo.links) {
			expect(link.token).toMatch(/^[a-z2-7]{32}$/);
			expect(link.token).toBe(demoToken(3, link.key));
			const row = one(
				db,
				'SELECT a.question, a.expires_at, d.* FROM access_links a JOIN debtors d ON d.id = a.debtor_id WHERE a.token_hash = ?',
				hashToken(link.token)
			);
			expect(row, link.key).toBeTruthy();
			expect(row.question).toBe(link.question);
			expect(Number(row.expires_at)).toBeGreaterThan(NOW + 59 * 86_400_000);
			const answer =
				link.question === 'birth_date'
					? row.birth_date
					: link.question === 'tax_number'
						? row.tax_number
						: row.postal_code;
			expect(answer).toBe(link.answer);
			// the demo debtors' claims are open and payable, none disputed
			const claims = all(
				db,
				'SELECT status, balance_minor FROM claims WHERE debtor_id = ?',
				row.id
			);
			expect(claims.length).toBeGreaterThan(0);
			for (const c of claims) {
				expect(c.status).toBe('open');
				expect(Number(c.balance_minor)).toBeGreaterThan(0);
			}
			expect(
				num(db, `SELECT count(*) FROM disputes WHERE debtor_id = ? AND status = 'open'`, row.id)
			).toBe(0);
		}
		// Kovács Anna has a claim big enough for an installment plan (> 600 000 Ft)
		const anna = one(
			db,
			'SELECT max(c.balance_minor) AS m FROM claims c JOIN debtors d ON d.id = c.debtor_id WHERE d.name = ?',
			'Kovács Anna'
		);
		expect(Number(anna.m)).toBeGreaterThan(60_000_000);
		// different seeds, different tokens and keys
		expect(demoAccounts(4).debtors.anna.token).not.toBe(demo.debtors.anna.token);
		expect(demoAccounts(4).adminTotpKeyBase32).not.toBe(demo.adminTotpKeyBase32);
	});

	it('leaves the report rollups as the triggers would, and the triggers in place', () => {
		const triggers = num(
			db,
			`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report%'`
		);
		const fresh = freshDb();
		expect(triggers).toBe(
			num(
				fresh,
				`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report%'`
			)
		);
		expect(num(db, `SELECT count(*) FROM sqlite_master WHERE type = 'index'`)).toBe(
			num(fresh, `SELECT count(*) FROM sqlite_master WHERE type = 'index'`)
		);
		const r = one(
			db,
			'SELECT sum(claims) AS n, sum(balance_minor) AS b, sum(collected_minor) AS c FROM report_claims'
		);
		const c = one(
			db,
			'SELECT count(*) AS n, sum(balance_minor) AS b, sum(collected_minor) AS c FROM claims'
		);
		expect(r).toEqual(c);
		expect(num(db, 'SELECT sum(events) FROM report_stage_outcomes')).toBe(
			num(db, 'SELECT count(*) FROM claim_stage_events')
		);
		expect(num(db, 'SELECT sum(collected_minor) FROM report_collected')).toBe(
			num(db, 'SELECT sum(collected_minor) FROM claims')
		);
		expect(num(db, 'SELECT count(*) FROM report_contact_followed')).toBeGreaterThan(0);

		// the seed counts the rollups in memory: they must equal what the migrations' own backfill
		// statements compute from the seeded rows (if the rollup definitions change, update Rollups)
		const fills = rollupBackfill(path.resolve('drizzle'));
		const tables = [...new Set(fills.map((f) => f.table))];
		expect(tables.length).toBeGreaterThan(0);
		const snapshot = () =>
			Object.fromEntries(
				tables.map((t) => [
					t,
					all(db, `SELECT * FROM ${t}`)
						.map((r) => JSON.stringify(r))
						.sort()
				])
			);
		const seededRollups = snapshot();
		db.$client.transaction(() => {
			for (const t of tables) db.$client.exec(`DELETE FROM ${t}`);
			for (const f of fills) db.$client.exec(f.sql);
		})();
		expect(seededRollups).toEqual(snapshot());

		// a change after the seed still reaches the rollups through the triggers
		const before = num(db, `SELECT sum(claims) FROM report_claims WHERE status = 'closed'`);
		db.$client
			.prepare(
				`UPDATE claims SET status = 'closed' WHERE id = (SELECT id FROM claims WHERE status = 'open' LIMIT 1)`
			)
			.run();
		expect(num(db, `SELECT sum(claims) FROM report_claims WHERE status = 'closed'`)).toBe(
			before + 1
		);
		// foreign keys hold even though the bulk load ran without checking them
		expect(all(db, 'PRAGMA foreign_key_check')).toEqual([]);
	});

	it('is deterministic: the same seed on the same day gives identical rows; another seed does not', async () => {
		const a = await seeded(11, 120);
		const b = await seeded(11, 120);
		const c = await seeded(12, 120);
		const dump = (x: DB) =>
			SEEDED_TABLES.filter((t) => t !== 'audit_log').map((t) =>
				JSON.stringify(
					all(x, `SELECT * FROM ${t} ORDER BY rowid`).map((r) => {
						// argon2 hashes are salted: compare everything else
						if (t === 'staff_users') delete r.password_hash;
						return r;
					})
				)
			);
		expect(dump(a)).toEqual(dump(b));
		expect(dump(a)).not.toEqual(dump(c));
	});
});

describe('npm run db:seed (the real script)', () => {
	const runSeed = (file: string, ...args: string[]) =>
		spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', ...args], {
			env: { ...process.env, DATABASE_URL: file },
			encoding: 'utf8'
		});

	it('seeds an empty file, refuses a non-empty one, and rebuilds it with --reset', () => {
		const file = tempDbPath('seed-script');
		const first = runSeed(file, '--claims', '40', '--seed', '5');
		expect(first.status, first.stderr).toBe(0);
		expect(first.stdout).toContain(demoAccounts(5).debtors.anna.path);
		expect(first.stdout).toContain('admin@rendez.example');
		expect(first.stdout).toMatch(/Seeded in [\d.]+ s/);

		const again = runSeed(file, '--claims', '40');
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('--reset');
		const db = openDatabase(file);
		expect(num(db, 'SELECT count(*) FROM claims')).toBe(46);
		// one audit row for the whole run, and the chain verifies
		expect(all(db, 'SELECT action, entity FROM audit_log')).toEqual([
			{ action: 'seed.run', entity: 'database' }
		]);
		expect(verifyAuditChain(db).ok).toBe(true);
		db.$client.close();

		const reset = runSeed(file, '--claims', '20', '--seed', '6', '--reset', '--quiet');
		expect(reset.status, reset.stderr).toBe(0);
		expect(reset.stdout).toBe('');
		const db2 = openDatabase(file);
		expect(num(db2, 'SELECT count(*) FROM claims')).toBe(26);
		expect(num(db2, 'SELECT count(*) FROM audit_log')).toBe(1);
		expect(
			num(
				db2,
				`SELECT count(*) FROM access_links WHERE token_hash = ?`,
				hashToken(demoToken(6, 'anna'))
			)
		).toBe(1);
		expect(db2.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		db2.$client.close();
	});

	it('rejects bad options with a usage line', () => {
		const r = runSeed(tempDbPath('bad-args'), '--claims', 'many');
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('Usage: npm run db:seed');
		const r2 = runSeed(tempDbPath('bad-args2'), '--frobnicate');
		expect(r2.status).toBe(2);
	});
});
