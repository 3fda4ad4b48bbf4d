import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePostalCode } from '../../src/lib/domain/address';
import { PLACEMENT_COLUMNS, readHeader, validateRow } from '../../src/lib/domain/placement';

describe('e-mail addresses as they are taken in', () => {
	it('keeps an address with its domain in lower case, names in any script', () => {
		expect(normaliseEmail(' Kiss.Ilona@Example.HU ')).toBe('Kiss.Ilona@example.hu');
		expect(normaliseEmail('anna+szamla@posta.példa.hu')).toBe('anna+szamla@posta.példa.hu');
		expect(normaliseEmail('x@mail-1.example.com')).toBe('x@mail-1.example.com');
	});

	it('refuses a domain that is an IP address, or no name at all (the outside probe mailed a@[127.0.0.1])', () => {
		for (const bad of [
			'a@[127.0.0.1]',
			'billing@[10.0.0.5]',
			'a@127.0.0.1',
			'a@[IPv6:::1]',
			'a@localhost',
			'a@-x.hu',
			'a@x-.hu',
			'a@x..hu',
			'a b@x.hu',
			'a@x.hu, b@y.hu',
			'<a@x.hu>',
			`${'a'.repeat(250)}@x.hu`
		])
			expect(normaliseEmail(bad), bad).toBeNull();
	});

	it('answers at once on long hostile input', () => {
		expect(normaliseEmail(`a@${'a.'.repeat(120)}`)).toBeNull();
		expect(normaliseEmail(`a@${'a-'.repeat(120)}.hu`)).toBeNull();
		expect(normaliseEmail(`a@${'.'.repeat(400_000)}`)).toBeNull();
	});
});

describe('postal codes', () => {
	it('are four digits, spaces dropped; nothing else passes for one', () => {
		expect(normalisePostalCode(' 10 51 ')).toBe('1051');
		for (const bad of [
			'1100X',
			'10000',
			'105',
			'1e+308',
			'NaN',
			'١٠٠٠',
			'１０００',
			'0x10',
			'+1000'
		])
			expect(normalisePostalCode(bad), bad).toBeNull();
	});

	it('a placed row with another postal code is refused on that field', () => {
		const header = [...PLACEMENT_COLUMNS];
		const { index } = readHeader(header);
		const row = (postal: string) =>
			header.map(
				(h) =>
					(<Record<string, string>>{
						reference: 'R-1',
						debtor_type: 'person',
						debtor_name: 'Kiss Ilona',
						birth_date: '1970-02-03',
						postal_code: postal,
						city: 'Debrecen',
						address: 'Piac u. 1.',
						currency: 'HUF',
						due_date: '2025-12-01',
						principal: '1000',
						interest: '0',
						fees: '0',
						costs: '0',
						total: '1000'
					})[h] ?? ''
			);
		for (const bad of ['1100X', '10000', '1e+308'])
			expect(validateRow(2, row(bad), index, '2026-03-02').errors).toEqual([
				expect.objectContaining({ field: 'postal_code', key: 'placement.err.postalCode' })
			]);
		expect(validateRow(2, row('4026'), index, '2026-03-02').row).toMatchObject({
			postalCode: '4026'
		});
	});
});
