import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import {
	auditLog,
	claims,
	claimStageEvents,
	installments,
	jobRuns,
	outbox,
	plans
} from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import type { Actor } from '../../src/lib/domain/actor';
import { instantAt, localDate, localParts, type ManualClock } from '../../src/lib/domain/clock';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { nextContactSlot } from '../../src/lib/server/services/outbox';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { installmentsOf, payInstallment, propose, terms } from '../helpers/plans-fixtures';

function setup(db: DB) {
	const cr = makeCreditor(db);
	const mk = (name: string, phone: string | null, email: string | null) =>
		makeDebtor(db, name, { phone, email });
	let ref = 0;
	const claim = (debtorId: number, amount: number) =>
		makeClaim(db, cr, debtorId, { principal: amount }, 'HUF', {
			stage: 'firm_reminder',
			reference: `R-${++ref}`
		});
	return { mk, claim };
}

describe('daily job', () => {
	let db: DB;
	let clk: ManualClock;
	beforeEach(() => ({ db, clock: clk } = testDb('2026-03-02', 6)));

	it('over 120 simulated days: reminders 3 days ahead, one plan kept and completed, one broken after the grace days', async () => {
		const s = setup(db);
		const keeper = s.mk('Pontos Péter', '+36301112233', 'peter@example.test');
		const breaker = s.mk('Késő Katalin', '+36301112234', null);
		const kClaim = s.claim(keeper, 30_000_000);
		const bClaim = s.claim(breaker, 24_000_000);
		const kActor: Actor = { kind: 'debtor', debtorId: keeper };
		const bActor: Actor = { kind: 'debtor', debtorId: breaker };
		const kPlan = propose(db, kActor, kClaim, 'auto', terms(3));
		const bPlan = propose(
			db,
			bActor,
			bClaim,
			'auto',
			terms(3, { frequency: 'biweekly', firstDueDate: '2026-03-16' })
		);
		const kInst = db.select().from(installments).where(eq(installments.planId, kPlan.id)).all();
		expect(kInst.map((i) => i.dueDate)).toEqual(['2026-03-31', '2026-04-30', '2026-05-31']);

		const log: Record<string, string[]> = {};
		const note = (day: string, what: string) => (log[day] ??= []).push(what);
		for (let day = 0; day <= 120; day++) {
			const today = localDate(clock().now());
			// the keeper pays each installment on its due date (morning, before the job); the other pays only the first
			for (const inst of kInst)
				if (inst.dueDate === today)
					await payInstallment(db, kActor, kClaim, inst.amountMinor, kPlan.id);
			if (today === '2026-03-16') await payInstallment(db, bActor, bClaim, 8_000_000, bPlan.id);
			const r = runDailyJobs(db);
			expect(r.skipped).toBe(false);
			expect(runDailyJobs(db).skipped).toBe(true); // twice a day does nothing
			if (r.reminders) note(today, `reminders:${r.reminders}`);
			if (r.late) note(today, `late:${r.late}`);
			if (r.broken) note(today, `broken:${r.broken}`);
			if (r.completed) note(today, `completed:${r.completed}`);
			clk.advanceDays(1);
		}
		expect(log).toEqual({
			'2026-03-13': ['reminders:1'], // breaker #1 due 16 Mar
			'2026-03-27': ['reminders:1'], // breaker #2 due 30 Mar
			'2026-03-28': ['reminders:1'], // keeper #1 due 31 Mar
			'2026-03-31': ['late:1'], // breaker #2 unpaid since 30 Mar
			'2026-04-10': ['reminders:1'], // breaker #3 due 13 Apr
			'2026-04-14': ['late:1'],
			'2026-04-15': ['broken:1'], // 16 days late > 15 grace days
			'2026-04-27': ['reminders:1'], // keeper #2 due 30 Apr
			'2026-05-28': ['reminders:1'] // keeper #3 due 31 May
		});
		const planStatus = (id: number) =>
			db.select({ s: plans.status }).from(plans).where(eq(plans.id, id)).get()!.s;
		const claimStatus = (id: number) =>
			db.select({ s: claims.status }).from(claims).where(eq(claims.id, id)).get()!.s;
		// kept: every installment paid on time; the plan completed with the last payment; claim settled
		expect(planStatus(kPlan.id)).toBe('completed');
		expect(claimStatus(kClaim)).toBe('paid');
		expect(
			db
				.select()
				.from(installments)
				.where(eq(installments.planId, kPlan.id))
				.all()
				.every((i) => i.status === 'paid' && i.paidOnTime)
		).toBe(true);
		// broken: back to the reminder process at its stage, installments past grace missed, the debtor told
		expect(planStatus(bPlan.id)).toBe('broken');
		expect(claimStatus(bClaim)).toBe('open');
		const bInst = installmentsOf(db, bPlan.id);
		expect(bInst.map((i) => i.status)).toEqual(['paid', 'missed', 'late']);
		const openStage = db
			.select()
			.from(claimStageEvents)
			.where(and(eq(claimStageEvents.claimId, bClaim)))
			.all()
			.at(-1)!;
		expect(openStage).toMatchObject({ stage: 'firm_reminder', leftAt: null });
		const msgs = db.select().from(outbox).all();
		const of = (debtorId: number) =>
			msgs.filter((m) => m.debtorId === debtorId).map((m) => `${m.template}/${m.channel}`);
		expect(of(keeper)).toEqual([
			'plan_active/email',
			'installment_reminder/email',
			'installment_reminder/email',
			'installment_reminder/email',
			'plan_completed/email'
		]);
		expect(of(breaker)).toEqual([
			'plan_active/sms',
			'installment_reminder/sms',
			'installment_reminder/sms',
			'installment_reminder/sms',
			'plan_broken/sms'
		]);
		// C1: every message is scheduled inside the contact window; C3: no amounts or names in parameters
		for (const m of msgs) {
			const p = localParts(m.scheduledAt);
			expect(p.weekday).not.toBe(0);
			expect(p.hour).toBeGreaterThanOrEqual(8);
			expect(p.hour).toBeLessThan(p.weekday === 6 ? 12 : 20);
			expect(m.paramsJson).not.toMatch(/000000|Péter|Katalin|Példa/);
		}
		expect(db.select().from(jobRuns).all()).toHaveLength(121);
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'plan.break')).all()).toHaveLength(
			1
		);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('schedules outside the contact window into the next open slot (Sunday -> Monday 08:00)', () => {
		const sun = new Date('2026-03-08T10:00:00Z').getTime(); // Sunday in Budapest
		const slot = nextContactSlot(sun);
		expect(localParts(slot)).toMatchObject({ date: '2026-03-09', hour: 8, minute: 0 });
		const satLate = new Date('2026-03-07T13:00:00Z').getTime(); // Saturday 14:00
		expect(localParts(nextContactSlot(satLate))).toMatchObject({ date: '2026-03-09', hour: 8 });
		const wedNoon = new Date('2026-03-04T11:00:00Z').getTime();
		expect(nextContactSlot(wedNoon)).toBe(wedNoon);
		// never on a public holiday: Thursday evening before 1 May 2026 (a Friday) waits for Saturday 8:00
		expect(localParts(nextContactSlot(instantAt('2026-04-30', 21)))).toMatchObject({
			date: '2026-05-02',
			hour: 8
		});
		// Easter 2026: Thursday night waits past Good Friday to Saturday; Saturday afternoon waits past
		// Sunday and Easter Monday to Tuesday 7 April
		expect(localParts(nextContactSlot(instantAt('2026-04-02', 22)))).toMatchObject({
			date: '2026-04-04',
			hour: 8
		});
		expect(localParts(nextContactSlot(instantAt('2026-04-04', 13)))).toMatchObject({
			date: '2026-04-07',
			hour: 8
		});
	});
});
