import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import {
	auditLog,
	claims,
	installments,
	outbox,
	plans,
	staffUsers
} from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import type { Actor } from '../../src/lib/domain/actor';
import type { ManualClock } from '../../src/lib/domain/clock';
import { defaultRules, type CreditorRules } from '../../src/lib/domain/rules';
import {
	acceptCounter,
	approvePlan,
	counterPlan,
	declineCounter,
	planPage,
	planPaymentLimits,
	planForReview,
	planQueue,
	proposePlan,
	rejectPlan,
	withdrawProposal
} from '../../src/lib/server/services/plans';
import { saveRules } from '../../src/lib/server/services/rules';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { startPayment, reconcile } from '../../src/lib/server/services/payments';
import { refundOutcome, refundPayment } from '../../src/lib/server/services/refunds';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import {
	ConflictError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';

function setup(db: DB, balance = 30_000_000) {
	const now = clock().now();
	const cr = makeCreditor(db);
	const c = { id: cr.creditorId };
	const other = {
		id: makeCreditor(db, 'Másik Közmű Kft.', undefined, {
			sector: 'utility',
			taxNumber: '87654321-2-42'
		}).creditorId
	};
	const p = { id: cr.portfolioId };
	const mk = (name: string) => makeDebtor(db, name, { email: `${name.length}@example.test` });
	const d1 = mk('Teszt Elek');
	const d2 = mk('Minta Mária');
	let ref = 0;
	const claim = (debtorId: number, amount = balance) =>
		makeClaim(db, cr, debtorId, { principal: amount }, 'HUF', { reference: `R-${++ref}` });
	const op = db
		.insert(staffUsers)
		.values({
			email: 'op@rendez.test',
			name: 'Operátor Olga',
			role: 'operator',
			passwordHash: 'x',
			createdAt: now
		})
		.returning()
		.get().id;
	const cu = db
		.insert(staffUsers)
		.values({
			email: 'cu@bank.test',
			name: 'Bank Béla',
			role: 'creditor',
			creditorId: c.id,
			passwordHash: 'x',
			createdAt: now
		})
		.returning()
		.get().id;
	return {
		creditorId: c.id,
		otherCreditorId: other.id,
		portfolioId: p.id,
		d1,
		d2,
		claim,
		debtor1: { kind: 'debtor', debtorId: d1 } as Actor,
		debtor2: { kind: 'debtor', debtorId: d2 } as Actor,
		operator: { kind: 'operator', userId: op } as Actor,
		creditorUser: { kind: 'creditor', userId: cu, creditorId: c.id } as Actor
	};
}

const status = (db: DB, id: number) =>
	db.select({ s: claims.status }).from(claims).where(eq(claims.id, id)).get()!.s;

/** Pays through the real gateway path: startPayment (demo gateway) then reconcile, as the demo page does. */
async function pay(db: DB, actor: Actor, claimId: number, amountMinor: number, planId: number) {
	const { paymentId } = await startPayment(
		db,
		actor,
		{ claimId, amountMinor, purpose: 'installment', planId, origin: 'http://localhost' },
		new DemoGateway()
	);
	return reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, 'approve'));
}

