/**
 * The creditor's "the debtor paid us directly" names the day the debtor paid: it is the payment's
 * arrived_on, so a promise due on or after that day was kept (even one the daily job had already
 * found broken before the creditor told us), and one due before it stays broken. The day may not
 * be in the future nor before the claim was placed. The ledger lines stay dated the day they are
 * posted (a month already remitted never changes); the debtor's and the creditor's payment lists
 * show the day paid.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { allRows, scalar, testDb } from '../helpers/db';
import {
	fieldKeys,
	makeClaim,
	makeCreditor,
	makeDebtor,
	OPERATOR,
	addOperator
} from '../helpers/portal-fixtures';
import { creditorUser } from '../helpers/creditor-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import type { ManualClock } from '../../src/lib/domain/clock';
import type { Actor } from '../../src/lib/domain/actor';
import { makePromise, resolveDuePromises } from '../../src/lib/server/services/promises';
import { reportDirectPayment } from '../../src/lib/server/services/recall';
import { claimDetail } from '../../src/lib/server/services/portal';
import { getClaimDetail } from '../../src/lib/server/services/creditor-claims';

describe('a direct payment has the day the debtor paid', () => {
	let db: DB;
	let clk: ManualClock;
	let debtorId: number;
	let claimId: number;
	let creditor: ReturnType<typeof creditorUser>;
	beforeEach(() => {
		({ db, clock: clk } = testDb('2026-03-02'));
		debtorId = makeDebtor(db);
		const cr = makeCreditor(db, 'Példa Zrt.', { promiseMaxDays: 14 });
		// placed on 2026-01-10 (makeClaim)
		claimId = makeClaim(db, cr, debtorId, { principal: 5_000_000 });
		addOperator(db); // staff user 1 (OPERATOR)
		creditor = creditorUser(db, cr.creditorId, 'penzugy@pelda.test');
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });
	const status = (id: number) =>
		db.$client.prepare('SELECT status FROM promises WHERE id = ?').pluck().get(id);
	const direct = (paidOn: string | undefined, amountMinor = 1_000_000) =>
		reportDirectPayment(db, creditor, { claimId, amountMinor, reason: 'átutalás', paidOn });
	/** A promise to pay 10 000 Ft of the claim on `promisedDate`, taken from the debtor unless told. */
	const promise = (promisedDate: string, by: Actor = me()) =>
		makePromise(db, by, { claimId, promisedDate, amountMinor: 1_000_000 });

	it('keeps a promise due on or after the day paid, even one found broken before the report; one due earlier stays broken', () => {
		// the debtor's promise for 03-05 is broken by the daily job on 03-06
		const first = promise('2026-03-05');
		clk.advanceDays(4); // 03-06
		expect(resolveDuePromises(db, '2026-03-06')).toEqual({ kept: 0, broken: 1 });
		// an operator takes a new promise on a call for 03-10; it too is found broken on 03-11
		const second = promise('2026-03-10', OPERATOR);
		clk.advanceDays(5); // 03-11
		expect(resolveDuePromises(db, '2026-03-11')).toEqual({ kept: 0, broken: 1 });
		expect([status(first.id), status(second.id)]).toEqual(['broken', 'broken']);

		// on 03-12 the creditor says the debtor paid them on 03-08
		clk.advanceDays(1);
		const paymentId = direct('2026-03-08');
		expect(
			db.$client.prepare('SELECT arrived_on FROM payments WHERE id = ?').pluck().get(paymentId)
		).toBe('2026-03-08');
		// the promise due on 03-10 was met in time; the one due on 03-05 was not
		expect([status(first.id), status(second.id)]).toEqual(['broken', 'kept']);
		expect(
			scalar(
				db,
				"SELECT after_json FROM audit_log WHERE action = 'promise.kept' AND entity_id = ?",
				String(second.id)
			)
		).toContain('2026-03-08');
		// the report is audited with the day paid; the ledger lines are dated the day posted
		expect(
			scalar(
				db,
				"SELECT after_json FROM audit_log WHERE action = 'payment.direct' AND entity_id = ?",
				String(paymentId)
			)
		).toContain('"paidOn":"2026-03-08"');
		expect(
			allRows(
				db,
				'SELECT DISTINCT effective_date FROM ledger_entries WHERE payment_id = ?',
				paymentId
			)
		).toEqual([{ effective_date: '2026-03-12' }]);
		// the debtor's history and the creditor's claim page show the day paid
		expect(claimDetail(db, me(), claimId).payments[0]).toMatchObject({
			id: paymentId,
			arrivedOn: '2026-03-08'
		});
		expect(getClaimDetail(db, creditor, claimId).payments).toMatchObject([
			{ id: paymentId, arrivedOn: '2026-03-08', direct: 1 }
		]);
	});

	it('keeps an open promise due on the day paid', () => {
		const p = promise('2026-03-09');
		clk.advanceDays(10); // 03-12
		// reported before the daily job decided it: paid on its very day
		direct('2026-03-09');
		expect(status(p.id)).toBe('kept');
	});

	it('refuses a day in the future, before the claim was placed, or not a day; today by default', () => {
		clk.advanceDays(10); // 03-12
		expect(fieldKeys(() => direct('2026-03-13'))).toEqual({ paidOn: 'direct.paidOn.future' });
		expect(fieldKeys(() => direct('2026-01-09'))).toEqual({
			paidOn: 'direct.paidOn.beforePlaced'
		});
		expect(fieldKeys(() => direct('2026-02-30'))).toEqual({ paidOn: 'form.invalidDate' });
		// both fields at once, each next to its own
		expect(fieldKeys(() => direct('2026-03-13', 0))).toEqual({
			amount: 'form.amount',
			paidOn: 'direct.paidOn.future'
		});
		expect(scalar(db, 'SELECT count(*) FROM payments')).toBe(0);
		// the day the claim was placed and today are taken; today is the day posted (no arrived_on)
		const placedDay = direct('2026-01-10', 100_000);
		const today = direct(undefined, 100_000);
		expect(allRows(db, 'SELECT arrived_on FROM payments ORDER BY id')).toEqual([
			{ arrived_on: '2026-01-10' },
			{ arrived_on: null }
		]);
		expect([placedDay, today].every(Number.isInteger)).toBe(true);
	});
});
