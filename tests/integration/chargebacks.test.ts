/**
 * Chargebacks through Stripe's signed `charge.dispute.*` webhooks (real `stripe` client signing,
 * our handler, a real SQLite file): opened, lost (booked back as a refund, once), won, and a
 * dispute of a payment that is not ours.
 */
import { describe, expect, it } from 'vitest';
import { addOperator, OPERATOR } from '../helpers/portal-fixtures';
import { refundPayment } from '../../src/lib/server/services/refunds';
import { chargebacksForOps } from '../../src/lib/server/services/chargebacks';
import { queueCounts } from '../../src/lib/server/services/ops-home';
import { statementFor } from '../../src/lib/server/services/ledger';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import {
	CHARGES,
	count,
	deliver,
	fake,
	FULL,
	gw,
	signedEvent,
	useStripeWorld
} from '../helpers/stripe-fixtures';

/** A Stripe dispute object of the payment intent `pi`, as the dispute events carry it. */
function dispute(pi: string, amount: number, status: string, id = 'du_test_1') {
	return {
		id,
		object: 'dispute',
		amount,
		currency: 'huf',
		charge: 'ch_test_1',
		payment_intent: pi,
		reason: 'fraudulent',
		status,
		evidence_details: { due_by: 1_775_000_000, has_evidence: false, past_due: false }
	};
}

