/** The operator search's query plan (domain/search.ts): user text only ever inside quoted FTS5 strings. */
import { describe, expect, it } from 'vitest';
import { ftsString, phoneForms, searchPlan } from '../../src/lib/domain/search';

describe('searchPlan', () => {
	it('quotes user text, doubling quotes', () => {
		expect(ftsString('a"b')).toBe('"a""b"');
		expect(searchPlan('kov"acs').debtors).toBe('(name : "kov""acs") OR email : "kov""acs"');
	});

	it('looks for each word of 3+ characters in the name; e-mail only for one word', () => {
		expect(searchPlan('  anna   kov x ').debtors).toBe('(name : "anna" AND name : "kov")');
		expect(searchPlan('anna kov').claims).toBe('ref : "^anna kov"');
	});

	it('reads digits however punctuated as a phone or tax number part', () => {
		expect(searchPlan('+36 30 123').debtors).toBe(
			'(name : "+36" AND name : "123") OR phone : "3630123" OR phone : "0630123" OR tax : "3630123"'
		);
		expect(searchPlan('12345678-2-42').debtors).toBe(
			'(name : "12345678-2-42") OR email : "12345678-2-42" OR phone : "12345678242" OR tax : "12345678242"'
		);
	});

	it('looks for a Hungarian number with 06, 36 and 0036 alike', () => {
		expect(phoneForms('06307482405')).toEqual(['06307482405', '36307482405']);
		expect(phoneForms('0036307482405')).toEqual(['0036307482405', '36307482405', '06307482405']);
		expect(phoneForms('36307')).toEqual(['36307', '06307']);
		expect(phoneForms('307482405')).toEqual(['307482405']);
	});

	it('reads YYYY-MM-DD as a birth date only', () => {
		expect(searchPlan('1984-05-17').debtors).toBe('birth : "1984-05-17"');
	});

	it('is too short under 3 characters, after trimming and removing control characters', () => {
		expect(searchPlan(' ab ').tooShort).toBe(true);
		expect(searchPlan('a\u0000b').tooShort).toBe(false);
		expect(searchPlan('\u0000\u0001x').tooShort).toBe(true);
		expect(searchPlan('x'.repeat(500)).query).toHaveLength(200);
	});
});
