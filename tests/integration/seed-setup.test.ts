/**
 * The demo-data generator's setup: the demo logins and links, the report rollups as the triggers
 * would count them, determinism, and the real `db:seed` script's refusal of a non-empty database.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { freshDb, tempDbPath } from '../helpers/db';
import { rollupBackfill, SEEDED_TABLES } from '../../src/lib/server/db/seed/generate';
import { demoAccounts, demoToken } from '../../src/lib/server/db/seed/demo-accounts';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { verifyPassword } from '../../src/lib/server/auth/passwords';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { remittanceFor } from '../../src/lib/server/services/remittance';
import { approvePlan } from '../../src/lib/server/services/plans';
import { clock } from '../../src/lib/server/clock';
import { addDays, localDate } from '../../src/lib/domain/clock';
import { NOW, all, num, one, seeded } from '../helpers/seed-fixtures';

describe('seed generator: accounts, rollups, determinism', () => {
	let db: DB;
	beforeAll(async () => {
		db = await seeded(3);
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

	it("gives each demo creditor its contract's commission, so a statement reads what a real one would", () => {
		const to = localDate(NOW);
		const period = { from: addDays(to, -400), to };
		const creditors = all(db, 'SELECT id FROM creditors ORDER BY id');
		expect(creditors.length).toBe(3);
		for (const { id } of creditors) {
			const admin = { kind: 'admin', userId: 1 } as const;
			const [total] = remittanceFor(db, admin, Number(id), period).statement.totals;
			expect(total.collected).toBeGreaterThan(0);
			// 12–18 % of what was collected (less refunds and the agency's own fees), never nothing;
			// forint claims' commission is whole forints (half a forint either way per claim)
			const base = total.collected - total.refunded - total.agencyFees;
			const rounding = 50 * total.claims;
			expect(total.commission).toBeGreaterThanOrEqual(Math.floor(base * 0.12) - rounding);
			expect(total.commission).toBeLessThanOrEqual(Math.ceil(base * 0.18) + rounding);
		}
	});

	it('leaves proposals waiting as the portal does, so an operator can approve one', () => {
		const waiting = all(db, "SELECT id FROM plans WHERE status = 'proposed' ORDER BY id");
		expect(waiting.length).toBeGreaterThan(0);
		expect(
			num(
				db,
				"SELECT count(*) FROM installments i JOIN plans p ON p.id = i.plan_id WHERE p.status = 'proposed'"
			)
		).toBe(0);
		const operator = Number(
			one(db, "SELECT id FROM staff_users WHERE role = 'operator' ORDER BY id").id
		);
		// a fresh one (the seed's are some days old here: their first day has passed) is approved
		// and gets its schedule once (it was a 500: the seed had written its rows already)
		const planId = Number(waiting[0].id);
		db.$client
			.prepare('UPDATE plans SET first_due_date = ? WHERE id = ?')
			.run(addDays(localDate(clock().now()), 14), planId);
		approvePlan(db, { kind: 'operator', userId: operator }, { planId });
		expect(one(db, `SELECT status FROM plans WHERE id = ${planId}`).status).toBe('active');
		expect(num(db, `SELECT count(*) FROM installments WHERE plan_id = ${planId}`)).toBe(
			num(db, `SELECT installment_count FROM plans WHERE id = ${planId}`)
		);
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