describe('card chargebacks', () => {
	const w = useStripeWorld();
	/** A full card payment settled by Stripe's signed webhook; its payment intent. */
	async function paid() {
		const { paymentId, sessionId } = await w.pay();
		const session = fake.pay(sessionId);
		deliver(w.db, 'checkout.session.completed', session);
		return { paymentId, pi: session.payment_intent as string };
	}
	const claim = () =>
		w.db.$client
			.prepare('SELECT status, balance_minor, collected_minor FROM claims WHERE id=?')
			.get(w.claimId);

	it('an opened chargeback leaves the payment standing and waits for operators with its evidence deadline; lost, it is booked back once and the debt is owed again', async () => {
		const { paymentId, pi } = await paid();
		expect(claim()).toEqual({ status: 'paid', balance_minor: 0, collected_minor: FULL });

		const opened = signedEvent('charge.dispute.created', dispute(pi, FULL, 'needs_response'));
		expect(w.receive(opened.body, opened.sig).body).toEqual({ received: true, outcome: 'opened' });
		// Stripe delivers an event again when our answer was lost: nothing happens twice
		expect(w.receive(opened.body, opened.sig).body.outcome).toBe('duplicate');
		expect(claim()).toEqual({ status: 'paid', balance_minor: 0, collected_minor: FULL });
		addOperator(w.db);
		expect(chargebacksForOps(w.db, OPERATOR)).toEqual([
			expect.objectContaining({
				paymentId,
				claimId: w.claimId,
				amountMinor: FULL,
				currency: 'HUF',
				status: 'open',
				reason: 'fraudulent',
				evidenceDueBy: 1_775_000_000_000
			})
		]);

		// on the operators' home as a queue of its own, late once the deadline has passed
		const queue = () => queueCounts(w.db, OPERATOR).find((q) => q.key === 'chargebacks');
		expect(queue()).toMatchObject({ count: 1, overdue: 0 });
		w.clock.set(1_775_000_000_001);
		expect(queue()).toMatchObject({ count: 1, overdue: 1 });

		const lost = deliver(w.db, 'charge.dispute.closed', dispute(pi, FULL, 'lost'));
		expect(lost.body.outcome).toBe('lost');
		expect(claim()).toEqual({ status: 'open', balance_minor: FULL, collected_minor: 0 });
		const s = statementFor(w.db, w.claimId);
		expect(s.refunded).toEqual(CHARGES);
		const refund = w.db.$client
			.prepare('SELECT amount_minor, reason, status, provider_ref FROM refunds WHERE payment_id=?')
			.all(paymentId);
		expect(refund).toEqual([
			{ amount_minor: FULL, reason: 'chargeback', status: 'succeeded', provider_ref: 'du_test_1' }
		]);
		expect(chargebacksForOps(w.db, OPERATOR)[0]).toMatchObject({ status: 'lost' });
		expect(queue()).toMatchObject({ count: 0, overdue: 0 });

		// funds_withdrawn and a second closed event of the decided dispute change nothing
		expect(
			deliver(w.db, 'charge.dispute.funds_withdrawn', dispute(pi, FULL, 'lost')).body.outcome
		).toBe('already_final');
		expect(claim()).toEqual({ status: 'open', balance_minor: FULL, collected_minor: 0 });
		expect(count(w.db, 'SELECT count(*) FROM refunds WHERE payment_id=?', paymentId)).toBe(1);
		const actions = w.db.$client
			.prepare("SELECT action FROM audit_log WHERE action LIKE 'chargeback.%' ORDER BY id")
			.pluck()
			.all();
		expect(actions).toEqual(['chargeback.opened', 'chargeback.lost']);
		expect(verifyAuditChain(w.db).ok).toBe(true);
	});

	it('a chargeback won (or an inquiry closed without one) moves no money', async () => {
		const { pi } = await paid();
		deliver(w.db, 'charge.dispute.created', dispute(pi, FULL, 'warning_needs_response', 'du_w'));
		expect(
			deliver(w.db, 'charge.dispute.closed', dispute(pi, FULL, 'warning_closed', 'du_w')).body
				.outcome
		).toBe('won');
		deliver(w.db, 'charge.dispute.created', dispute(pi, FULL, 'needs_response', 'du_x'));
		expect(
			deliver(w.db, 'charge.dispute.closed', dispute(pi, FULL, 'won', 'du_x')).body.outcome
		).toBe('won');
		// a late "lost" of a dispute already won is not booked
		expect(
			deliver(w.db, 'charge.dispute.updated', dispute(pi, FULL, 'lost', 'du_x')).body.outcome
		).toBe('already_final');
		expect(claim()).toEqual({ status: 'paid', balance_minor: 0, collected_minor: FULL });
		expect(count(w.db, 'SELECT count(*) FROM refunds')).toBe(0);
	});

	it('after a partial refund a lost chargeback books only what the payment still holds', async () => {
		const { paymentId, pi } = await paid();
		addOperator(w.db);
		await refundPayment(
			w.db,
			OPERATOR,
			{ paymentId, amountMinor: 700_000, reason: 'túlszámlázás' },
			gw
		);
		expect(
			deliver(w.db, 'charge.dispute.closed', dispute(pi, FULL, 'lost', 'du_p')).body.outcome
		).toBe('lost');
		const booked = w.db.$client
			.prepare("SELECT amount_minor FROM refunds WHERE reason='chargeback'")
			.pluck()
			.get();
		expect(booked).toBe(FULL - 700_000);
		expect(claim()).toEqual({ status: 'open', balance_minor: FULL, collected_minor: 0 });
		const after = w.db.$client
			.prepare("SELECT after_json FROM audit_log WHERE action='chargeback.lost'")
			.pluck()
			.get() as string;
		expect(JSON.parse(after)).toMatchObject({
			bookedMinor: FULL - 700_000,
			unbookedMinor: 700_000
		});
	});

	it('a dispute of a payment that is not ours is acknowledged and changes nothing', async () => {
		await paid();
		const res = deliver(
			w.db,
			'charge.dispute.created',
			dispute('pi_someone_else', 5_000, 'needs_response')
		);
		expect(res).toEqual({ status: 200, body: { received: true, outcome: 'unknown_payment' } });
		expect(count(w.db, 'SELECT count(*) FROM card_disputes')).toBe(0);
		expect(claim()).toEqual({ status: 'paid', balance_minor: 0, collected_minor: FULL });
	});
});
