/**
 * A bank transfer goes to a claim only when its text names that claim unambiguously. A creditor
 * whose reference is the tail of another creditor's ("2026-0000003" of "DB-2026-0000003"), or
 * contains another creditor's ("TE-2026-0000001-BEF" around "TE-2026-0000001"), must not take
 * the other creditor's transfers: such an entry waits for an operator (ambiguous_reference).
 * Within one creditor the longest reference found still wins, as before.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { testDb, scalar } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { bankOperator, bytes, camt053 } from '../helpers/bank-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { bankImport, runBankImport, uploadStatement } from '../../src/lib/server/services/bank';

describe("another creditor's lookalike reference", () => {
	let db: DB;
	const claims: Record<string, number> = {};
	const charges = { principal: 10_000_000 };

	beforeEach(() => {
		({ db } = testDb());
		const duna = makeCreditor(db, 'Duna Bank Zrt.');
		const tisza = makeCreditor(db, 'Tisza Energia Zrt.', undefined, { taxNumber: '87654321-2-42' });
		const x = makeDebtor(db, 'Minta Mária');
		const y = makeDebtor(db, 'Teszt Elek');
		const add = (cr: typeof duna, debtor: number, reference: string) =>
			(claims[reference] = makeClaim(db, cr, debtor, charges, 'HUF', { reference }));
		add(duna, x, 'DB-2026-0000003');
		add(tisza, y, '2026-0000003');
		add(duna, x, 'TE-2026-0000001');
		add(tisza, y, 'TE-2026-0000001-BEF');
		add(duna, x, 'RZ-2026-00001');
		add(duna, x, 'RZ-2026-000012');
	});

	function run(entries: { ref: string; text: string }[]) {
		const op = bankOperator(db);
		const id = uploadStatement(db, op, {
			fileName: 's.xml',
			bytes: bytes(camt053(entries.map((e) => ({ ...e, amount: '1000' }))))
		});
		runBankImport(db, id);
		return bankImport(db, op, id).entries.map((e) => [e.entryRef, e.status, e.reason, e.claimId]);
	}

	it('a text naming only the tail of a reference is left for an operator, not posted to the tail', () => {
		expect(
			run([
				{ ref: 'T-1', text: 'Szamla 2026/0000003 PT' },
				// the whole reference names the tail too: two creditors' claims, so an operator decides
				{ ref: 'T-2', text: 'DB-2026-0000003' }
			])
		).toEqual([
			['T-1', 'unmatched', 'ambiguous_reference', null],
			['T-2', 'unmatched', 'ambiguous_reference', null]
		]);
		expect(scalar(db, 'SELECT count(*) FROM payments')).toBe(0);
	});

	it("a reference around another creditor's does not take the transfer that names it", () => {
		expect(run([{ ref: 'W-1', text: 'TE-2026-0000001 befizetes' }])).toEqual([
			['W-1', 'unmatched', 'ambiguous_reference', null]
		]);
		expect(scalar(db, 'SELECT count(*) FROM payments')).toBe(0);
	});

	it("one creditor's references: the longest found wins, and a shorter one alone is that claim", () => {
		expect(
			run([
				{ ref: 'R-1', text: 'RZ-2026-000012' },
				{ ref: 'R-2', text: 'rz 2026 00001 köszönöm' }
			])
		).toEqual([
			['R-1', 'posted', null, claims['RZ-2026-000012']],
			['R-2', 'posted', null, claims['RZ-2026-00001']]
		]);
	});
});
