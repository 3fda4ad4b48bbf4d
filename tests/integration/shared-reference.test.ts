/**
 * A claim's reference goes on bank transfers; a reference two claims share cannot be matched to
 * a payment (the bank import leaves it for an operator, and the debtor who paid is chased on). So
 * a creditor cannot place a claim under a reference another creditor's claim already has: not
 * by the API, not by a CSV file.
 */
import { describe, expect, it } from 'vitest';
import { addClaim, addCreditor, addPortfolio } from '../helpers/reports-fixtures';
import { testDb } from '../helpers/db';
import { API_ROW, creditorUser } from '../helpers/creditor-fixtures';
import { apiPlaceClaim } from '../../src/lib/server/services/api-claims';
import { analyseNow } from '../../src/lib/server/services/placements';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';

function world() {
	const { db } = testDb('2026-10-01');
	const tisza = addCreditor(db, 'Tisza Energia');
	const duna = addCreditor(db, 'Duna Bank');
	addClaim(db, {
		creditorId: tisza,
		portfolioId: addPortfolio(db, tisza, 'P1', '2026-09-01'),
		reference: 'TE-2026-0000001',
		currency: 'HUF',
		placedDate: '2026-09-01',
		dueDate: '2026-08-01',
		charges: { principal: 1_000_000 }
	});
	return { db, tisza, duna: creditorUser(db, duna, 'admin@duna') };
}

const row = { ...API_ROW, reference: 'TE-2026-0000001' };

describe("another creditor's reference", () => {
	it('is refused on the reference field by the API, and nothing is placed', () => {
		const w = world();
		const r = apiPlaceClaim(w.db, w.duna, row);
		expect(r).toEqual({
			ok: false,
			errors: [{ line: 1, field: 'reference', key: 'placement.err.duplicateExisting' }]
		});
		expect(
			w.db.$client
				.prepare('SELECT count(*) FROM claims WHERE reference = ?')
				.pluck()
				.get(row.reference)
		).toBe(1);
		// a reference of its own is placed as before
		expect(apiPlaceClaim(w.db, w.duna, { ...row, reference: 'DB-2026-0000001' }).ok).toBe(true);
	});

	it('is refused on its line in a CSV file', () => {
		const w = world();
		const cells = PLACEMENT_COLUMNS.map((c) => (row as Record<string, string>)[c] ?? '');
		const csv = `${PLACEMENT_COLUMNS.join(';')}\n${cells.join(';')}\n`;
		const a = analyseNow(w.db, w.duna.creditorId, new TextEncoder().encode(csv));
		expect(a.errors).toEqual([
			{ line: 2, field: 'reference', key: 'placement.err.duplicateExisting' }
		]);
	});
});
