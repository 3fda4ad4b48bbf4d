/**
 * What the creditors' API takes as a claim's amounts and texts: one unambiguous decimal form
 * (a JSON API must not read "100.555" as a hundred thousand), and no control or text-direction
 * characters in a reference or a name (they would reach transfers, letters and CSV exports).
 */
import { describe, expect, it } from 'vitest';
import { addCreditor } from '../helpers/reports-fixtures';
import { API_ROW, creditorUser } from '../helpers/creditor-fixtures';
import { scalar, testDb } from '../helpers/db';
import { apiPlaceClaim } from '../../src/lib/server/services/api-claims';

function world() {
	const { db } = testDb('2026-11-02');
	return { db, adminA: creditorUser(db, addCreditor(db, 'A Bank'), 'admin@a') };
}

describe('API amounts', () => {
	const base = {
		debtor_type: 'company',
		debtor_name: 'Példa Kft.',
		tax_number: '12345676-2-42',
		postal_code: '6720',
		city: 'Szeged',
		address: 'Kárász utca 5.',
		due_date: '2026-09-30',
		interest: '0',
		fees: '0',
		costs: '0'
	};
	const place = (
		w: ReturnType<typeof world>,
		reference: string,
		currency: string,
		amount: string | number
	) =>
		apiPlaceClaim(w.db, w.adminA, {
			...base,
			reference,
			currency,
			principal: amount,
			total: amount
		});

	it('a point is always the decimal mark: "1.500" is not fifteen hundred, and three decimals are refused', () => {
		const w = world();
		for (const [i, [currency, amount]] of [
			['EUR', '100.555'],
			['EUR', '0.001'],
			['HUF', '1.500'],
			['HUF', '1 500'],
			['EUR', '1500,50'],
			['EUR', '1,500.50'],
			['EUR', '€ 15'],
			['EUR', '1e3'],
			['EUR', 100.555]
		].entries()) {
			const r = place(w, `AM-${i}`, currency as string, amount);
			expect(r.ok ? r.claim.placedMinor : r.errors).toEqual([
				{
					line: 1,
					field: 'principal',
					key: 'placement.err.decimalAmount',
					params: { column: 'principal' }
				},
				{ line: 1, field: 'total', key: 'placement.err.decimalAmount', params: { column: 'total' } }
			]);
		}
		expect(scalar(w.db, "SELECT count(*) FROM claims WHERE reference LIKE 'AM-%'")).toBe(0);
	});

	it('reads a JSON number or a plain decimal string in major units', () => {
		const w = world();
		const minor = (reference: string, currency: string, amount: string | number) => {
			const r = place(w, reference, currency, amount);
			return r.ok ? r.claim.placedMinor : r.errors;
		};
		expect(minor('OK-1', 'EUR', '100.55')).toBe(10_055);
		expect(minor('OK-2', 'EUR', 1065.5)).toBe(106_550);
		expect(minor('OK-3', 'EUR', '0.01')).toBe(1);
		expect(minor('OK-4', 'HUF', 1500)).toBe(150_000);
		expect(minor('OK-5', 'HUF', '1500.00')).toBe(150_000);
		// forint claims stay whole forints
		expect(minor('OK-6', 'HUF', '1500.50')).toMatchObject([
			{ key: 'placement.err.wholeForint' },
			{}
		]);
	});
});

describe('API texts', () => {
	it('refuse control and text-direction characters in a reference or a name, and place nothing', () => {
		const w = world();
		const row = {
			...API_ROW,
			reference: 'PX-9\u202e\u0000',
			debtor_name: 'Teszt\u0000Elek',
			city: 'Buda\u2066pest',
			description: 'Számla\u200f 12'
		};
		const r = apiPlaceClaim(w.db, w.adminA, row);
		expect(r.ok ? r.claim : r.errors.map((e) => [e.field, e.key])).toEqual([
			['reference', 'placement.err.controlChar'],
			['debtor_name', 'placement.err.controlChar'],
			['city', 'placement.err.controlChar'],
			['description', 'placement.err.controlChar']
		]);
		expect(scalar(w.db, "SELECT count(*) FROM claims WHERE reference LIKE 'PX-9%'")).toBe(0);
		const ok = apiPlaceClaim(w.db, w.adminA, {
			...row,
			reference: 'PX-9',
			debtor_name: 'Teszt Elek',
			city: 'Budapest',
			description: 'Számla 12'
		});
		expect(ok.ok && ok.claim.reference).toBe('PX-9');
	});

	it('refuse a reference that could not be typed into a transfer (a look-alike of another)', () => {
		const w = world();
		// a no-break space, an en dash, a letter with an accent, a leading dash
		for (const reference of ['WV\u00a0244228', 'TE\u20132026\u20130000289', 'SZÁMLA-1', '-PX-10']) {
			const r = apiPlaceClaim(w.db, w.adminA, { ...API_ROW, reference });
			expect(r.ok ? r.claim : r.errors.map((e) => [e.field, e.key]), reference).toEqual([
				['reference', 'placement.err.referenceChars']
			]);
		}
		// what a transfer's text carries is fine
		const ok = apiPlaceClaim(w.db, w.adminA, { ...API_ROW, reference: "WV 244/228 (a+b)'c" });
		expect(ok.ok).toBe(true);
	});

	it('refuse a reference of letters alone: it would take other transfers that carry the word', () => {
		const w = world();
		for (const reference of ['BEFIZETES', 'Szamla', 'ABC-DEF']) {
			const r = apiPlaceClaim(w.db, w.adminA, { ...API_ROW, reference });
			expect(r.ok ? r.claim : r.errors.map((e) => [e.field, e.key]), reference).toEqual([
				['reference', 'placement.err.referenceDigit']
			]);
		}
		expect(apiPlaceClaim(w.db, w.adminA, { ...API_ROW, reference: 'BEFIZETES-7' }).ok).toBe(true);
	});
});
