/** Promise to pay: limits from the creditor's rules, kept or broken by the payments that arrive. */
import { beforeEach, describe, expect, it } from 'vitest';
import { testDb } from '../helpers/db';
import {
	fieldKeys,
	makeClaim,
	makeCreditor,
	makeDebtor,
	stranger,
	addOperator,
	OPERATOR
} from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { makePromise, resolveDuePromises } from '../../src/lib/server/services/promises';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import { claimDetail } from '../../src/lib/server/services/portal';
import { ConflictError, NotFoundError } from '../../src/lib/server/services/errors';
import type { ManualClock } from '../../src/lib/domain/clock';

describe('promises', () => {
	let db: DB;
	let clk: ManualClock;
	let debtorId: number;
	let claimId: number;
	beforeEach(() => {
		({ db, clock: clk } = testDb());
		debtorId = makeDebtor(db);
		claimId = makeClaim(db, makeCreditor(db, 'Példa Zrt.', { promiseMaxDays: 14 }), debtorId, {
			principal: 5_000_000
		});
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });
	const status = (id: number) =>
		db.$client.prepare('SELECT status FROM promises WHERE id=?').pluck().get(id);
	async function pay(amountMinor: number) {
		const { paymentId } = await startPayment(
			db,
			me(),
			{ claimId, amountMinor, purpose: 'partial' },
			new DemoGateway()
		);
		return reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, 'approve'));
	}

	it("checks the date against the creditor's limit and the amount against the balance", () => {
		const fields = (input: { promisedDate: string; amountMinor: number }) =>
			fieldKeys(() => makePromise(db, me(), { claimId, ...input }));
		expect(fields({ promisedDate: '2026-03-01', amountMinor: 500_000 })).toEqual({
			promisedDate: 'portal.promise.error.past'
		});
		expect(fields({ promisedDate: '2026-03-17', amountMinor: 500_000 })).toEqual({
			promisedDate: 'portal.promise.error.tooFar'
		});
		expect(fields({ promisedDate: '2026-02-30', amountMinor: 0 })).toEqual({
			promisedDate: 'form.invalidDate',
			amount: 'payments.error.amountPositive'
		});
		expect(fields({ promisedDate: '2026-03-16', amountMinor: 5_000_100 })).toEqual({
			amount: 'payments.error.tooMuch'
		});
		// a token amount would hold the claim for nothing: at least the smallest part payment (5 000 Ft)
		expect(fields({ promisedDate: '2026-03-16', amountMinor: 100_000 })).toEqual({
			amount: 'portal.promise.error.tooSmall'
		});
		expect(fields({ promisedDate: '2026-03-16', amountMinor: 500_000 })).toEqual({});
		expect(() =>
			makePromise(db, stranger(db), { claimId, promisedDate: '2026-03-10', amountMinor: 1 })
		).toThrow(NotFoundError);
	});

	it('a new promise replaces the open one; payments by the date keep it', async () => {
		const p1 = makePromise(db, me(), {
			claimId,
			promisedDate: '2026-03-10',
			amountMinor: 1_000_000
		});
		const p2 = makePromise(db, me(), {
			claimId,
			promisedDate: '2026-03-12',
			amountMinor: 1_000_000
		});
		expect(status(p1.id)).toBe('cancelled');
		await pay(600_000);
		expect(status(p2.id)).toBe('open');
		clk.advanceDays(3);
		await pay(500_000);
		expect(status(p2.id)).toBe('kept');
		expect(
			db.$client.prepare("SELECT count(*) FROM audit_log WHERE action='promise.kept'").pluck().get()
		).toBe(1);
	});

	it('the debtor is never asked by a promise for more than is owed now', async () => {
		const all = 5_000_000;
		makePromise(db, me(), { claimId, promisedDate: '2026-03-10', amountMinor: all });
		const shown = () => claimDetail(db, me(), claimId).promise!.amountMinor;
		expect(shown()).toBe(all);
		// a part payment since (or a correction of the claim): the promise reads what is left
		await pay(1_500_000);
		expect(shown()).toBe(3_500_000);
	});

	it('replacing a promise again and again cannot hold the claim past the limit from the first one', () => {
		const promise = (promisedDate: string) =>
			makePromise(db, me(), { claimId, promisedDate, amountMinor: 1_000_000 });
		promise('2026-03-10'); // made on 2 March: at the latest 16 March (14 days)
		clk.advanceDays(5);
		promise('2026-03-16');
		clk.advanceDays(5);
		// 12 March: 14 days from today would be 26 March, but the chain began on 2 March
		expect(fieldKeys(() => promise('2026-03-17'))).toEqual({
			promisedDate: 'portal.promise.error.tooFar'
		});
		expect(promise('2026-03-16').status).toBe('open');
		// kept: a new one counts from its own day
		db.$client.prepare("UPDATE promises SET status = 'kept' WHERE status = 'open'").run();
		expect(promise('2026-03-26').status).toBe('open');
	});

	it('after a broken promise the debtor waits as many days to promise again; staff may take one', () => {
		makePromise(db, me(), { claimId, promisedDate: '2026-03-10', amountMinor: 1_000_000 });
		clk.advanceDays(9); // 11 March: the date passed with nothing paid
		expect(resolveDuePromises(db, '2026-03-11')).toEqual({ kept: 0, broken: 1 });
		const again = (promisedDate: string) =>
			makePromise(db, me(), { claimId, promisedDate, amountMinor: 1_000_000 });
		expect(() => again('2026-03-20')).toThrow(ConflictError);
		// an operator on a call judges it (audited as theirs)
		addOperator(db);
		const taken = makePromise(db, OPERATOR, {
			claimId,
			promisedDate: '2026-03-20',
			amountMinor: 1_000_000
		});
		expect(taken.status).toBe('open');
		// 14 days after it broke the debtor may promise again
		db.$client
			.prepare("UPDATE promises SET status = 'broken', resolved_at = ? WHERE id = ?")
			.run(clk.now(), taken.id);
		clk.advanceDays(13);
		expect(() => again('2026-03-30')).toThrow(ConflictError);
		clk.advanceDays(1);
		expect(again('2026-03-30').status).toBe('open');
	});

	it('the daily job breaks promises whose date passed without enough money, and keeps the rest', async () => {
		const broken = makePromise(db, me(), {
			claimId,
			promisedDate: '2026-03-05',
			amountMinor: 1_000_000
		});
		await pay(500_000);
		const other = makeClaim(db, makeCreditor(db, 'Másik Zrt.'), debtorId, { principal: 1_000_000 });
		const open = makePromise(db, me(), {
			claimId: other,
			promisedDate: '2026-03-20',
			amountMinor: 500_000
		});
		expect(resolveDuePromises(db, '2026-03-05')).toEqual({ kept: 0, broken: 0 });
		clk.advanceDays(4);
		expect(resolveDuePromises(db, '2026-03-06')).toEqual({ kept: 0, broken: 1 });
		expect(status(broken.id)).toBe('broken');
		expect(status(open.id)).toBe('open');
		// a payment after the date does not turn a broken promise into a kept one
		await pay(600_000);
		expect(status(broken.id)).toBe('broken');
	});
});
