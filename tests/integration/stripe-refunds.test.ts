/**
 * Refunds through the Stripe gateway (real `stripe` client, local Stripe-shaped server): booked,
 * pending, failed later, refused, or unknown to us.
 */
import { addOperator } from '../helpers/portal-fixtures';
import { describe, expect, it } from 'vitest';
import type { PaymentGateway } from '../../src/lib/server/payments/gateway';
import { refundPayment, retryRefund } from '../../src/lib/server/services/refunds';
import { ConflictError } from '../../src/lib/server/services/errors';
import { statementFor } from '../../src/lib/server/services/ledger';
import { count, deliver, fake, gw, signedEvent, useStripeWorld } from '../helpers/stripe-fixtures';
import { NOTHING_REFUNDED } from '../helpers/refund-fixtures';

describe('Stripe refunds', () => {
	const w = useStripeWorld();
	/** A full payment settled by Stripe's signed webhook, and an operator (id 1) to refund it. */
	async function paidWithOperator() {
		const { paymentId, sessionId } = await w.pay();
		deliver(w.db, 'checkout.session.completed', fake.pay(sessionId));
		addOperator(w.db);
		return { paymentId, op: { kind: 'operator' as const, userId: 1 } };
	}

	it('refunds through Stripe and reverses the allocation on the ledger', async () => {
		const { paymentId, op } = await paidWithOperator();
		const r = await refundPayment(
			w.db,
			op,
			{ paymentId, amountMinor: 10_100_000, reason: 'kétszer fizetett' },
			gw
		);
		expect(r.status).toBe('succeeded');
		expect(fake.refunds.at(-1)).toMatchObject({
			amount: 10_100_000,
			idempotencyKey: `refund-${r.id}-${r.createdAt}`
		});
		const s = statementFor(w.db, w.claimId);
		// reversed principal first: all 100 000 Ft of principal and 1 000 Ft of interest come back
		expect(s.refunded).toEqual({ principal: 10_000_000, interest: 100_000, fee: 0, cost: 0 });
		const claim = w.db.$client
			.prepare('SELECT status, balance_minor, collected_minor FROM claims WHERE id=?')
			.get(w.claimId);
		expect(claim).toEqual({ status: 'open', balance_minor: 10_100_000, collected_minor: 600_000 });
	});

	it("a refund whose answer is lost stays pending; Stripe's refund.created books it once, and sending it again refunds nothing twice", async () => {
		const { paymentId, op } = await paidWithOperator();
		const made = fake.refunds.length;
		fake.dropRefundAnswers = true;
		try {
			const e = await refundPayment(
				w.db,
				op,
				{ paymentId, amountMinor: 300_000, reason: 'téves terhelés' },
				gw
			).catch((x) => x);
			expect((e as ConflictError).key).toBe('payments.refund.error.noAnswer');
		} finally {
			fake.dropRefundAnswers = false;
		}
		// Stripe made it (every retry carried the same key: one refund)
		expect(fake.refunds).toHaveLength(made + 1);
		const refundId = Number(fake.refunds[made].metadata.refund_id);
		expect(
			w.db.$client.prepare('SELECT status FROM refunds WHERE id=?').pluck().get(refundId)
		).toBe('pending');
		expect(count(w.db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(0);
		const created = signedEvent(
			'refund.created',
			fake.refundObject(fake.refunds[made].id, 'succeeded')
		);
		for (let i = 0; i < 3; i++) w.receive(created.body, created.sig);
		expect(
			w.db.$client.prepare('SELECT status FROM refunds WHERE id=?').pluck().get(refundId)
		).toBe('succeeded');
		expect(count(w.db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(300_000);
		expect(
			count(w.db, 'SELECT count(*) FROM ledger_entries WHERE refund_id=?', refundId)
		).toBeGreaterThan(0);
		await expect(retryRefund(w.db, op, refundId, gw)).rejects.toBeInstanceOf(ConflictError);
		expect(fake.refunds).toHaveLength(made + 1);
	});

	it('a refund Stripe accepts as pending is booked; when it later fails, the booking is taken back once and a refund task opens', async () => {
		const { paymentId, op } = await paidWithOperator();
		const before = statementFor(w.db, w.claimId);
		fake.refundStatus = 'pending';
		try {
			const r = await refundPayment(
				w.db,
				op,
				{ paymentId, amountMinor: 300_000, reason: 'téves terhelés' },
				gw
			);
			expect(r.status).toBe('succeeded');
			expect(
				w.db.$client.prepare('SELECT status, balance_minor FROM claims WHERE id=?').get(w.claimId)
			).toEqual({ status: 'open', balance_minor: 300_000 });
			const providerRef = fake.refunds.at(-1)!.id;
			expect(fake.refunds.at(-1)!.metadata).toEqual({
				payment_id: String(paymentId),
				refund_id: String(r.id)
			});

			// a refund that succeeds later changes nothing (it is booked already)
			expect(
				deliver(w.db, 'refund.updated', fake.refundObject(providerRef, 'succeeded')).body.outcome
			).toBe('already_final');

			// the bank sends the money back to Stripe: refund.failed, delivered three times
			const failed = signedEvent('refund.failed', fake.refundObject(providerRef, 'failed'));
			expect(w.receive(failed.body, failed.sig)).toEqual({
				status: 200,
				body: { received: true, outcome: 'reversed' }
			});
			for (let i = 0; i < 2; i++)
				expect(w.receive(failed.body, failed.sig).body.outcome).toBe('duplicate');
			// a forged one is refused and changes nothing
			const forged = signedEvent(
				'refund.failed',
				fake.refundObject(providerRef, 'failed'),
				'whsec_wrong'
			);
			expect(w.receive(forged.body, forged.sig).status).toBe(400);

			// the debt is as before the refund, to the minor unit, and the claim is settled again
			const after = statementFor(w.db, w.claimId);
			expect(after.refunded).toEqual({ principal: 0, interest: 0, fee: 0, cost: 0 });
			expect(after.balance).toEqual(before.balance);
			expect(
				w.db.$client
					.prepare('SELECT status, balance_minor, collected_minor FROM claims WHERE id=?')
					.get(w.claimId)
			).toEqual({ status: 'paid', balance_minor: 0, collected_minor: 10_700_000 });
			expect(count(w.db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(0);
			expect(w.db.$client.prepare('SELECT status FROM refunds WHERE id=?').pluck().get(r.id)).toBe(
				'failed'
			);
			// the reversing entries name the ones they reverse
			expect(
				count(
					w.db,
					'SELECT count(*) FROM ledger_entries WHERE refund_id=? AND amount_minor < 0 AND reverses_id IN (SELECT id FROM ledger_entries WHERE refund_id=? AND amount_minor > 0)',
					r.id,
					r.id
				)
			).toBe(
				count(
					w.db,
					'SELECT count(*) FROM ledger_entries WHERE refund_id=? AND amount_minor > 0',
					r.id
				)
			);
			// the money still has to go back: an open refund task with the C11 deadline (5 days)
			expect(
				w.db.$client
					.prepare(
						"SELECT amount_minor, due_date FROM refund_tasks WHERE payment_id=? AND status='open'"
					)
					.all(paymentId)
			).toEqual([{ amount_minor: 300_000, due_date: '2026-03-07' }]);
			expect(
				count(
					w.db,
					"SELECT count(*) FROM audit_log WHERE action='refund.failed' AND entity_id=?",
					String(r.id)
				)
			).toBe(1);
			// the operator can refund again: the retry is computed from the ledger as it is now
			fake.refundStatus = 'succeeded';
			await refundPayment(w.db, op, { paymentId, amountMinor: 300_000, reason: 'újra' }, gw);
			expect(statementFor(w.db, w.claimId).refunded).toEqual({
				...NOTHING_REFUNDED,
				principal: 300_000
			});
		} finally {
			fake.refundStatus = 'succeeded';
		}
	});

	it("a failure that overtakes Stripe's answer to the refund request is not booked", async () => {
		const { paymentId, op } = await paidWithOperator();
		// the answer to our request arrives only after Stripe's webhook about the same refund
		const racing: PaymentGateway = {
			name: 'stripe',
			createHostedPage: (req) => gw.createHostedPage(req),
			async refund(req) {
				const res = await gw.refund(req);
				const { outcome } = deliver(
					w.db,
					'refund.failed',
					fake.refundObject(res.providerRef, 'failed')
				).body;
				expect(outcome).toBe('failed');
				return res;
			}
		};
		fake.refundStatus = 'pending';
		try {
			await expect(
				refundPayment(
					w.db,
					op,
					{ paymentId, amountMinor: 300_000, reason: 'téves terhelés' },
					racing
				)
			).rejects.toMatchObject({ key: 'payments.refund.error.gateway' });
		} finally {
			fake.refundStatus = 'succeeded';
		}
		expect(statementFor(w.db, w.claimId).refunded).toEqual(NOTHING_REFUNDED);
		expect(
			w.db.$client.prepare('SELECT status, balance_minor FROM claims WHERE id=?').get(w.claimId)
		).toEqual({ status: 'paid', balance_minor: 0 });
		expect(count(w.db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(0);
		expect(w.db.$client.prepare('SELECT status, provider_ref FROM refunds').all()).toEqual([
			{ status: 'failed', provider_ref: fake.refunds.at(-1)!.id }
		]);
	});

	it('a refund Stripe refuses outright (4xx) fails at once instead of waiting for an answer', async () => {
		const { paymentId } = await paidWithOperator();
		// a PaymentIntent Stripe does not know: it answers 400 "No such payment_intent"
		w.db.$client
			.prepare("UPDATE payments SET provider_payment_ref = 'pi_unknown' WHERE id = ?")
			.run(paymentId);
		const e = await refundPayment(
			w.db,
			{ kind: 'operator', userId: 1 },
			{ paymentId, amountMinor: 100_000, reason: 'téves terhelés' },
			gw
		).catch((x) => x);
		expect((e as ConflictError).key).toBe('payments.refund.error.gateway');
		expect(
			w.db.$client.prepare('SELECT status FROM refunds WHERE payment_id = ?').pluck().all(paymentId)
		).toEqual(['failed']);
		expect(count(w.db, 'SELECT refunded_minor FROM payments WHERE id=?', paymentId)).toBe(0);
	});

	it('a refund event for a refund we did not make is recorded and ignored', async () => {
		expect(
			deliver(w.db, 'refund.failed', {
				id: 're_elsewhere',
				object: 'refund',
				amount: 100,
				status: 'failed',
				metadata: { refund_id: '999', payment_id: '999' }
			}).body.outcome
		).toBe('unknown_refund');
		expect(
			deliver(w.db, 'refund.failed', {
				id: 're_no_meta',
				object: 'refund',
				amount: 100,
				status: 'failed',
				metadata: {}
			}).body
		).toEqual({
			received: true,
			handled: false
		});
		expect(count(w.db, 'SELECT count(*) FROM ledger_entries WHERE refund_id IS NOT NULL')).toBe(0);
	});
});
