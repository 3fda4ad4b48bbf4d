/** Installment plans, the operators' review: queue, approve, reject, counter, and the debtor's answer. */
import { describe, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	auditLog,
	installmentRules,
	installments,
	outbox,
	plans
} from '../../src/lib/server/db/schema';
import { defaultRules } from '../../src/lib/domain/rules';
import { formatMoney } from '../../src/lib/domain/money';
import {
	acceptCounter,
	approvePlan,
	counterPlan,
	declineCounter,
	planPage,
	planForReview,
	planQueue,
	proposePlan,
	rejectPlan,
	withdrawProposal
} from '../../src/lib/server/services/plans';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import {
	ConflictError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { planTest, claimStatus as status, propose, terms } from '../helpers/plans-fixtures';
import { scalar } from '../helpers/db';
import { makePromise } from '../../src/lib/server/services/promises';

/** Ten weekly installments from Monday 9 March: outside the auto-approve limits. */
const weekly10 = terms(10, { frequency: 'weekly', firstDueDate: '2026-03-09' });

describe('operator review', () => {
	planTest(
		'review: a proposal outside the limits waits in the queue (oldest first) with its evaluation and budget; approve starts it',
		({ db, clk, s }) => {
			const a = s.claim(s.d1);
			const b = s.claim(s.d2);
			const first = proposePlan(db, s.debtor1, {
				claimId: a,
				mode: 'review',
				proposal: terms(8),
				budget: { incomeMinor: 40_000_000, costsMinor: 30_000_000 }
			});
			clk.advance(60_000);
			propose(db, s.debtor2, b, 'review', terms(4));
			expect(first.status).toBe('proposed');
			expect(status(db, a)).toBe('open');
			const q = planQueue(db, s.operator).rows;
			expect(q.map((p) => p.claimId)).toEqual([a, b]);
			expect(q[0].violations.map((v) => v.rule)).toEqual(['count_max']);
			expect(q[1].violations).toEqual([]);
			// counted, and a page past the end is the last one
			expect(planQueue(db, s.operator, { page: 3 })).toMatchObject({ total: 2, page: 1, pages: 1 });
			// a promise on the debtor's other claim is in the history with that claim's reference
			const other = s.claim(s.d1);
			makePromise(db, s.debtor1, {
				claimId: other,
				promisedDate: '2026-03-10',
				amountMinor: 1_000_000
			});
			const detail = planForReview(db, s.operator, first.id);
			expect(detail.history.promises).toMatchObject([
				{
					claimId: other,
					reference: scalar(db, 'SELECT reference FROM claims WHERE id = ?', other)
				}
			]);
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
		}
	);

	planTest(
		'a plan that starts replaces the open promise on its claim (else it would break while the plan is kept)',
		({ db, clk, s }) => {
			const a = s.claim(s.d1);
			const other = s.claim(s.d1);
			const promised = (claimId: number) =>
				makePromise(db, s.debtor1, { claimId, promisedDate: '2026-03-10', amountMinor: 1_000_000 });
			const onA = promised(a);
			const onOther = promised(other);
			const p = propose(db, s.debtor1, a, 'review', weekly10);
			// waiting for review, the promise still stands
			const statusOf = (id: number) =>
				db.$client.prepare('SELECT status FROM promises WHERE id = ?').pluck().get(id) as string;
			expect(statusOf(onA.id)).toBe('open');
			approvePlan(db, s.operator, { planId: p.id });
			expect(statusOf(onA.id)).toBe('cancelled');
			expect(statusOf(onOther.id)).toBe('open');
			const said = db.$client
				.prepare(
					"SELECT after_json FROM audit_log WHERE action = 'promise.cancel' AND entity_id = ?"
				)
				.pluck()
				.get(String(onA.id)) as string;
			expect(JSON.parse(said)).toEqual({ status: 'cancelled', replacedByPlan: p.id });
			// past the promised day the daily job breaks only the other claim's promise
			clk.advanceDays(10);
			runDailyJobs(db);
			expect([statusOf(onA.id), statusOf(onOther.id)]).toEqual(['cancelled', 'broken']);
		}
	);

	planTest(
		'reject with a reason the debtor sees; a new proposal is possible afterwards; the debtor can withdraw one',
		({ db, s }) => {
			const a = s.claim(s.d1);
			const p = propose(db, s.debtor1, a, 'review', terms(4));
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
			const again = propose(db, s.debtor1, a, 'review', terms(4));
			withdrawProposal(db, s.debtor1, { planId: again.id });
			expect(
				db.select({ s: plans.status }).from(plans).where(eq(plans.id, again.id)).get()!.s
			).toBe('cancelled');
			expect(planQueue(db, s.operator)).toMatchObject({ rows: [], total: 0 });
		}
	);

	planTest(
		'counter-offer accepted: the counter starts as the active plan; declined: the claim stays open',
		({ db, clk, s }) => {
			const a = s.claim(s.d1);
			const b = s.claim(s.d2);
			const pa = propose(db, s.debtor1, a, 'review', weekly10);
			const pb = propose(db, s.debtor2, b, 'review', weekly10);
			expect(() =>
				counterPlan(db, s.operator, {
					planId: pa.id,
					proposal: terms(4, { firstDueDate: '2026-02-01' })
				})
			).toThrow(ValidationError);
			const ca = counterPlan(db, s.operator, {
				planId: pa.id,
				proposal: terms(4, { downPaymentMinor: 2_000_000, firstDueDate: '2026-03-20' }),
				note: 'Havonta könnyebb.'
			});
			const cb = counterPlan(db, s.operator, {
				planId: pb.id,
				proposal: terms(4, { firstDueDate: '2026-03-20' })
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
		}
	);

	planTest(
		"a counter-offer keeps the creditor's rules: one that breaks them is refused next to its fields and nothing changes",
		({ db, clk, s }) => {
			// the creditor's rules (as Duna Bank's): at least 10% down, at most 24 installments, 730 days
			db.insert(installmentRules)
				.values({
					creditorId: s.creditorId,
					rulesJson: JSON.stringify({
						...defaultRules(),
						minDownPaymentBp: 1000,
						maxPlanDays: 730,
						bands: [
							{
								upToMinor: null,
								plansAllowed: true,
								maxInstallments: 24,
								minInstallmentMinor: 500_000,
								minInstallmentShareBp: 0,
								autoApproveMaxInstallments: 6
							}
						]
					}),
					updatedAt: clk.now()
				})
				.run();
			const a = s.claim(s.d1);
			const pa = propose(db, s.debtor1, a, 'review', terms(12, { downPaymentMinor: 3_000_000 }));
			expect(planQueue(db, s.operator).rows[0].violations).toEqual([]);
			const audits = () => db.select().from(auditLog).all().length;
			const before = audits();
			// 10 Ft down, 50 monthly installments (to 2030): the same check the review page shows
			let refused: unknown;
			try {
				counterPlan(db, s.operator, {
					planId: pa.id,
					proposal: terms(50, { downPaymentMinor: 1_000 }),
					note: 'Havi kis összeg.'
				});
			} catch (e) {
				refused = e;
			}
			expect(refused).toBeInstanceOf(ValidationError);
			expect((refused as ValidationError).fields).toEqual({
				downPaymentMinor: {
					key: 'plans.rule.downMin',
					params: { min: formatMoney(3_000_000, 'HUF', 'hu') }
				},
				installmentCount: { key: 'plans.rule.countMax', params: { max: 24 } }
			});
			// nothing changed: the proposal still waits, no counter-offer, no notice, no audit entry
			expect(db.select().from(plans).all()).toEqual([
				expect.objectContaining({ id: pa.id, status: 'proposed' })
			]);
			expect(
				db
					.select()
					.from(outbox)
					.all()
					.map((m) => m.template)
			).not.toContain('plan_countered');
			expect(audits()).toBe(before);
			// a first due date later than the rules allow: refused next to that field
			expect(() =>
				counterPlan(db, s.operator, {
					planId: pa.id,
					proposal: terms(20, { downPaymentMinor: 3_000_000, firstDueDate: '2026-05-15' })
				})
			).toThrow(
				expect.objectContaining({
					fields: { firstDueDate: expect.objectContaining({ key: 'plans.rule.firstLatest' }) }
				})
			);
			// inside the rules: countered as before, audited with nothing broken
			const ca = counterPlan(db, s.operator, {
				planId: pa.id,
				proposal: terms(20, { downPaymentMinor: 3_000_000 }),
				note: 'Húsz hónap.'
			});
			expect(ca).toMatchObject({ status: 'countered', counterOfId: pa.id, installmentCount: 20 });
			const counterAudit = db
				.select({ after: auditLog.afterJson })
				.from(auditLog)
				.where(eq(auditLog.action, 'plan.counter'))
				.get()!;
			expect(JSON.parse(counterAudit.after!)).toMatchObject({ counterPlanId: ca.id, broken: [] });
		}
	);

	planTest(
		'a counter-offer not accepted by its first due date lapses in the daily job; the debtor is told and can propose again',
		({ db, clk, s }) => {
			const a = s.claim(s.d1);
			const pa = propose(db, s.debtor1, a, 'review', weekly10);
			const ca = counterPlan(db, s.operator, {
				planId: pa.id,
				proposal: terms(4, { firstDueDate: '2026-03-20' })
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
			const again = propose(db, s.debtor1, a, 'auto', terms(3, { firstDueDate: '2026-04-01' }));
			expect(again.status).toBe('active');
			expect(verifyAuditChain(db).ok).toBe(true);
		}
	);
});
