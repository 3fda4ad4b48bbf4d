/**
 * A claim's reference goes on bank transfers; a reference two claims share cannot be matched to
 * a payment (the bank import leaves it for an operator, and the debtor who paid is chased on). So
 * a creditor cannot place a claim under a reference another creditor's claim already has: not
 * by the API, not by a CSV file. "The same" is as the bank import reads a transfer: case, spaces,
 * dashes, dots, slashes and underscores aside (`referenceKey`), so "te 2026/0000001" is taken too.
 */
import { describe, expect, it } from 'vitest';
import { addClaim, addCreditor, addPortfolio } from '../helpers/reports-fixtures';
import { testDb } from '../helpers/db';
import { API_ROW, creditorUser } from '../helpers/creditor-fixtures';
import { apiPlaceClaim } from '../../src/lib/server/services/api-claims';
import {
	analyseNow,
	confirmPlacement,
	createPlacementJob,
	validateJob
} from '../../src/lib/server/services/placements';
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
	return {
		db,
		tisza: creditorUser(db, tisza, 'admin@tisza'),
		duna: creditorUser(db, duna, 'admin@duna')
	};
}

const row = { ...API_ROW, reference: 'TE-2026-0000001' };
/** The same reference as a transfer's text is read: differs only in case, spaces and `-./_`. */
const LOOKALIKES = ['te-2026-0000001', 'TE 2026 0000001', 'TE/2026.0000001', 'te_2026_0000001'];
const refused = {
	ok: false,
	errors: [{ line: 1, field: 'reference', key: 'placement.err.duplicateExisting' }]
};
const csvOf = (...references: string[]) => {
	const lines = references.map((reference) =>
		PLACEMENT_COLUMNS.map((c) => (({ ...row, reference }) as Record<string, string>)[c] ?? '').join(
			';'
		)
	);
	return new TextEncoder().encode(`${PLACEMENT_COLUMNS.join(';')}\n${lines.join('\n')}\n`);
};
const keyCount = (w: ReturnType<typeof world>, like: string) =>
	w.db.$client
		.prepare(
			"SELECT count(*) FROM claims WHERE upper(replace(replace(replace(replace(replace(reference, ' ', ''), '-', ''), '.', ''), '/', ''), '_', '')) = ?"
		)
		.pluck()
		.get(like);

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

	it('one differing only in case, spaces, dashes, dots, slashes or underscores is refused by the API', () => {
		const w = world();
		for (const reference of LOOKALIKES)
			expect(apiPlaceClaim(w.db, w.duna, { ...row, reference })).toEqual(refused);
		expect(keyCount(w, 'TE20260000001')).toBe(1);
	});

	it('the creditor itself gets its claim back for the very same reference, and a lookalike refused', () => {
		const w = world();
		const again = apiPlaceClaim(w.db, w.tisza, row);
		expect(again).toMatchObject({ ok: true, created: false });
		expect(apiPlaceClaim(w.db, w.tisza, { ...row, reference: 'te 2026 0000001' })).toEqual(refused);
		expect(keyCount(w, 'TE20260000001')).toBe(1);
	});

	it('a lookalike is refused on its line in a CSV file, and two lookalikes in one file are duplicates', () => {
		const w = world();
		const a = analyseNow(w.db, w.duna.creditorId, csvOf('te 2026/0000001', 'DB-1-A', 'db.1.a'));
		expect(a.errors).toEqual([
			{ line: 2, field: 'reference', key: 'placement.err.duplicateExisting' },
			{ line: 4, field: 'reference', key: 'placement.err.duplicateInFile', params: { line: 3 } }
		]);
		expect(a.good.map((r) => r.reference)).toEqual(['DB-1-A']);
	});

	it('a lookalike placed while a file waited is skipped when the file is placed', async () => {
		const w = world();
		const id = createPlacementJob(w.db, w.duna, {
			fileName: 'duna.csv',
			portfolioName: 'Duna 1',
			bytes: csvOf('DB-2026-0000009', 'DB-2026-0000010')
		});
		expect((await validateJob(w.db, w.duna, id)).goodRows).toBe(2);
		expect(apiPlaceClaim(w.db, w.tisza, { ...row, reference: 'db 2026 0000009' }).ok).toBe(true);
		expect(confirmPlacement(w.db, w.duna, id)).toMatchObject({ placed: 1, skipped: 1 });
		expect(keyCount(w, 'DB20260000009')).toBe(1);
		expect(keyCount(w, 'DB20260000010')).toBe(1);
	});
});
