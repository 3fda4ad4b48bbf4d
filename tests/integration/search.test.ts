/**
 * The operator search (issue 18 item 1): debtors by name (accents and case ignored, in part, words
 * in any order), phone and tax number in part however punctuated, e-mail, birth date; claims by
 * reference prefix. The FTS5 indexes follow every change of a debtor (triggers), anonymised
 * debtors cannot be found, creditors are refused, and no typed text is read as FTS syntax.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';
import { searchCases } from '../../src/lib/server/services/search';
import { searchBackfill } from '../../src/lib/server/db/seed/search-index';
import { ForbiddenError } from '../../src/lib/server/services/errors';

afterAll(removeTempDbs);

const operator: Actor = { kind: 'operator', userId: 1 };
const admin: Actor = { kind: 'admin', userId: 2 };

function world() {
	const { db } = testDb();
	const bank = makeCreditor(db, 'Duna Bank Zrt.');
	const anna = makeDebtor(db, 'Kovács Anna', {
		phone: '+36 30 123 4567',
		email: 'Kovacs.Anna@Example.hu'
	});
	const gabor = makeDebtor(db, 'Szőke Gábor', { phone: '06-20-987-6543', email: 'gabor@pelda.hu' });
	const kft = makeDebtor(db, 'Kertész és Társa Kft.');
	db.$client
		.prepare("UPDATE debtors SET kind = 'company', birth_date = NULL, tax_number = ? WHERE id = ?")
		.run('24681357-2-42', kft);
	db.$client.prepare('UPDATE debtors SET birth_date = ? WHERE id = ?').run('1975-11-23', gabor);
	makeClaim(db, bank, anna, { principal: 100_000 }, 'HUF', { reference: 'DB-2026-0001' });
	makeClaim(db, bank, anna, { principal: 20_000 }, 'HUF', { reference: 'DB-2026-0002' });
	makeClaim(db, bank, anna, { principal: 5_000 }, 'EUR', { reference: 'XDB-77' });
	makeClaim(db, bank, gabor, { principal: 30_000 }, 'HUF', {
		reference: 'PB-88',
		stage: 'firm_reminder'
	});
	return { db, bank, anna, gabor, kft };
}

const names = (db: DB, q: string, actor: Actor = operator) =>
	searchCases(db, actor, q).debtors.map((d) => d.name);
const refs = (db: DB, q: string) => searchCases(db, operator, q).claims.map((c) => c.reference);

describe('operator search', () => {
	it('finds a debtor by name with or without accents, any case, in part and words in any order', () => {
		const { db } = world();
		for (const q of ['kovacs', 'Kovács', 'KOVÁCS', 'ovác', 'anna kov', 'kov anna'])
			expect(names(db, q), q).toEqual(['Kovács Anna']);
		expect(names(db, 'szoke gab')).toEqual(['Szőke Gábor']);
		expect(names(db, 'kertesz')).toEqual(['Kertész és Társa Kft.']);
		expect(names(db, 'anna szoke')).toEqual([]);
		// an admin may search too
		expect(names(db, 'kovacs', admin)).toEqual(['Kovács Anna']);
	});

	it('finds a debtor by a part of the phone number, however punctuated', () => {
		const { db } = world();
		for (const q of ['1234567', '123 4567', '+36 30 123', '36301234567', '30-123-45'])
			expect(names(db, q), q).toEqual(['Kovács Anna']);
		expect(names(db, '9876543')).toEqual(['Szőke Gábor']);
		expect(names(db, '06 20 987')).toEqual(['Szőke Gábor']);
	});

	it('finds a number typed the Hungarian way (06 …) stored as +36, and the reverse', () => {
		const { db } = world();
		for (const q of ['06301234567', '06 30 123 4567', '06-30-123-4567', '0036301234567'])
			expect(names(db, q), q).toEqual(['Kovács Anna']);
		for (const q of ['+36 20 987 6543', '36209876543'])
			expect(names(db, q), q).toEqual(['Szőke Gábor']);
	});

	it('orders names the Hungarian way (Á after A, before B and Z)', () => {
		const { db } = world();
		for (const n of ['Kovács Zsuzsanna', 'Kovács Ádám', 'Kovács Béla', 'Kovács Csaba'])
			makeDebtor(db, n);
		expect(names(db, 'kovács')).toEqual([
			'Kovács Ádám',
			'Kovács Anna',
			'Kovács Béla',
			'Kovács Csaba',
			'Kovács Zsuzsanna'
		]);
	});

	it('finds a debtor by e-mail in part and any case, by birth date, by tax number with or without dashes', () => {
		const { db } = world();
		expect(names(db, 'kovacs.anna@example.hu')).toEqual(['Kovács Anna']);
		expect(names(db, 'KOVACS.ANNA@')).toEqual(['Kovács Anna']);
		expect(names(db, 'pelda.hu')).toEqual(['Szőke Gábor']);
		expect(names(db, '1975-11-23')).toEqual(['Szőke Gábor']);
		expect(names(db, '1975-11-24')).toEqual([]);
		expect(names(db, '24681357-2-42')).toEqual(['Kertész és Társa Kft.']);
		expect(names(db, '24681357242')).toEqual(['Kertész és Társa Kft.']);
		expect(names(db, '24681357')).toEqual(['Kertész és Társa Kft.']);
	});

	it('reads a birth date and a reference the way the rest of the product does', () => {
		const { db } = world();
		// as the debtor's page takes a birth date (services/access.ts normaliseBirthDate)
		expect(names(db, '1975.11.23')).toEqual(['Szőke Gábor']);
		expect(names(db, '1975. 11. 23.')).toEqual(['Szőke Gábor']);
		expect(names(db, '1975/11/23')).toEqual(['Szőke Gábor']);
		expect(names(db, '1975.11.24')).toEqual([]);
		// as the bank match and sign-in by reference read one: spaces, dashes and case aside
		expect(refs(db, 'db2026 0001')).toEqual(['DB-2026-0001']);
		expect(refs(db, 'db 2026')).toEqual(['DB-2026-0001', 'DB-2026-0002']);
		expect(refs(db, 'pb88')).toEqual(['PB-88']);
		expect(refs(db, '2026 0001')).toEqual([]);
	});

	it("gives each debtor's city, number of claims and balance per currency", () => {
		const { db } = world();
		const [hit] = searchCases(db, operator, 'kovacs').debtors;
		expect(hit).toMatchObject({ name: 'Kovács Anna', city: 'Budapest', claims: 3 });
		expect(hit.balances).toEqual([
			{ currency: 'EUR', minor: 5_000 },
			{ currency: 'HUF', minor: 120_000 }
		]);
	});

	it('finds claims by the beginning of the reference, any case, with creditor, debtor, stage and status', () => {
		const { db } = world();
		expect(refs(db, 'db-2026')).toEqual(['DB-2026-0001', 'DB-2026-0002']);
		expect(refs(db, 'DB-2026-0002')).toEqual(['DB-2026-0002']);
		// a prefix only: 'XDB-77' does not begin with 'db-'
		expect(refs(db, 'db-')).toEqual(['DB-2026-0001', 'DB-2026-0002']);
		expect(refs(db, '2026-0001')).toEqual([]);
		const [c] = searchCases(db, operator, 'pb-88').claims;
		expect(c).toMatchObject({
			reference: 'PB-88',
			creditor: 'Duna Bank Zrt.',
			debtor: 'Szőke Gábor',
			stage: 'firm_reminder',
			status: 'open'
		});
	});

	it('says a query shorter than 3 characters is too short and searches nothing', () => {
		const { db } = world();
		for (const q of ['', '  ', 'ko', ' k ']) {
			const r = searchCases(db, operator, q);
			expect(r.tooShort, q).toBe(true);
			expect(r.debtors).toEqual([]);
			expect(r.claims).toEqual([]);
		}
		expect(searchCases(db, operator, 'kov').tooShort).toBe(false);
	});

	it('refuses creditors (and debtors)', () => {
		const { db, bank, anna } = world();
		expect(() =>
			searchCases(db, { kind: 'creditor', userId: 3, creditorId: bank.creditorId }, 'kovacs')
		).toThrow(ForbiddenError);
		expect(() => searchCases(db, { kind: 'debtor', debtorId: anna }, 'kovacs')).toThrow(
			ForbiddenError
		);
	});

	it('reads no input as FTS syntax: quotes, stars, operators never throw', () => {
		const { db } = world();
		const nasty = [
			'"',
			'""""',
			'kov"acs',
			'"kovacs"',
			'kov*',
			'***',
			'NEAR(kovacs anna)',
			'kovacs AND anna',
			'kovacs OR',
			'NOT kovacs',
			'name:kovacs',
			'{name email}: x',
			'^kov',
			'(((',
			'a - b + c',
			"'; DROP TABLE debtors; --",
			'%_%',
			'\u0000kovacs\u0007',
			'x'.repeat(5000)
		];
		for (const q of nasty) expect(() => searchCases(db, operator, q), q).not.toThrow();
		expect(names(db, 'kov"acs')).toEqual([]);
		// words are words: 'AND' is looked for in the name, not read as an operator
		expect(names(db, 'kovacs AND anna')).toEqual([]);
		expect(names(db, '"kovacs" anna')).toEqual([]);
		expect(names(db, 'kovacs anna')).toEqual(['Kovács Anna']);
		expect(scalar(db, 'SELECT count(*) FROM debtors')).toBe(3);
	});

	it("follows a change of the debtor's name, phone and e-mail", () => {
		const { db, anna } = world();
		db.$client
			.prepare('UPDATE debtors SET name = ?, phone = ?, email = ? WHERE id = ?')
			.run('Nagy Anna', '+36 70 555 1212', 'nagy.anna@example.hu', anna);
		expect(names(db, 'kovacs')).toEqual([]);
		expect(names(db, '1234567')).toEqual([]);
		expect(names(db, 'kovacs.anna')).toEqual([]);
		expect(names(db, 'nagy anna')).toEqual(['Nagy Anna']);
		expect(names(db, '5551212')).toEqual(['Nagy Anna']);
		expect(names(db, 'nagy.anna@')).toEqual(['Nagy Anna']);
	});

	it('an anonymised debtor is found by nothing personal; the claims still by reference', () => {
		const { db, anna } = world();
		// only the mark set, the data left in place: the index itself must drop the debtor
		db.$client.prepare('UPDATE debtors SET anonymized_at = 1 WHERE id = ?').run(anna);
		for (const q of ['kovacs', '1234567', 'kovacs.anna@example.hu', '1980-04-02'])
			expect(names(db, q), q).toEqual([]);
		expect(
			scalar(db, "SELECT count(*) FROM search_debtors WHERE search_debtors MATCH 'kovacs'")
		).toBe(0);
		// a later change of the row does not bring it back
		db.$client.prepare("UPDATE debtors SET city = '', name = 'x' WHERE id = ?").run(anna);
		expect(scalar(db, 'SELECT count(*) FROM search_debtors WHERE rowid = ?', anna)).toBe(0);
		const claims = searchCases(db, operator, 'db-2026').claims;
		expect(claims.map((c) => [c.reference, c.debtor])).toEqual([
			['DB-2026-0001', ''],
			['DB-2026-0002', '']
		]);
	});

	it("the migration's backfill (which the seed runs again after its bulk load) indexes rows already there", () => {
		const { db } = world();
		db.$client.exec('DELETE FROM search_debtors; DELETE FROM search_claims;');
		expect(names(db, 'kovacs')).toEqual([]);
		const fill = searchBackfill(path.resolve('drizzle'));
		expect(fill.map((f) => f.table).sort()).toEqual(['search_claims', 'search_debtors']);
		for (const f of fill) db.$client.exec(f.sql);
		expect(names(db, 'kovacs')).toEqual(['Kovács Anna']);
		expect(names(db, '9876543')).toEqual(['Szőke Gábor']);
		expect(names(db, '24681357242')).toEqual(['Kertész és Társa Kft.']);
		expect(refs(db, 'pb-8')).toEqual(['PB-88']);
	});
});
