/**
 * The operators' payment list (/ops/payments): newest first by when the money came (a payment made
 * later but numbered lower comes first), a page at a time, and by the beginning of a claim's
 * reference as a transfer's text reads it (case, spaces, `-./_` aside; a '%' typed is a character,
 * not a wildcard).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor, OPERATOR } from '../helpers/portal-fixtures';
import { paymentsForOps, PAYMENTS_PAGE_SIZE } from '../../src/lib/server/services/refund-lists';

afterAll(removeTempDbs);

function world() {
	const { db, clock } = testDb('2026-03-02');
	const cr = makeCreditor(db, 'Duna Bank Zrt.');
	const debtor = makeDebtor(db, 'Teszt Elek');
	const a = makeClaim(db, cr, debtor, { principal: 500_000 }, 'HUF', {
		reference: 'DB-2026-0000042'
	});
	const b = makeClaim(db, cr, debtor, { principal: 500_000 }, 'HUF', { reference: 'PB-88' });
	const pay = (claimId: number, createdAt: number, completedAt: number | null) =>
		Number(
			db.$client
				.prepare(
					`INSERT INTO payments (claim_id, debtor_id, amount_minor, currency, purpose, gateway, status, created_at, completed_at)
					 VALUES (?, ?, 1000, 'HUF', 'partial', 'bank_transfer', ?, ?, ?)`
				)
				.run(claimId, debtor, completedAt ? 'succeeded' : 'pending', createdAt, completedAt)
				.lastInsertRowid
		);
	return { db, t0: clock.now(), a, b, pay };
}

describe("the operators' payment list", () => {
	it('is newest first by date, not by number', () => {
		const { db, t0, a, pay } = world();
		const hour = 3_600_000;
		const older = pay(a, t0 + 5 * hour, t0 + 5 * hour);
		const newest = pay(a, t0 - hour, t0 + 9 * hour); // started early, the money came last
		const middle = pay(a, t0 + 7 * hour, null);
		expect(paymentsForOps(db, OPERATOR).rows.map((p) => p.id)).toEqual([newest, middle, older]);
		expect(older).toBeLessThan(middle);
	});

	it('pages a long list and filters by the beginning of a reference', () => {
		const { db, t0, a, b, pay } = world();
		for (let i = 0; i < PAYMENTS_PAGE_SIZE + 5; i++) pay(a, t0 + i, t0 + i);
		const onB = pay(b, t0 - 1000, t0 - 1000);
		const first = paymentsForOps(db, OPERATOR);
		expect(first).toMatchObject({ total: PAYMENTS_PAGE_SIZE + 6, page: 1, pages: 2 });
		expect(first.rows).toHaveLength(PAYMENTS_PAGE_SIZE);
		const second = paymentsForOps(db, OPERATOR, { page: 2 });
		expect(second.rows.map((p) => p.id).at(-1)).toBe(onB);
		// a page past the end is the last
		expect(paymentsForOps(db, OPERATOR, { page: 99 }).page).toBe(2);

		expect(paymentsForOps(db, OPERATOR, { reference: 'pb-8' }).rows.map((p) => p.id)).toEqual([
			onB
		]);
		expect(paymentsForOps(db, OPERATOR, { reference: ' DB-2026-00000 ' }).total).toBe(
			PAYMENTS_PAGE_SIZE + 5
		);
		// as a transfer's text reads it: spaces and dashes aside
		expect(paymentsForOps(db, OPERATOR, { reference: 'db 2026 00000' }).total).toBe(
			paymentsForOps(db, OPERATOR, { reference: 'DB-2026-00000' }).total
		);
		expect(paymentsForOps(db, OPERATOR, { reference: 'DB%' }).total).toBe(0);
		// '_' is no wildcard either: it is left out, as in a reference key ('_B' is 'B')
		expect(paymentsForOps(db, OPERATOR, { reference: '_B' }).total).toBe(0);
		expect(paymentsForOps(db, OPERATOR, { reference: '_PB' }).total).toBe(1);
	});
});
