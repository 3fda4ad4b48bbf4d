/** Installment plans being paid: installments settle, the plan completes, breaks, and refunds undo. */
import { describe, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { claims } from '../../src/lib/server/db/schema';
import { planPaymentLimits } from '../../src/lib/server/services/plans';
import { startPayment } from '../../src/lib/server/services/payments';
import { refundOutcome } from '../../src/lib/server/services/refunds';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import {
	planTest,
	claimStatus as status,
	payInstallment as pay,
	installmentsOf,
	installmentsPaid,
	planStatus,
	agreedPlan
} from '../helpers/plans-fixtures';
import { scalar } from '../helpers/db';
import { demoAnswer } from '../helpers/payment-fixtures';
import { breakPlan } from '../../src/lib/server/services/plan-lifecycle';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { writeTx } from '../../src/lib/server/services/tx';
import { clock } from '../../src/lib/server/clock';
import { localDate } from '../../src/lib/domain/clock';

describe('paying a plan', () => {
	planTest(
		'payments settle installments oldest first; paying ahead settles later ones; the last payment completes the plan and settles the claim',
		async ({ db, clk, s }) => {
			const a = s.claim(s.d1);
			const plan = agreedPlan(db, s.debtor1, a);
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
			const rows = () => installmentsOf(db, plan.id);
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
			expect(planStatus(db, plan.id)).toBe('completed');
			expect(status(db, a)).toBe('paid');
			expect(
				db.select({ b: claims.balanceMinor }).from(claims).where(eq(claims.id, a)).get()!.b
			).toBe(0);
			expect(verifyAuditChain(db).ok).toBe(true);
		}
	);

	planTest(
		'a refund of installment money makes those installments owed again, the latest settled first',
		async ({ db, s }) => {
			const a = s.claim(s.d1);
			const plan = agreedPlan(db, s.debtor1, a);
			await pay(db, s.debtor1, a, 3_000_000, plan.id);
			const paymentId = await pay(db, s.debtor1, a, 12_000_000, plan.id);
			const rows = () => installmentsPaid(db, plan.id);
			// 4 000 000 back: the 3 000 000 on installment 2, then 1 000 000 of installment 1
			await s.refund(paymentId, 4_000_000, 'kétszer terhelték');
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
				scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'plan.refund_unapplied'")
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
		}
	);

	planTest(
		'a refund of a payment made before the plan takes nothing off it; a refund of the payment that completed the plan reopens it',
		async ({ db, s }) => {
			const a = s.claim(s.d1);
			const gw = new DemoGateway();
			// a part payment before any plan
			const { paymentId: early } = await startPayment(
				db,
				s.debtor1,
				{ claimId: a, amountMinor: 3_000_000, purpose: 'partial' },
				gw
			);
			demoAnswer(db, early, 3_000_000, 'approve');
			const plan = agreedPlan(db, s.debtor1, a);
			await pay(db, s.debtor1, a, 3_000_000, plan.id);
			const before = installmentsPaid(db, plan.id);
			await s.refund(early, 1_000_000, 'téves terhelés', gw);
			expect(installmentsPaid(db, plan.id)).toEqual(before);
			// pay the rest: the plan completes and the claim is settled
			const rest = planPaymentLimits(db, s.debtor1, { claimId: a }).remainingMinor;
			const last = await pay(db, s.debtor1, a, rest, plan.id);
			expect(planStatus(db, plan.id)).toBe('completed');
			// that last payment refunded in part: the plan is active again and the claim back in it
			await s.refund(last, 2_000_000, 'kétszer terhelték', gw);
			expect(planStatus(db, plan.id)).toBe('active');
			expect(status(db, a)).toBe('in_plan');
			expect(planPaymentLimits(db, s.debtor1, { claimId: a }).remainingMinor).toBe(2_000_000);
			expect(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'plan.reopen'")).toBe(1);
		}
	);

	planTest(
		"a refund of a broken plan's payment takes nothing off the plan that replaced it",
		async ({ db, s }) => {
			const a = s.claim(s.d1);
			const planA = agreedPlan(db, s.debtor1, a);
			const early = await pay(db, s.debtor1, a, 3_000_000, planA.id);
			const now = clock().now();
			writeTx(db, () => breakPlan(db, s.operator, planA, localDate(now), now, []));
			const planB = agreedPlan(db, s.debtor1, a);
			await pay(db, s.debtor1, a, 3_000_000, planB.id);
			const before = installmentsPaid(db, planB.id);
			await s.refund(early, 3_000_000, 'téves befizetés');
			// plan B's instalments are as they were; the money is owed again on the claim
			expect(installmentsPaid(db, planB.id)).toEqual(before);
			expect(
				scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'plan.refund_unapplied'")
			).toBe(0);
		}
	);

	planTest(
		'a dispute corrected during a plan takes the amount off its last instalments; paying them settles the claim',
		async ({ db, clk, s }) => {
			const a = s.claim(s.d1);
			const plan = agreedPlan(db, s.debtor1, a);
			await pay(db, s.debtor1, a, 3_000_000, plan.id);
			const amounts = () => installmentsOf(db, plan.id).map((r) => r.amountMinor);
			const before = amounts();
			const d = openDispute(db, s.debtor1, { claimId: a, reason: 'wrong_amount', details: 'Sok.' });
			answerDispute(db, s.operator, {
				disputeId: d.id,
				outcome: 'corrected',
				answer: 'Részben jogos, javítottuk.',
				writeOff: { principal: 5_000_000 }
			});
			expect(status(db, a)).toBe('in_plan');
			const balance = () =>
				db.$client.prepare('SELECT balance_minor FROM claims WHERE id = ?').pluck().get(a);
			const owedOnPlan = () =>
				installmentsOf(db, plan.id).reduce((x, r) => x + r.amountMinor - r.paidMinor, 0);
			// the schedule asks for what is owed, no more; 50 000 Ft came off the last instalments
			expect(owedOnPlan()).toBe(balance());
			expect(before.reduce((x, y) => x + y, 0) - amounts().reduce((x, y) => x + y, 0)).toBe(
				5_000_000
			);
			expect(amounts().slice(0, -2)).toEqual(before.slice(0, -2));
			// paid as scheduled: the plan completes and the claim is paid, never broken
			while (owedOnPlan() > 0) {
				clk.advanceDays(30);
				const lim = planPaymentLimits(db, s.debtor1, { claimId: a });
				await pay(db, s.debtor1, a, lim.nextMinor, plan.id);
			}
			expect(balance()).toBe(0);
			expect(planStatus(db, plan.id)).toBe('completed');
			expect(status(db, a)).toBe('paid');
			expect(verifyAuditChain(db).ok).toBe(true);
		}
	);
});
