/** Refunds by operators: the overpayment first (no ledger effect), then the allocation reversed. */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, manualClock } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import { paymentsForOps, refundPayment, refundTasksForOps } from '../../src/lib/server/services/refunds';
import { statementFor } from '../../src/lib/server/services/ledger';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/lib/server/services/errors';
import type { PaymentGateway } from '../../src/lib/server/payments/gateway';

const gw = new DemoGateway();

describe('refunds', () => {
	let db: DB;
	let debtorId: number;
	let claimId: number;
	const op = { kind: 'operator' as const, userId: 1 };
	beforeEach(() => {
		manualClock('2026-03-02', 10);
		db = freshDb();
		debtorId = makeDebtor(db);
		claimId = makeClaim(db, makeCreditor(db), debtorId, { principal: 1_000_000, interest: 100_000, cost: 50_000 });
		db.$client.prepare("INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)").run();
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });
	async function paid(amountMinor: number, purpose: 'full' | 'partial' = 'partial') {
		const { paymentId } = await startPayment(db, me(), { claimId, amountMinor, purpose }, gw);
		reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, 'approve'));
		return paymentId;
	}

	it('refunding an overpayment closes the task and leaves the ledger alone (C11)', async () => {
		// two payments started while the whole balance was open: the second one overpays
		const a = await startPayment(db, me(), { claimId, amountMinor: 1_150_000, purpose: 'full' }, gw);
		const b = await startPayment(db, me(), { claimId, amountMinor: 700_000, purpose: 'partial' }, gw);
		reconcile(db, demoEvent({ id: a.paymentId, amountMinor: 1_150_000, currency: 'HUF' }, 'approve'));
		reconcile(db, demoEvent({ id: b.paymentId, amountMinor: 700_000, currency: 'HUF' }, 'approve'));
		const over = b.paymentId;
		const [task] = refundTasksForOps(db, op);
		expect(task).toMatchObject({ paymentId: over, amountMinor: 700_000, dueDate: '2026-03-07' });
		await refundPayment(db, op, { paymentId: over, amountMinor: 700_000, reason: 'túlfizetés', refundTaskId: task.id }, gw);
		expect(refundTasksForOps(db, op)).toHaveLength(0);
		expect(statementFor(db, claimId).refunded).toEqual({ principal: 0, interest: 0, fee: 0, cost: 0 });
		expect(db.$client.prepare('SELECT balance_minor, status FROM claims WHERE id=?').get(claimId)).toEqual({ balance_minor: 0, status: 'paid' });
		expect(db.$client.prepare('SELECT refunded_minor FROM payments WHERE id=?').pluck().get(over)).toBe(700_000);
	});

	it('a refund beyond the overpayment reverses principal first and re-opens the claim', async () => {
		const p = await paid(1_150_000, 'full');
		await refundPayment(db, op, { paymentId: p, amountMinor: 1_050_000, reason: 'téves terhelés' }, gw);
		expect(statementFor(db, claimId).refunded).toEqual({ principal: 1_000_000, interest: 50_000, fee: 0, cost: 0 });
		expect(db.$client.prepare('SELECT balance_minor, collected_minor, status FROM claims WHERE id=?').get(claimId)).toEqual({ balance_minor: 1_050_000, collected_minor: 100_000, status: 'open' });
		const e = await refundPayment(db, op, { paymentId: p, amountMinor: 200_000, reason: 'még egyszer' }, gw).catch((x) => x);
		expect((e as ValidationError).fields.amount.key).toBe('payments.refund.error.tooMuch');
		await refundPayment(db, op, { paymentId: p, amountMinor: 100_000, reason: 'maradék' }, gw);
		expect(statementFor(db, claimId).refunded).toEqual({ principal: 1_000_000, interest: 100_000, fee: 0, cost: 50_000 });
		expect(db.$client.prepare('SELECT balance_minor, collected_minor FROM claims WHERE id=?').get(claimId)).toEqual({ balance_minor: 1_150_000, collected_minor: 0 });
	});

	it('needs a reason and an operator; a gateway refusal books nothing', async () => {
		const p = await paid(500_000);
		const e = await refundPayment(db, op, { paymentId: p, amountMinor: 100_000, reason: ' ' }, gw).catch((x) => x);
		expect((e as ValidationError).fields.reason.key).toBe('payments.refund.error.reason');
		await expect(refundPayment(db, me(), { paymentId: p, amountMinor: 100_000, reason: 'saját' }, gw)).rejects.toBeInstanceOf(ForbiddenError);
		const refusing: PaymentGateway = { name: 'demo', createHostedPage: gw.createHostedPage, refund: async () => ({ providerRef: 're_x', status: 'failed' }) };
		await expect(refundPayment(db, op, { paymentId: p, amountMinor: 100_000, reason: 'elutasítva' }, refusing)).rejects.toBeInstanceOf(ConflictError);
		expect(db.$client.prepare("SELECT status FROM refunds").pluck().all()).toEqual(['failed']);
		expect(statementFor(db, claimId).refunded.principal + statementFor(db, claimId).refunded.interest).toBe(0);
		expect(paymentsForOps(db, op)[0]).toMatchObject({ id: p, refundedMinor: 0, status: 'succeeded' });
	});
});