describe('debtor proposals', () => {
	let db: DB;
	let clk: ManualClock;
	beforeEach(() => {
		({ db, clock: clk } = testDb());
	});

	it('records that a plan was offered the first time the page is shown (C9), once', () => {
		const s = setup(db);
		const id = s.claim(s.d1);
		const page = planPage(db, s.debtor1, id);
		expect(page.plan).toBeNull();
		expect(page.rules).toEqual(defaultRules());
		const at = db.select({ a: claims.planOfferedAt }).from(claims).where(eq(claims.id, id)).get()!
			.a;
		expect(at).toBe(clock().now());
		clk.advanceDays(1);
		planPage(db, s.debtor1, id);
		expect(
			db.select({ a: claims.planOfferedAt }).from(claims).where(eq(claims.id, id)).get()!.a
		).toBe(at);
		expect(
			db.select().from(auditLog).where(eq(auditLog.action, 'claim.plan_offered')).all()
		).toHaveLength(1);
	});

	it('a proposal inside the auto-approve limits becomes an active plan at once; claim in_plan; debtor told', () => {
		const s = setup(db);
		const id = s.claim(s.d1);
		const plan = proposePlan(db, s.debtor1, {
			claimId: id,
			mode: 'auto',
			proposal: {
				downPaymentMinor: 3_000_000,
				installmentCount: 3,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			}
		});
		expect(plan).toMatchObject({ status: 'active', autoApproved: true, totalMinor: 30_000_000 });
		const rows = db.select().from(installments).where(eq(installments.planId, plan.id)).all();
		expect(rows.map((r) => [r.seq, r.dueDate, r.amountMinor])).toEqual([
			[0, '2026-03-02', 3_000_000],
			[1, '2026-03-31', 9_000_000],
			[2, '2026-04-30', 9_000_000],
			[3, '2026-05-31', 9_000_000]
		]);
		expect(status(db, id)).toBe('in_plan');
		const msgs = db.select().from(outbox).all();
		expect(msgs.map((m) => m.template)).toEqual(['plan_active']);
		expect(msgs[0].paramsJson).not.toMatch(/000|Példa/);
		// one open plan per claim
		expect(() =>
			proposePlan(db, s.debtor1, {
				claimId: id,
				mode: 'review',
				proposal: {
					downPaymentMinor: 0,
					installmentCount: 2,
					frequency: 'monthly',
					firstDueDate: '2026-03-31'
				}
			})
		).toThrow(ConflictError);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('refuses to start at once what needs review, names broken rules per field, and another debtor cannot touch the claim', () => {
		const s = setup(db);
		const id = s.claim(s.d1);
		expect(() =>
			proposePlan(db, s.debtor1, {
				claimId: id,
				mode: 'auto',
				proposal: {
					downPaymentMinor: 0,
					installmentCount: 4,
					frequency: 'monthly',
					firstDueDate: '2026-03-31'
				}
			})
		).toThrow(ConflictError);
		try {
			proposePlan(db, s.debtor1, {
				claimId: id,
				mode: 'auto',
				proposal: {
					downPaymentMinor: 0,
					installmentCount: 8,
					frequency: 'monthly',
					firstDueDate: '2026-03-31'
				}
			});
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			expect((e as ValidationError).fields.installmentCount.key).toBe('plans.rule.countMax');
		}
		try {
			proposePlan(db, s.debtor1, {
				claimId: id,
				mode: 'review',
				proposal: {
					downPaymentMinor: 0,
					installmentCount: 2,
					frequency: 'monthly',
					firstDueDate: '2026-03-01'
				}
			});
			expect.unreachable();
		} catch (e) {
			expect((e as ValidationError).fields.firstDueDate.key).toBe('plans.rule.firstPast');
		}
		expect(() =>
			proposePlan(db, s.debtor2, {
				claimId: id,
				mode: 'review',
				proposal: {
					downPaymentMinor: 0,
					installmentCount: 2,
					frequency: 'monthly',
					firstDueDate: '2026-03-31'
				}
			})
		).toThrow(NotFoundError);
		expect(() => planPage(db, s.debtor2, id)).toThrow(NotFoundError);
		expect(db.select().from(plans).all()).toHaveLength(0);
	});
});

describe('operator review', () => {
	let db: DB;
	let clk: ManualClock;
	beforeEach(() => {
		({ db, clock: clk } = testDb());
	});

	it('review: a proposal outside the limits waits in the queue (oldest first) with its evaluation and budget; approve starts it', () => {
		const s = setup(db);
		const a = s.claim(s.d1);
		const b = s.claim(s.d2);
		const first = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'review',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 8,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			},
			budget: { incomeMinor: 40_000_000, costsMinor: 30_000_000 }
		});
		clk.advance(60_000);
		proposePlan(db, s.debtor2, {
			claimId: b,
			mode: 'review',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 4,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			}
		});
		expect(first.status).toBe('proposed');
		expect(status(db, a)).toBe('open');
		const q = planQueue(db, s.operator);
		expect(q.map((p) => p.claimId)).toEqual([a, b]);
		expect(q[0].violations.map((v) => v.rule)).toEqual(['count_max']);
		expect(q[1].violations).toEqual([]);
		const detail = planForReview(db, s.operator, first.id);
		expect(detail.affordable).toBe(5_000_000);
		expect(detail.evaluation.nearest).toMatchObject({ installmentCount: 4 });
		expect(detail.schedule).toHaveLength(8);
		expect(() => planQueue(db, s.debtor1)).toThrow();
		expect(() => approvePlan(db, s.creditorUser, { planId: first.id })).toThrow();

		const active = approvePlan(db, s.operator, { planId: first.id });
		expect(active).toMatchObject({
			status: 'active',
			decidedBy: (s.operator as { userId: number }).userId
		});
		expect(status(db, a)).toBe('in_plan');
		expect(
			db.select().from(installments).where(eq(installments.planId, first.id)).all()
		).toHaveLength(8);
		expect(() => approvePlan(db, s.operator, { planId: first.id })).toThrow(ConflictError);
		const page = planPage(db, s.debtor1, a);
		expect(page.plan?.status).toBe('active');
	});

	it('reject with a reason the debtor sees; a new proposal is possible afterwards; the debtor can withdraw one', () => {
		const s = setup(db);
		const a = s.claim(s.d1);
		const p = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'review',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 4,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			}
		});
		expect(() => rejectPlan(db, s.operator, { planId: p.id, reason: '  ' })).toThrow(
			ValidationError
		);
		rejectPlan(db, s.operator, { planId: p.id, reason: 'Kérjük, 3 részletben.' });
		const page = planPage(db, s.debtor1, a);
		expect(page.plan).toBeNull();
		expect(page.history[0]).toMatchObject({
			status: 'rejected',
			reason: 'Kérjük, 3 részletben.',
			countered: false
		});
		expect(
			db
				.select()
				.from(outbox)
				.all()
				.map((m) => m.template)
		).toContain('plan_rejected');
		const again = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'review',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 4,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			}
		});
		withdrawProposal(db, s.debtor1, { planId: again.id });
		expect(db.select({ s: plans.status }).from(plans).where(eq(plans.id, again.id)).get()!.s).toBe(
			'cancelled'
		);
		expect(planQueue(db, s.operator)).toHaveLength(0);
	});

	it('counter-offer accepted: the counter starts as the active plan; declined: the claim stays open', () => {
		const s = setup(db);
		const a = s.claim(s.d1);
		const b = s.claim(s.d2);
		const pa = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'review',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 10,
				frequency: 'weekly',
				firstDueDate: '2026-03-09'
			}
		});
		const pb = proposePlan(db, s.debtor2, {
			claimId: b,
			mode: 'review',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 10,
				frequency: 'weekly',
				firstDueDate: '2026-03-09'
			}
		});
		expect(() =>
			counterPlan(db, s.operator, {
				planId: pa.id,
				proposal: {
					downPaymentMinor: 0,
					installmentCount: 4,
					frequency: 'monthly',
					firstDueDate: '2026-02-01'
				}
			})
		).toThrow(ValidationError);
		const ca = counterPlan(db, s.operator, {
			planId: pa.id,
			proposal: {
				downPaymentMinor: 2_000_000,
				installmentCount: 4,
				frequency: 'monthly',
				firstDueDate: '2026-03-20'
			},
			note: 'Havonta könnyebb.'
		});
		const cb = counterPlan(db, s.operator, {
			planId: pb.id,
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 4,
				frequency: 'monthly',
				firstDueDate: '2026-03-20'
			}
		});
		expect(ca).toMatchObject({ status: 'countered', counterOfId: pa.id });
		const page = planPage(db, s.debtor1, a);
		expect(page.plan).toMatchObject({
			id: ca.id,
			status: 'countered',
			counterNote: 'Havonta könnyebb.'
		});
		expect(page.plan!.schedule.map((x) => x.amountMinor)).toEqual([
			2_000_000, 7_000_000, 7_000_000, 7_000_000, 7_000_000
		]);
		expect(page.history[0]).toMatchObject({ id: pa.id, countered: true });
		// another debtor cannot answer it
		expect(() => acceptCounter(db, s.debtor2, { planId: ca.id })).toThrow(NotFoundError);

		clk.advanceDays(2);
		const active = acceptCounter(db, s.debtor1, { planId: ca.id });
		expect(active.status).toBe('active');
		expect(status(db, a)).toBe('in_plan');
		const rows = db.select().from(installments).where(eq(installments.planId, ca.id)).all();
		expect(rows[0]).toMatchObject({ seq: 0, dueDate: '2026-03-04', amountMinor: 2_000_000 });

		declineCounter(db, s.debtor2, { planId: cb.id });
		expect(status(db, b)).toBe('open');
		expect(planPage(db, s.debtor2, b).plan).toBeNull();
		expect(() => acceptCounter(db, s.debtor2, { planId: cb.id })).toThrow(ConflictError);
		const actions = db
			.select({ a: auditLog.action })
			.from(auditLog)
			.all()
			.map((r) => r.a);
		expect(actions).toEqual(
			expect.arrayContaining([
				'plan.counter',
				'plan.accept_counter',
				'plan.decline_counter',
				'plan.activate'
			])
		);
	});

	it('a counter-offer not accepted by its first due date lapses in the daily job; the debtor is told and can propose again', () => {
		const s = setup(db);
		const a = s.claim(s.d1);
		const pa = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'review',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 10,
				frequency: 'weekly',
				firstDueDate: '2026-03-09'
			}
		});
		const ca = counterPlan(db, s.operator, {
			planId: pa.id,
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 4,
				frequency: 'monthly',
				firstDueDate: '2026-03-20'
			}
		});
		const planStatus = () =>
			db.select({ s: plans.status }).from(plans).where(eq(plans.id, ca.id)).get()!.s;
		// on its first due date it can still be accepted: the daily job leaves it
		clk.advanceDays(18);
		expect(runDailyJobs(db).lapsed).toBe(0);
		expect(planStatus()).toBe('countered');
		clk.advanceDays(1);
		expect(runDailyJobs(db)).toMatchObject({ day: '2026-03-21', lapsed: 1 });
		expect(planStatus()).toBe('lapsed');
		expect(runDailyJobs(db, { force: true }).lapsed).toBe(0);
		expect(() => acceptCounter(db, s.debtor1, { planId: ca.id })).toThrow(ConflictError);
		const page = planPage(db, s.debtor1, a);
		expect(page.plan).toBeNull();
		expect(page.history[0]).toMatchObject({ id: ca.id, status: 'lapsed', countered: false });
		const notices = db
			.select({ template: outbox.template, params: outbox.paramsJson })
			.from(outbox)
			.where(eq(outbox.template, 'plan_lapsed'))
			.all();
		expect(notices).toEqual([
			{
				template: 'plan_lapsed',
				params: JSON.stringify({ planId: ca.id, link: `/my/claims/${a}/plan` })
			}
		]);
		expect(
			db
				.select({ a: auditLog.action, e: auditLog.entityId })
				.from(auditLog)
				.where(eq(auditLog.action, 'plan.lapse'))
				.all()
		).toEqual([{ a: 'plan.lapse', e: String(ca.id) }]);
		expect(status(db, a)).toBe('open');
		const again = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'auto',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 3,
				frequency: 'monthly',
				firstDueDate: '2026-04-01'
			}
		});
		expect(again.status).toBe('active');
		expect(verifyAuditChain(db).ok).toBe(true);
	});
});

