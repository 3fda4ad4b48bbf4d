/**
 * A claim closed before it is paid (a dispute upheld, a recall) ends what was arranged on it: a
 * running or waiting plan and an open promise are cancelled with their holds, audited, and the
 * daily job no longer reminds of, or breaks, a plan of a closed claim. A dispute rejected puts a
 * claim with a running plan back into that plan, not into the reminder process.
 */
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { testDb } from '../helpers/db';
import { planWorld, terms, claimStatus } from '../helpers/plans-fixtures';
import { approvePlan, proposePlan } from '../../src/lib/server/services/plans';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { makePromise } from '../../src/lib/server/services/promises';
import { recallClaim } from '../../src/lib/server/services/recall';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { instantAt } from '../../src/lib/domain/clock';
import { claimWorld, OPERATOR } from '../helpers/portal-fixtures';
import { paidFor } from '../helpers/payment-fixtures';
import { refundPayment } from '../../src/lib/server/services/refunds';
import { refundFailed } from '../helpers/refund-fixtures';
import { statementFor } from '../../src/lib/server/services/ledger';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import { claimsForPage, myClaims } from '../../src/lib/server/services/portal';

function world() {
	const { db, clock } = testDb();
	const w = planWorld(db);
	const claimId = w.claim(w.d1);
	const one = (sql: string, ...a: unknown[]) =>
		db.$client
			.prepare(sql)
			.pluck()
			.get(...a);
	const openHolds = (kind: string) =>
		// a hold still running today (a promise's has its end date ahead)
		one(
			`SELECT count(*) FROM holds WHERE kind = ? AND coalesce(end_date > ?, 1)`,
			kind,
			'2026-03-02'
		);
	const runningPlan = () => {
		const plan = proposePlan(db, w.debtor1, { claimId, proposal: terms(4), mode: 'review' });
		approvePlan(db, w.operator, { planId: plan.id });
		return plan.id;
	};
	const dispute = (outcome: string) => {
		const d = openDispute(db, w.debtor1, { claimId, reason: 'wrong_amount', details: 'kétszer' });
		answerDispute(db, w.operator, { disputeId: d.id, outcome, answer: 'A döntés indoka.' });
	};
	return { db, clock, w, claimId, one, openHolds, runningPlan, dispute };
}

/** The debtor of a claimWorld() disputes its claim. */
const debtorDisputes = (db: DB, debtorId: number, claimId: number, reason: string) =>
	openDispute(db, { kind: 'debtor', debtorId }, { claimId, reason, details: 'Nem ennyi.' });

