/**
 * Migration 0034 (payment_plans) on a database written before it: a payment applied to a plan
 * gets that plan on its row, read back from the audit trail (a part payment carried none, an
 * instalment payment only its checkout's), so a refund of it gives back from that plan only.
 * Payments no plan took anything of are left as they are.
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import {
	journalEntries,
	manualClock,
	migrationsBefore,
	removeTempDbs,
	tempDbPath
} from '../helpers/db';
import { agreedPlan, payInstallment, planWorld } from '../helpers/plans-fixtures';
import { paidFor } from '../helpers/payment-fixtures';

afterAll(removeTempDbs);

it('records on each payment the plan it settled instalments of', async () => {
	manualClock('2026-03-02');
	const db = openDatabase(tempDbPath('payment-plans'));
	// by its name: the lead may number it anew
	const idx = journalEntries().find((e) => e.tag.endsWith('_payment_plans'))!.idx;
	migrateDatabase(db, migrationsBefore(idx));
	const s = planWorld(db);
	const claim = s.claim(s.d1);
	const plan = agreedPlan(db, s.debtor1, claim);
	await payInstallment(db, s.debtor1, claim, 3_000_000, plan.id);
	const applied = db.$client
		.prepare('SELECT max(id) FROM payments WHERE claim_id = ?')
		.pluck()
		.get(claim) as number;
	const early = await paidFor(db, s.d2, s.claim(s.d2), 1_000_000);
	// as the code before it wrote them: the plan only where the checkout named one
	db.$client.prepare('UPDATE payments SET plan_id = NULL').run();

	migrateDatabase(db, path.resolve('drizzle'));
	const planOf = (id: number) =>
		db.$client.prepare('SELECT plan_id FROM payments WHERE id = ?').pluck().get(id);
	expect(planOf(applied)).toBe(plan.id);
	// a payment on a claim without a plan stays without one
	expect(planOf(early)).toBeNull();
});