describe('rules and agreed plans', () => {
	let db: DB;
	beforeEach(() => {
		({ db } = testDb());
	});

	it('a rule change applies to new proposals and never alters agreed plans', () => {
		const s = setup(db);
		const a = s.claim(s.d1);
		const b = s.claim(s.d1);
		const agreed = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'auto',
			proposal: {
				downPaymentMinor: 0,
				installmentCount: 3,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			}
		});
		const before = db.select().from(installments).where(eq(installments.planId, agreed.id)).all();
		const strict: CreditorRules = {
			...defaultRules(),
			graceDays: 3,
			bands: defaultRules().bands.map((x) => ({
				...x,
				autoApproveMaxInstallments: 1,
				maxInstallments: Math.min(x.maxInstallments, 2)
			}))
		};
		saveRules(db, s.creditorUser, { rules: strict });
		const after = db.select().from(plans).where(eq(plans.id, agreed.id)).get()!;
		expect(JSON.parse(after.rulesJson)).toEqual(defaultRules());
		expect(db.select().from(installments).where(eq(installments.planId, agreed.id)).all()).toEqual(
			before
		);
		expect(planPage(db, s.debtor1, a).rules.graceDays).toBe(15);
		// a new proposal meets the new rules
		expect(planPage(db, s.debtor1, b).rules.graceDays).toBe(3);
		expect(() =>
			proposePlan(db, s.debtor1, {
				claimId: b,
				mode: 'auto',
				proposal: {
					downPaymentMinor: 0,
					installmentCount: 3,
					frequency: 'monthly',
					firstDueDate: '2026-03-31'
				}
			})
		).toThrow(ValidationError);
	});
});

