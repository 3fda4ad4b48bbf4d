/**
 * A transfer an operator matches to a claim that owes nothing (paid, or closed): the claim search
 * marks such claims, posting needs an explicit confirmation, and once confirmed all of the money
 * becomes a refund task (C11) as any overpayment does. The debtor's claim page then says, in the
 * payment's history line, what of it was more than owed and goes back (as the payment page does).
 */
import { describe, expect, it } from 'vitest';
import { scalar, testDb } from '../helpers/db';
import { conflictKey, makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { bankOperator, camt053, importStatement } from '../helpers/bank-fixtures';
import { matchCandidates, matchEntry, unmatchedEntries } from '../../src/lib/server/services/bank';
import { claimDetail } from '../../src/lib/server/services/portal';
import { overpaidBy } from '../../src/lib/server/services/payment-views';

function world() {
	const { db } = testDb('2026-03-10');
	const op = bankOperator(db);
	const debtorId = makeDebtor(db, 'Kiss Ilona');
	const cr = makeCreditor(db, 'Példa Bank Zrt.');
	const claimId = makeClaim(db, cr, debtorId, { principal: 1_000_000 }, 'HUF', {
		reference: 'PB-2026-0000501'
	});
	// the first transfer pays the claim off; the second one the import leaves for an operator
	const imp = importStatement(
		db,
		op,
		camt053([
			{ ref: 'S-1', amount: '10000.00', text: 'PB-2026-0000501' },
			{ ref: 'S-2', amount: '10000.00', text: 'PB-2026-0000501' }
		])
	);
	const entryId = imp.entries.find((e) => e.entryRef === 'S-2')!.id;
	return { db, op, debtorId, claimId, entryId };
}

describe('posting a transfer to a claim that owes nothing', () => {
	it('is marked in the search and refused until the operator confirms it', () => {
		const { db, op, claimId, entryId } = world();
		expect(scalar(db, 'SELECT status FROM claims WHERE id = ?', claimId)).toBe('paid');
		expect(unmatchedEntries(db, op).map((e) => [e.id, e.reason, e.claimId])).toEqual([
			[entryId, 'nothing_owed', claimId]
		]);
		const found = matchCandidates(db, op, 'PB-2026-0000501').claims;
		expect(found.map((c) => [c.id, c.balanceMinor, c.settled])).toEqual([[claimId, 0, true]]);
		// the creditor by the name every other page uses
		expect(found[0].creditor).toBe('Példa Bank Zrt.');

		expect(conflictKey(() => matchEntry(db, op, { entryId, claimId }))).toBe(
			'bank.match.confirm.paid'
		);
		// nothing happened: no payment, no refund task, the entry still waits
		expect(scalar(db, 'SELECT count(*) FROM payments WHERE claim_id = ?', claimId)).toBe(1);
		expect(scalar(db, 'SELECT count(*) FROM refund_tasks')).toBe(0);
		expect(scalar(db, 'SELECT status FROM bank_entries WHERE id = ?', entryId)).toBe('unmatched');
	});

	it('once confirmed, all of it is a refund task due in 5 days, audited', () => {
		const { db, op, claimId, entryId } = world();
		const res = matchEntry(db, op, { entryId, claimId, confirmSettled: true });
		expect(res.overpaymentMinor).toBe(1_000_000);
		const task = db.$client
			.prepare('SELECT payment_id, amount_minor, due_date, status FROM refund_tasks')
			.all();
		expect(task).toEqual([
			{ payment_id: res.paymentId, amount_minor: 1_000_000, due_date: '2026-03-15', status: 'open' }
		]);
		expect(scalar(db, 'SELECT balance_minor FROM claims WHERE id = ?', claimId)).toBe(0);
		const audit = JSON.parse(
			String(
				scalar(
					db,
					`SELECT after_json FROM audit_log WHERE action = 'bank_entry.match' AND entity_id = ?`,
					String(entryId)
				)
			)
		);
		expect(audit).toMatchObject({ settledClaim: 'paid', refundMinor: 1_000_000 });
	});

	it('a closed claim is named as closed, and takes the money only as a refund', () => {
		const { db, op, claimId, entryId } = world();
		db.$client.prepare(`UPDATE claims SET status = 'closed' WHERE id = ?`).run(claimId);
		expect(conflictKey(() => matchEntry(db, op, { entryId, claimId }))).toBe(
			'bank.match.confirm.closed'
		);
		const res = matchEntry(db, op, { entryId, claimId, confirmSettled: true });
		expect(res.overpaymentMinor).toBe(1_000_000);
		expect(scalar(db, 'SELECT count(*) FROM refund_tasks')).toBe(1);
	});

	it('a claim that still owes is posted to at once, as before', () => {
		const { db, op, debtorId, entryId } = world();
		const other = makeClaim(db, makeCreditor(db), debtorId, { principal: 2_500_000 });
		expect(matchCandidates(db, op, 'Kiss Ilona').claims.find((c) => c.id === other)?.settled).toBe(
			false
		);
		expect(matchEntry(db, op, { entryId, claimId: other }).overpaymentMinor).toBe(0);
	});

	it('the debtor’s claim page says what of the payment goes back, as the payment page does', () => {
		const { db, op, debtorId, claimId, entryId } = world();
		const { paymentId } = matchEntry(db, op, { entryId, claimId, confirmSettled: true });
		const pays = claimDetail(db, { kind: 'debtor', debtorId }, claimId).payments;
		expect(pays.map((p) => [p.id, p.status, p.amountMinor, p.overpaidMinor])).toEqual([
			[paymentId, 'succeeded', 1_000_000, 1_000_000],
			[paymentId - 1, 'succeeded', 1_000_000, 0]
		]);
		expect(pays.map((p) => p.overpaidMinor)).toEqual(
			pays.map((p) => overpaidBy(db, p.id, p.amountMinor))
		);
	});
});
