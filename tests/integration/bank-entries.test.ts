/**
 * Bank statement entries the import must neither lose nor invent: a transfer first reported
 * pending and booked on a later statement, and re-imports and kills around it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { testDb, scalar as q } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import {
	bankCsv,
	bankOperator,
	camt053,
	importStatement,
	resumeImports,
	type TestEntry
} from '../helpers/bank-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { markNotOurs, matchEntry, unmatchedEntries } from '../../src/lib/server/services/bank';
import { ConflictError } from '../../src/lib/server/services/errors';

describe('bank entries across statements', () => {
	let db: DB;
	let op: ReturnType<typeof bankOperator>;
	let claim: number;

	beforeEach(() => {
		({ db } = testDb());
		op = bankOperator(db);
		const cr = makeCreditor(db);
		claim = makeClaim(db, cr, makeDebtor(db), { principal: 10_000_000 }, 'HUF', {
			reference: 'RZ-2026-0000901'
		});
	});
	const load = (entries: TestEntry[]) => importStatement(db, op, camt053(entries));
	const balance = () => q(db, 'SELECT balance_minor FROM claims WHERE id = ?', claim);
	const payments = () => q(db, 'SELECT count(*) FROM payments WHERE claim_id = ?', claim);

	it('posts a transfer first reported pending once the bank books it, and only once', () => {
		const transfer = { ref: 'BANK-777', amount: '50000.00', text: 'RZ-2026-0000901' };
		const pending = load([{ ...transfer, status: 'PDNG' }]);
		expect(pending.entries.map((e) => [e.status, e.reason])).toEqual([['skipped', 'not_booked']]);
		expect(balance()).toBe(10_000_000);

		const booked = load([{ ...transfer, date: '2026-03-03' }]);
		expect(booked.imp).toMatchObject({ posted: 1, duplicates: 0 });
		expect(booked.entries).toMatchObject([
			{ entryRef: 'BANK-777', status: 'posted', claimId: claim, bookingDate: '2026-03-03' }
		]);
		expect(balance()).toBe(5_000_000);

		// the booked statement again, and the pending one again: nothing more
		expect(load([{ ...transfer, date: '2026-03-03' }]).imp).toMatchObject({
			posted: 0,
			duplicates: 1
		});
		expect(load([{ ...transfer, status: 'PDNG' }]).imp).toMatchObject({
			posted: 0,
			duplicates: 1
		});
		expect(payments()).toBe(1);
		expect(balance()).toBe(5_000_000);
		expect(unmatchedEntries(db, op)).toEqual([]);
	});

	it('resumes after a kill without posting the booked entry twice', () => {
		const transfer = { ref: 'BANK-778', amount: '1000.00', text: 'RZ-2026-0000901' };
		load([{ ...transfer, status: 'PDNG' }]);
		const booked = camt053([transfer, { ref: 'OTHER-1', amount: '1000.00', text: 'x' }]);
		const kill = () => {
			throw new Error('killed');
		};
		expect(() => importStatement(db, op, booked, { chunkEntries: 1, afterChunk: kill })).toThrow(
			'killed'
		);
		expect(resumeImports(db, op)).toMatchObject([{ status: 'done', processed: 2, posted: 1 }]);
		expect(payments()).toBe(1);
		expect(balance()).toBe(10_000_000 - 100_000);
	});

	it('a credit of zero is skipped with its reason, never a payment with a receipt', () => {
		const zero = { ref: 'Z-1', amount: '0.00', text: 'RZ-2026-0000901' };
		const { imp, entries } = load([zero]);
		expect(imp).toMatchObject({ posted: 0, skipped: 1 });
		expect(entries.map((e) => [e.status, e.reason])).toEqual([['skipped', 'zero_amount']]);
		expect(importStatement(db, op, bankCsv([{ ...zero, ref: 'Z-2' }])).entries).toMatchObject([
			{ status: 'skipped', reason: 'zero_amount' }
		]);
		expect(payments()).toBe(0);
		// nor by hand: one left waiting by an earlier version is refused
		db.$client
			.prepare("UPDATE bank_entries SET status = 'unmatched' WHERE entry_ref = 'Z-1'")
			.run();
		const entryId = entries[0].id;
		expect(() => matchEntry(db, op, { entryId, claimId: claim })).toThrow(ConflictError);
		expect(payments()).toBe(0);
	});

	it('a returned transfer waits for an operator in words, with the claim and payment it takes back', () => {
		const paid = { amount: '20000.00', text: 'RZ-2026-0000901' };
		load([
			{ ...paid, ref: 'P-1' },
			{ ...paid, ref: 'P-2' }
		]);
		const posted = db.$client
			.prepare('SELECT id FROM payments WHERE claim_id = ? ORDER BY id')
			.pluck()
			.all(claim);
		const returns: TestEntry[] = [
			// as the review's bank wrote it, and as camt.053 means it (a debit reversing a credit)
			{ ...paid, ref: 'P-1-R', reversal: true },
			{ ...paid, ref: 'P-2-R', reversal: true, credit: false },
			// a third return of that amount has no posted transfer left to take back
			{ ...paid, ref: 'P-3-R', reversal: true }
		];
		const { imp, entries } = load(returns);
		expect(imp).toMatchObject({ posted: 0, unmatched: 2, skipped: 1 });
		expect(entries.map((e) => [e.status, e.reason, e.claimId, e.paymentId])).toEqual([
			['unmatched', 'returned', claim, posted[0]],
			['unmatched', 'returned', claim, posted[1]],
			['skipped', 'reversal', null, null]
		]);
		expect(unmatchedEntries(db, op).map((e) => e.entryRef)).toEqual(['P-1-R', 'P-2-R']);
		const audited = "SELECT count(*) FROM audit_log WHERE action = 'bank_entry.returned'";
		expect(q(db, audited)).toBe(2);
		// the payments stay posted until an operator puts them right; the return is never a payment
		expect(balance()).toBe(10_000_000 - 4_000_000);
		expect(() => matchEntry(db, op, { entryId: entries[0].id, claimId: claim })).toThrow(
			ConflictError
		);
		markNotOurs(db, op, { entryId: entries[0].id, reason: 'Visszautalás rendezve' });
		expect(load(returns).imp).toMatchObject({ unmatched: 0, duplicates: 3 });
		expect(q(db, audited)).toBe(2);
		expect(payments()).toBe(2);
	});
});