describe('paying a plan', () => {
	let db: DB;
	let clk: ManualClock;
	beforeEach(() => {
		({ db, clock: clk } = testDb());
	});

	it('payments settle installments oldest first; paying ahead settles later ones; the last payment completes the plan and settles the claim', async () => {
		const s = setup(db);
		const a = s.claim(s.d1);
		const plan = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'auto',
			proposal: {
				downPaymentMinor: 3_000_000,
				installmentCount: 3,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			}
		});
		let lim = planPaymentLimits(db, s.debtor1, { claimId: a });
		expect(lim).toMatchObject({
			planId: plan.id,
			nextMinor: 3_000_000,
			nextPurpose: 'down_payment',
			remainingMinor: 30_000_000
		});
		await pay(db, s.debtor1, a, lim.nextMinor, plan.id);
		// pay ahead: 12 000 000 settles installment 1 (9 000 000) and 3 000 000 of installment 2
		clk.advanceDays(3);
		await pay(db, s.debtor1, a, 12_000_000, plan.id);
		const rows = () =>
			db
				.select()
				.from(installments)
				.where(eq(installments.planId, plan.id))
				.orderBy(installments.seq)
				.all();
		expect(rows().map((r) => [r.seq, r.status, r.paidMinor, r.paidOnTime])).toEqual([
			[0, 'paid', 3_000_000, true],
			[1, 'paid', 9_000_000, true],
			[2, 'due', 3_000_000, null],
			[3, 'due', 0, null]
		]);
		lim = planPaymentLimits(db, s.debtor1, { claimId: a });
		expect(lim).toMatchObject({
			nextMinor: 6_000_000,
			remainingMinor: 15_000_000,
			nextPurpose: 'installment'
		});
		expect(status(db, a)).toBe('in_plan');
		clk.advanceDays(60);
		await pay(db, s.debtor1, a, 15_000_000, plan.id);
		expect(rows().every((r) => r.status === 'paid')).toBe(true);
		expect(rows()[3].paidOnTime).toBe(true);
		expect(db.select({ s: plans.status }).from(plans).where(eq(plans.id, plan.id)).get()!.s).toBe(
			'completed'
		);
		expect(status(db, a)).toBe('paid');
		expect(
			db.select({ b: claims.balanceMinor }).from(claims).where(eq(claims.id, a)).get()!.b
		).toBe(0);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('a refund of installment money makes those installments owed again, the latest settled first', async () => {
		const s = setup(db);
		const a = s.claim(s.d1);
		const plan = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'auto',
			proposal: {
				downPaymentMinor: 3_000_000,
				installmentCount: 3,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			}
		});
		await pay(db, s.debtor1, a, 3_000_000, plan.id);
		await pay(db, s.debtor1, a, 12_000_000, plan.id);
		const paymentId = db.$client.prepare('SELECT max(id) FROM payments').pluck().get() as number;
		const rows = () =>
			db
				.select()
				.from(installments)
				.where(eq(installments.planId, plan.id))
				.orderBy(installments.seq)
				.all()
				.map((r) => [r.seq, r.status, r.paidMinor]);
		// 4 000 000 back: the 3 000 000 on installment 2, then 1 000 000 of installment 1
		await refundPayment(
			db,
			s.operator,
			{ paymentId, amountMinor: 4_000_000, reason: 'kétszer terhelték' },
			new DemoGateway()
		);
		expect(rows()).toEqual([
			[0, 'paid', 3_000_000],
			[1, 'due', 8_000_000],
			[2, 'due', 0],
			[3, 'due', 0]
		]);
		const lim = planPaymentLimits(db, s.debtor1, { claimId: a });
		expect(lim).toMatchObject({ nextMinor: 1_000_000, remainingMinor: 19_000_000 });
		expect(
			db.select({ b: claims.balanceMinor }).from(claims).where(eq(claims.id, a)).get()!.b
		).toBe(19_000_000);
		expect(
			db.$client
				.prepare("SELECT count(*) FROM audit_log WHERE action = 'plan.refund_unapplied'")
				.pluck()
				.get()
		).toBe(1);
		// the provider then reports that refund failed: the money is back on the installments, as paid when it first came
		const refundId = db.$client.prepare('SELECT max(id) FROM refunds').pluck().get() as number;
		const ev = {
			provider: 'stripe' as const,
			eventId: 'evt_rf',
			type: 'refund.failed',
			refundId,
			paymentId,
			providerRef: `demo_re_${refundId}`,
			providerPaymentRef: null,
			outcome: 'failed' as const
		};
		expect(refundOutcome(db, ev).outcome).toBe('reversed');
		expect(rows()).toEqual([
			[0, 'paid', 3_000_000],
			[1, 'paid', 9_000_000],
			[2, 'due', 3_000_000],
			[3, 'due', 0]
		]);
		expect(
			db.$client
				.prepare('SELECT plan_applied_minor FROM payments WHERE id=?')
				.pluck()
				.get(paymentId)
		).toBe(12_000_000);
	});

	it('a refund of a payment made before the plan takes nothing off it; a refund of the payment that completed the plan reopens it', async () => {
		const s = setup(db);
		const a = s.claim(s.d1);
		const gw = new DemoGateway();
		// a part payment before any plan
		const { paymentId: early } = await startPayment(
			db,
			s.debtor1,
			{ claimId: a, amountMinor: 3_000_000, purpose: 'partial' },
			gw
		);
		reconcile(db, demoEvent({ id: early, amountMinor: 3_000_000, currency: 'HUF' }, 'approve'));
		const plan = proposePlan(db, s.debtor1, {
			claimId: a,
			mode: 'auto',
			proposal: {
				downPaymentMinor: 3_000_000,
				installmentCount: 3,
				frequency: 'monthly',
				firstDueDate: '2026-03-31'
			}
		});
		await pay(db, s.debtor1, a, 3_000_000, plan.id);
		const rows = () =>
			db
				.select()
				.from(installments)
				.where(eq(installments.planId, plan.id))
				.orderBy(installments.seq)
				.all()
				.map((r) => [r.seq, r.status, r.paidMinor]);
		const before = rows();
		await refundPayment(
			db,
			s.operator,
			{ paymentId: early, amountMinor: 1_000_000, reason: 'téves terhelés' },
			gw
		);
		expect(rows()).toEqual(before);
		// pay the rest: the plan completes and the claim is settled
		const rest = planPaymentLimits(db, s.debtor1, { claimId: a }).remainingMinor;
		await pay(db, s.debtor1, a, rest, plan.id);
		const last = db.$client.prepare('SELECT max(id) FROM payments').pluck().get() as number;
		expect(db.select({ s: plans.status }).from(plans).where(eq(plans.id, plan.id)).get()!.s).toBe(
			'completed'
		);
		// that last payment refunded in part: the plan is active again and the claim back in it
		await refundPayment(
			db,
			s.operator,
			{ paymentId: last, amountMinor: 2_000_000, reason: 'kétszer terhelték' },
			gw
		);
		expect(db.select({ s: plans.status }).from(plans).where(eq(plans.id, plan.id)).get()!.s).toBe(
			'active'
		);
		expect(status(db, a)).toBe('in_plan');
		expect(planPaymentLimits(db, s.debtor1, { claimId: a }).remainingMinor).toBe(2_000_000);
		expect(
			db.$client
				.prepare("SELECT count(*) FROM audit_log WHERE action = 'plan.reopen'")
				.pluck()
				.get()
		).toBe(1);
	});
});
