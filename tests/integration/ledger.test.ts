import { describe, expect, it, beforeEach } from 'vitest';
import { freshDb, manualClock } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import { creditors, portfolios, debtors, claims } from '../../src/lib/server/db/schema';
import {
	postEntries,
	openBalances,
	cachedBalance,
	statementFor
} from '../../src/lib/server/services/ledger';
import { writeTx } from '../../src/lib/server/services/tx';

function claimFixture(db: DB): number {
	const now = Date.now();
	const c = db
		.insert(creditors)
		.values({
			name: 'Példa Bank Zrt.',
			shortName: 'Példa Bank',
			sector: 'bank',
			taxNumber: '12345678-2-42',
			createdAt: now
		})
		.returning()
		.get();
	const p = db
		.insert(portfolios)
		.values({ creditorId: c.id, name: '2026/01', placedDate: '2026-01-10', createdAt: now })
		.returning()
		.get();
	const d = db
		.insert(debtors)
		.values({
			kind: 'person',
			name: 'Teszt Elek',
			birthDate: '1980-04-02',
			postalCode: '1051',
			city: 'Budapest',
			address: 'Példa u. 1.',
			createdAt: now
		})
		.returning()
		.get();
	return db
		.insert(claims)
		.values({
			creditorId: c.id,
			portfolioId: p.id,
			debtorId: d.id,
			reference: 'R-1',
			currency: 'HUF',
			placedDate: '2026-01-10',
			dueDate: '2025-12-01',
			stageChangedAt: now,
			placedMinor: 0,
			balanceMinor: 0,
			createdAt: now
		})
		.returning()
		.get().id;
}

describe('ledger posting', () => {
	let db: DB;
	beforeEach(() => {
		manualClock();
		db = freshDb();
	});

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
