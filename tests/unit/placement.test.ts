import { translate } from '../../src/lib/i18n';
import { describe, expect, it } from 'vitest';
import {
	isValidHuTaxNumber,
	normaliseDate,
	readHeader,
	validateRow,
	PLACEMENT_COLUMNS
} from '../../src/lib/domain/placement';

const header = [...PLACEMENT_COLUMNS];
const { index } = readHeader(header);
const base: Record<string, string> = {
	reference: 'R-1',
	debtor_type: 'person',
	debtor_name: 'Kiss Ilona',
	birth_date: '1970-02-03',
	tax_number: '',
	postal_code: '1051',
	city: 'Budapest',
	address: 'Fő u. 1.',
	email: '',
	phone: '',
	currency: 'HUF',
	due_date: '2025-12-01',
	principal: '100 000',
	interest: '5000',
	fees: '0',
	costs: '1500',
	total: '106500',
	description: ''
};
const row = (o: Record<string, string> = {}) => header.map((h) => ({ ...base, ...o })[h] ?? '');
const check = (o: Record<string, string> = {}) => validateRow(7, row(o), index, '2026-03-02');

describe('placement rows', () => {
	it('accepts a good person row and keeps amounts in minor units', () => {
		const r = check();
		expect(r.errors).toEqual([]);
		expect(r.row).toMatchObject({
			line: 7,
			principalMinor: 10_000_000,
			interestMinor: 500_000,
			costsMinor: 150_000,
			totalMinor: 10_650_000,
			birthDate: '1970-02-03'
		});
	});

	it('reads a CSV file’s amounts as people write them, the API’s only as plain decimals', () => {
		const amounts = { principal: '1.500,00', interest: '0', fees: '0', costs: '0', total: '1 500' };
		expect(check(amounts).row).toMatchObject({ principalMinor: 150_000, totalMinor: 150_000 });
		const api = validateRow(1, row(amounts), index, '2026-03-02', 'decimal');
		expect(api.errors.map((e) => [e.field, e.key])).toEqual([
			['principal', 'placement.err.decimalAmount'],
			['total', 'placement.err.decimalAmount']
		]);
		const plain = { ...amounts, principal: '1500.00', total: '1500' };
		expect(validateRow(1, row(plain), index, '2026-03-02', 'decimal').row).toMatchObject({
			principalMinor: 150_000,
			totalMinor: 150_000
		});
	});

	it('refuses control and text-direction characters in every field, one error per field', () => {
		for (const bad of [
			'\u0000',
			'\u0007',
			'\t',
			'\u001b',
			'\u007f',
			'\u0085',
			'\u061c',
			'\u200e',
			'\u200f',
			'\u2028',
			'\u202a',
			'\u202e',
			'\u2066',
			'\u2069'
		])
			for (const column of PLACEMENT_COLUMNS) {
				const value =
					column === 'description' && '\t\n\r'.includes(bad)
						? null
						: `${base[column] || 'x'}${bad}1`;
				if (value == null) continue;
				expect(check({ [column]: value }).errors, `${column} ${escape(bad)}`).toEqual([
					{ line: 7, field: column, key: 'placement.err.controlChar', params: { column } }
				]);
			}
	});

	it('folds a description’s line breaks into spaces; other fields keep ordinary letters', () => {
		const r = check({ description: 'Mobil\r\n 2025/11\tszámla', debtor_name: 'Kiss-Nagy Ilona Ő' });
		expect(r.errors).toEqual([]);
		expect(r.row).toMatchObject({
			description: 'Mobil 2025/11 számla',
			debtorName: 'Kiss-Nagy Ilona Ő'
		});
	});

	it('reads long hostile fields in one pass: spaces in a description, dots in an e-mail', () => {
		// a regex with white space on both sides of the line break, and the e-mail pattern on an
		// unbounded field, were quadratic: 120 000 spaces held the server for 24 s
		const spaces = ' '.repeat(400_000);
		const r = check({ description: `a${spaces}b\n${spaces}c` });
		expect(r.row?.description).toBe(`a${spaces}b c`.slice(0, 500));
		const dots = check({ email: `a@${'.'.repeat(400_000)}@` });
		expect(dots.errors.map((e) => [e.field, e.key])).toEqual([['email', 'placement.err.email']]);
		expect(check({ email: `${'a'.repeat(250)}@b.hu` }).errors.map((e) => e.field)).toEqual([
			'email'
		]);
		expect(check({ email: 'kiss.ilona@example.hu' }).errors).toEqual([]);
	});

	it('rejects amounts that do not add up, naming both sums', () => {
		expect(check({ total: '106 000' }).errors).toEqual([
			{
				line: 7,
				field: 'total',
				key: 'placement.err.totalMismatch',
				params: { sum: 10_650_000, total: 10_600_000, currency: 'HUF' }
			}
		]);
	});

	it('names the sums as money in the message, forints and euros (walkthrough item 8)', () => {
		const [e] = check({ total: '106 000' }).errors;
		const said = translate('hu', e.key, e.params).replace(/\u00a0/g, ' ');
		expect(said).toContain('összege 106 500 Ft');
		expect(said).toContain('106 000 Ft áll');
		const [eur] = check({ currency: 'EUR', interest: '5000,50', total: '106000' }).errors;
		expect(translate('hu', eur.key, eur.params).replace(/\u00a0/g, ' ')).toContain(
			'összege 106 500,50 EUR'
		);
		// in the reader's language: an English reader reads English money
		const en = translate('en', e.key, e.params).replace(/\u00a0/g, ' ');
		expect(en).toContain('add up to HUF 106,500, but total says HUF 106,000');
		expect(translate('en', eur.key, eur.params)).toContain('€106,500.50');
	});

	it('takes forint amounts in whole forints only; euro amounts keep their cents', () => {
		expect(
			check({ interest: '5000,50', total: '106500,50' }).errors.map((e) => [e.field, e.key])
		).toEqual([
			['interest', 'placement.err.wholeForint'],
			['total', 'placement.err.wholeForint']
		]);
		const eur = check({
			currency: 'EUR',
			principal: '1000,50',
			interest: '0',
			costs: '0',
			total: '1000,50'
		});
		expect(eur.errors).toEqual([]);
		expect(eur.row?.totalMinor).toBe(100_050);
	});

	it('needs a birth date for a person and a valid tax number for a company', () => {
		expect(check({ birth_date: '' }).errors.map((e) => e.key)).toEqual([
			'placement.err.birthDateRequired'
		]);
		expect(check({ birth_date: '1970-02-30' }).errors.map((e) => e.key)).toEqual([
			'placement.err.date'
		]);
		expect(
			check({ debtor_type: 'company', birth_date: '', tax_number: '' }).errors.map((e) => e.key)
		).toEqual(['placement.err.taxNumberRequired']);
		expect(
			check({ debtor_type: 'company', birth_date: '', tax_number: '12345678-2-42' }).errors.map(
				(e) => e.key
			)
		).toEqual(['placement.err.taxNumber']);
		expect(
			check({ debtor_type: 'company', birth_date: '', tax_number: '12345676-2-42' }).row?.taxNumber
		).toBe('12345676-2-42');
	});

	it('checks required fields, currency, dates and amounts, all errors of a row at once', () => {
		const r = check({ debtor_name: '', currency: 'USD', due_date: '2026-04-01', principal: '-5' });
		expect(r.errors.map((e) => [e.field, e.key])).toEqual([
			['debtor_name', 'placement.err.required'],
			['currency', 'placement.err.currency'],
			['due_date', 'placement.err.dueFuture'],
			['principal', 'placement.err.negative']
		]);
	});

	it('Hungarian tax numbers: check digit and county code', () => {
		expect(isValidHuTaxNumber('12345676-2-42')).toBe(true);
		expect(isValidHuTaxNumber('12345676242')).toBe(true);
		expect(isValidHuTaxNumber('12345677-2-42')).toBe(false);
		expect(isValidHuTaxNumber('12345676-6-42')).toBe(false);
		expect(isValidHuTaxNumber('12345676-2-99')).toBe(false);
	});

	it('reads Hungarian date habits', () => {
		expect(normaliseDate('2025.12.01.')).toBe('2025-12-01');
		expect(normaliseDate('2025-2-3')).toBe('2025-02-03');
		expect(normaliseDate('01/12/2025')).toBeNull();
	});

	it('reports missing columns by name', () => {
		expect(readHeader(['reference', 'debtor_name']).missing).toContain('total');
	});
});
