/**
 * A plan instalment or a promise paid by bank transfer is on time by the day the bank booked it,
 * not the day its statement was imported or an operator matched it. The ledger lines are dated
 * the day they are posted (a month's remittance already worked out never changes afterwards).
 */
import { describe, expect } from 'vitest';
import { scalar as q } from '../helpers/db';
import { installmentsOf, planTest, propose, terms } from '../helpers/plans-fixtures';
import { bankOperator, camt053, importStatement, type TestEntry } from '../helpers/bank-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { matchEntry, unmatchedEntries } from '../../src/lib/server/services/bank';
import { makePromise, resolveDuePromises } from '../../src/lib/server/services/promises';

const REF = 'RZ-2026-0000555';
/** The first installment's 100 000 Ft, booked by the bank on its due day. */
const onDueDay: TestEntry = { ref: 'X-1', amount: '100000.00', text: REF, date: '2026-03-31' };

const paymentRow = (db: DB) =>
	db.$client
		.prepare(
			`SELECT p.completed_at AS completedAt, min(l.effective_date) AS effective, max(l.effective_date) AS last
			   FROM payments p JOIN ledger_entries l ON l.payment_id = p.id WHERE l.kind = 'payment'`
		)
		.get();

describe("a bank transfer's instalment is on time by its booking day", () => {
	planTest('imported two days late: on time; posted, and collected, in April', ({ db, clk, s }) => {
		const claim = s.claim(s.d1);
		const plan = propose(db, s.debtor1, claim, 'auto', terms(3, { firstDueDate: '2026-03-31' }));
		db.$client.prepare('UPDATE claims SET reference = ? WHERE id = ?').run(REF, claim);
		clk.advanceDays(31); // 2 April: the statement of 31 March arrives
		expect(importStatement(db, bankOperator(db), camt053([onDueDay])).imp.posted).toBe(1);
		expect(installmentsOf(db, plan.id)[0]).toMatchObject({ status: 'paid', paidOnTime: true });
		expect(paymentRow(db)).toEqual({
			completedAt: clk.now(),
			effective: '2026-04-02',
			last: '2026-04-02'
		});
		// March's remittance, worked out on 1 April, stays as it was
		expect(q(db, "SELECT count(*) FROM report_collected WHERE month = '2026-03'")).toBe(0);
		expect(q(db, "SELECT collected_minor FROM report_collected WHERE month = '2026-04'")).toBe(
			10_000_000
		);
	});

	planTest('matched by hand two days later: still on time', ({ db, clk, s }) => {
		const claim = s.claim(s.d1);
		const plan = propose(db, s.debtor1, claim, 'auto', terms(3, { firstDueDate: '2026-03-31' }));
		clk.advanceDays(29); // 31 March: imported on the day, but the text names no claim
		const op = bankOperator(db);
		importStatement(db, op, camt053([{ ...onDueDay, text: 'részlet' }]));
		clk.advanceDays(2);
		matchEntry(db, op, { entryId: unmatchedEntries(db, op)[0].id, claimId: claim });
		expect(installmentsOf(db, plan.id)[0]).toMatchObject({ status: 'paid', paidOnTime: true });
		expect(paymentRow(db)).toMatchObject({ completedAt: clk.now(), effective: '2026-04-02' });
	});

	planTest('a booking day still to come counts as today', ({ db, clk, s }) => {
		const claim = s.claim(s.d1);
		db.$client.prepare('UPDATE claims SET reference = ? WHERE id = ?').run(REF, claim);
		importStatement(db, bankOperator(db), camt053([{ ...onDueDay, date: '2026-03-10' }]));
		expect(paymentRow(db)).toMatchObject({ completedAt: clk.now(), effective: '2026-03-02' });
	});
});

describe('a bank transfer keeps a promise by its booking day', () => {
	// a promise of 100 000 Ft for 5 March, made on 2 March; the daily job runs on 6 March, and the
	// statement with the transfer comes before it or a day after it
	const cases = [
		{ booked: '2026-03-05', statementFirst: false, after: 'kept' },
		{ booked: '2026-03-05', statementFirst: true, after: 'kept' },
		{ booked: '2026-03-06', statementFirst: false, after: 'broken' }
	];
	planTest.for(cases)(
		'booked on $booked, statement before the daily job: $statementFirst → $after',
		({ booked, statementFirst, after }, { db, clk, s }) => {
			const claim = s.claim(s.d1);
			db.$client.prepare('UPDATE claims SET reference = ? WHERE id = ?').run(REF, claim);
			const p = makePromise(db, s.debtor1, {
				claimId: claim,
				promisedDate: '2026-03-05',
				amountMinor: 10_000_000
			});
			const statement = () =>
				importStatement(db, bankOperator(db), camt053([{ ...onDueDay, date: booked }]));
			clk.advanceDays(4);
			if (statementFirst) statement();
			resolveDuePromises(db, '2026-03-06');
			if (!statementFirst) {
				clk.advanceDays(1);
				statement();
			}
			expect(db.$client.prepare('SELECT status FROM promises WHERE id = ?').pluck().get(p.id)).toBe(
				after
			);
			expect(
				db.$client
					.prepare("SELECT arrived_on FROM payments WHERE gateway = 'bank_transfer'")
					.pluck()
					.all()
			).toEqual([booked]);
			// and the daily job leaves it so
			expect(resolveDuePromises(db, '2026-03-08')).toEqual({ kept: 0, broken: 0 });
		}
	);
});

planTest('one transfer keeps one promise: the one whose days it arrived in', ({ db, clk, s }) => {
	const claim = s.claim(s.d1);
	db.$client.prepare('UPDATE claims SET reference = ? WHERE id = ?').run(REF, claim);
	const promise = (by: typeof s.debtor1, promisedDate: string) =>
		makePromise(db, by, { claimId: claim, promisedDate, amountMinor: 10_000_000 }).id;
	const a = promise(s.debtor1, '2026-03-03');
	clk.advanceDays(2); // 4 March: A is broken, an operator takes a new promise for 6 March
	resolveDuePromises(db, '2026-03-04');
	const b = promise(s.operator, '2026-03-06');
	clk.advanceDays(1); // 5 March: the statement of 3 March
	importStatement(db, bankOperator(db), camt053([{ ...onDueDay, date: '2026-03-03' }]));
	expect(db.$client.prepare('SELECT id, status FROM promises ORDER BY id').raw().all()).toEqual([
		[a, 'kept'],
		[b, 'open']
	]);
	// the audit says why a broken promise is kept after all
	expect(
		JSON.parse(
			db.$client
				.prepare("SELECT after_json FROM audit_log WHERE action = 'promise.kept' AND entity_id = ?")
				.pluck()
				.get(String(a)) as string
		)
	).toEqual({ status: 'kept', arrivedOn: '2026-03-03' });
});
