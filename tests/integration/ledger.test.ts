import { describe, expect, it, beforeEach } from 'vitest';
import { testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import {
	postEntries,
	openBalances,
	cachedBalance,
	statementFor
} from '../../src/lib/server/services/ledger';
import { writeTx } from '../../src/lib/server/services/tx';

function claimFixture(db: DB): number {
	return makeClaim(db, makeCreditor(db), makeDebtor(db), { principal: 0 }, 'HUF', {
		reference: 'R-1'
	});
}

describe('ledger posting', () => {
	let db: DB;
	beforeEach(() => ({ db } = testDb()));

	it('keeps the cached balance equal to the ledger sum, per component', () => {
		const id = claimFixture(db);
		writeTx(db, () => {
			postEntries(db, id, [
				{
					component: 'principal',
					kind: 'charge',
					amountMinor: 10_000_000,
					effectiveDate: '2026-01-10'
				},
				{
					component: 'interest',
					kind: 'charge',
					amountMinor: 450_000,
					effectiveDate: '2026-01-10'
				},
				{ component: 'cost', kind: 'charge', amountMinor: 150_000, effectiveDate: '2026-01-10' }
			]);
			postEntries(db, id, [
				{ component: 'cost', kind: 'payment', amountMinor: -150_000, effectiveDate: '2026-02-01' },
				{
					component: 'interest',
					kind: 'payment',
					amountMinor: -50_000,
					effectiveDate: '2026-02-01'
				}
			]);
		});
		expect(openBalances(db, id)).toEqual({
			principal: 10_000_000,
			interest: 400_000,
			fee: 0,
			cost: 0
		});
		expect(cachedBalance(db, id)).toBe(10_400_000);
		const s = statementFor(db, id);
		expect(s.paid.cost + s.paid.interest).toBe(200_000);
		expect(
			db.$client.prepare('SELECT collected_minor FROM claims WHERE id=?').pluck().get(id)
		).toBe(200_000);
	});

	it('refuses to change or delete a ledger row (append-only)', () => {
		const id = claimFixture(db);
		postEntries(db, id, [
			{ component: 'principal', kind: 'charge', amountMinor: 100, effectiveDate: '2026-01-10' }
		]);
		expect(() => db.$client.prepare('UPDATE ledger_entries SET amount_minor = 1').run()).toThrow(
			/append-only/
		);
		expect(() => db.$client.prepare('DELETE FROM ledger_entries').run()).toThrow(/append-only/);
	});

	it('refuses fractional amounts', () => {
		const id = claimFixture(db);
		expect(() =>
			postEntries(db, id, [
				{ component: 'principal', kind: 'charge', amountMinor: 1.5, effectiveDate: '2026-01-10' }
			])
		).toThrow();
	});
});
