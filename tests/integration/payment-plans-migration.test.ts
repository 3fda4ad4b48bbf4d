/**
 * Migration 0034 (payment_plans) on a database written before it: a payment applied to a plan
 * gets that plan on its row, read back from the audit trail (a part payment carried none, an
 * instalment payment only its checkout's), so a refund of it gives back from that plan only.
 * Payments no plan took anything of are left as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { journalEntries, manualClock, removeTempDbs, tempDbPath } from '../helpers/db';
import { agreedPlan, payInstallment, planWorld } from '../helpers/plans-fixtures';
import { paidFor } from '../helpers/payment-fixtures';

afterAll(removeTempDbs);

it('records on each payment the plan it settled instalments of', async () => {
	manualClock('2026-03-02');
	// the data is written by today's code on today's schema; the migration (an UPDATE alone) is then
	// run again on it as the code before it left it (a database before it would lack later columns)
	const db = openDatabase(tempDbPath('payment-plans'));
	migrateDatabase(db);
	// by its name: the lead may number it anew
	const tag = journalEntries().find((e) => e.tag.endsWith('_payment_plans'))!.tag;
	const s = planWorld(db);
	const claim = s.claim(s.d1);
	const plan = agreedPlan(db, s.debtor1, claim);
	const applied = await payInstallment(db, s.debtor1, claim, 3_000_000, plan.id);
	const early = await paidFor(db, s.d2, s.claim(s.d2), 1_000_000);
	// as the code before it wrote them: the plan only where the checkout named one
	db.$client.prepare('UPDATE payments SET plan_id = NULL').run();

	db.$client.exec(fs.readFileSync(path.resolve('drizzle', `${tag}.sql`), 'utf8'));
	const planOf = (id: number) =>
		db.$client.prepare('SELECT plan_id FROM payments WHERE id = ?').pluck().get(id);
	expect(planOf(applied)).toBe(plan.id);
	// a payment on a claim without a plan stays without one
	expect(planOf(early)).toBeNull();
});