describe('closing a claim ends what was arranged on it', () => {
	it('a dispute upheld cancels the running plan and its hold; the daily job leaves it alone', () => {
		const { db, clock, w, claimId, one, openHolds, runningPlan, dispute } = world();
		const planId = runningPlan();
		expect(openHolds('plan')).toBe(1);
		dispute('upheld');
		expect(claimStatus(db, claimId)).toBe('closed');
		// the debtor still finds it on /my, told why it is closed (not that the creditor took it back)
		const [card] = claimsForPage('hu', myClaims(db, w.debtor1)).flatMap((g) => g.claims);
		expect(card).toMatchObject({ id: claimId, balanceMinor: 0 });
		expect(card.recalledNote).toMatch(/^Kifogását elfogadtuk/);
		expect(one('SELECT status FROM plans WHERE id = ?', planId)).toBe('cancelled');
		expect(one('SELECT ended_at IS NOT NULL FROM plans WHERE id = ?', planId)).toBe(1);
		expect(openHolds('plan')).toBe(0);
		const audited = one(
			"SELECT after_json FROM audit_log WHERE action = 'plan.cancel' AND entity_id = ?",
			String(planId)
		) as string;
		expect(JSON.parse(audited)).toEqual({
			status: 'cancelled',
			why: expect.stringMatching(/upheld/)
		});
		// past every instalment and the grace days: no reminder, no broken plan, the claim stays closed
		clock.set(instantAt('2026-09-01', 8));
		const r = runDailyJobs(db);
		expect(r).toMatchObject({ reminders: 0, broken: 0 });
		expect(claimStatus(db, claimId)).toBe('closed');
		expect(
			one("SELECT count(*) FROM outbox WHERE template LIKE 'plan_%' AND template <> 'plan_active'")
		).toBe(0);
		// notices not yet sent about it go nowhere; the answer itself is told
		expect(db.$client.prepare('SELECT template, status FROM outbox ORDER BY id').all()).toEqual([
			{ template: 'plan_active', status: 'cancelled' },
			{ template: 'dispute_answered', status: 'queued' }
		]);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('a recall while a dispute is open withdraws the dispute: it can no longer be answered', () => {
		const { db, w, claimId, one } = world();
		const d = openDispute(db, w.debtor1, { claimId, reason: 'wrong_amount', details: 'Sok.' });
		recallClaim(db, w.creditorUser, claimId, 'we settled it ourselves');
		expect(one('SELECT status FROM disputes WHERE id = ?', d.id)).toBe('withdrawn');
		// the operator is told why, in words
		expect(() =>
			answerDispute(db, w.operator, { disputeId: d.id, outcome: 'upheld', answer: 'A döntés.' })
		).toThrow(expect.objectContaining({ key: 'portal.dispute.ops.error.withdrawn' }));
		// the recalled claim keeps what it was owed (the creditor's), nothing written off
		expect(claimStatus(db, claimId)).toBe('closed');
		expect(one('SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(30_000_000);
		expect(one("SELECT count(*) FROM ledger_entries WHERE kind = 'write_off'")).toBe(0);
		expect(one("SELECT count(*) FROM holds WHERE kind = 'dispute' AND end_date IS NULL")).toBe(0);
	});

	it('a payment refunded after its dispute was upheld is written off too: the claim stays at nothing', async () => {
		const { db, debtorId, claimId } = claimWorld();
		const paymentId = await paidFor(db, debtorId, claimId, 1_000_000);
		const d = debtorDisputes(db, debtorId, claimId, 'not_mine');
		answerDispute(db, OPERATOR, { disputeId: d.id, outcome: 'upheld', answer: 'Igaza van.' });
		const balance = () =>
			db.$client.prepare('SELECT balance_minor FROM claims WHERE id = ?').pluck().get(claimId);
		expect(balance()).toBe(0);
		const r = await refundPayment(
			db,
			OPERATOR,
			{ paymentId, amountMinor: 1_000_000, reason: 'nem az övé a tartozás' },
			new DemoGateway()
		);
		expect(balance()).toBe(0);
		expect(claimStatus(db, claimId)).toBe('closed');
		const s = statementFor(db, claimId);
		expect(s.refunded.principal).toBe(1_000_000);
		expect(s.writtenOff.principal).toBe(5_000_000);
		// the refund fails after all: both its lines are taken back, still nothing owed
		refundFailed(db, r);
		expect(balance()).toBe(0);
		expect(statementFor(db, claimId).writtenOff.principal).toBe(4_000_000);
	});

	it('a dispute rejected puts a claim with a running plan back into its plan', () => {
		const { db, claimId, one, runningPlan, dispute } = world();
		const planId = runningPlan();
		expect(claimStatus(db, claimId)).toBe('in_plan');
		dispute('rejected');
		expect(claimStatus(db, claimId)).toBe('in_plan');
		expect(one('SELECT status FROM plans WHERE id = ?', planId)).toBe('active');
	});

	it('a dispute rejected on a claim paid in full meanwhile leaves it paid', async () => {
		const { db, debtorId, claimId } = claimWorld();
		const d = debtorDisputes(db, debtorId, claimId, 'wrong_amount');
		await paidFor(db, debtorId, claimId, 5_000_000, 'full');
		answerDispute(db, OPERATOR, {
			disputeId: d.id,
			outcome: 'rejected',
			answer: 'Az összeg helyes.'
		});
		expect(claimStatus(db, claimId)).toBe('paid');
	});

	it('a recall cancels a proposal waiting for an operator and an open promise, with their holds', () => {
		const { db, w, claimId, one, openHolds } = world();
		const promise = makePromise(db, w.debtor1, {
			claimId,
			promisedDate: '2026-03-20',
			amountMinor: 1_000_000
		});
		expect(openHolds('promise')).toBe(1);
		const claim2 = w.claim(w.d1);
		const proposal = proposePlan(db, w.debtor1, {
			claimId: claim2,
			proposal: terms(4),
			mode: 'review'
		});
		recallClaim(db, w.creditorUser, claimId, 'a debtor paid us');
		recallClaim(db, w.creditorUser, claim2, 'sold');
		expect(one('SELECT status FROM promises WHERE id = ?', promise.id)).toBe('cancelled');
		expect(openHolds('promise')).toBe(0);
		expect(one('SELECT status FROM plans WHERE id = ?', proposal.id)).toBe('cancelled');
		expect(
			one("SELECT count(*) FROM audit_log WHERE action IN ('plan.cancel', 'promise.cancel')")
		).toBe(2);
	});
});
