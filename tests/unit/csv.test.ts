import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	decodeUtf8,
	parseCsv,
	detectDelimiter,
	csvLine,
	csvField,
	BOM
} from '../../src/lib/domain/csv';

const parse = (text: string, d = ';') => [...parseCsv(text, d)];

describe('csv', () => {
	it('decodes UTF-8 with or without BOM and refuses Latin-2 / Windows-1250 bytes', () => {
		const utf8 = new TextEncoder().encode(BOM + 'név;összeg\nŐry Ödön;12\n');
		expect(decodeUtf8(utf8)).toEqual({ ok: true, text: 'név;összeg\nŐry Ödön;12\n' });
		// "Őry" in Windows-1250: 0xD5 = Ő
		const latin2 = new Uint8Array([0xd5, 0x72, 0x79, 0x3b, 0x31, 0x0a]);
		expect(decodeUtf8(latin2)).toEqual({ ok: false, key: 'csv.encoding' });
	});

	it('reads quoted fields with delimiters, doubled quotes and line breaks, and reports start lines', () => {
		const text = 'a;b;c\r\n1;"x;y";"he said ""hi"""\r\n\r\n2;"two\nlines";z\n3;;\n';
		expect(parse(text)).toEqual([
			{ line: 1, fields: ['a', 'b', 'c'] },
			{ line: 2, fields: ['1', 'x;y', 'he said "hi"'] },
			{ line: 4, fields: ['2', 'two\nlines', 'z'] },
			{ line: 6, fields: ['3', '', ''] }
		]);
	});

	it('round-trips any table through csvLine and parseCsv', () => {
		const cell = fc.string({ maxLength: 12 }).filter((s) => !/^[=@+\-\t\r]/.test(s));
		fc.assert(
			fc.property(
				fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
				(rows) => {
					const width = rows[0].length;
					const table = rows.map((r) => [...r, ...new Array(width).fill('x')].slice(0, width));
					const text = table.map((r) => csvLine(r)).join('');
					const back = parse(text).map((r) => r.fields);
					const expected = table.filter((r) => !(r.length === 1 && r[0].trim() === ''));
					expect(back).toEqual(expected);
				}
			)
		);
	});

	it('detects ; or , and names a wrong delimiter', () => {
		const cols = ['reference', 'currency', 'total'];
		expect(detectDelimiter('reference;currency;total', cols)).toEqual({ ok: true, delimiter: ';' });
		expect(detectDelimiter('reference,currency,total', cols)).toEqual({ ok: true, delimiter: ',' });
		expect(detectDelimiter('reference\tcurrency\ttotal', cols)).toEqual({
			ok: false,
			key: 'csv.delimiter',
			found: 'TAB'
		});
		expect(detectDelimiter('reference|currency|total', cols)).toEqual({
			ok: false,
			key: 'csv.delimiter',
			found: '|'
		});
		expect(detectDelimiter('', cols)).toEqual({ ok: false, key: 'csv.empty' });
	});

	it('neutralises formulas in exported fields', () => {
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('-12.50')).toBe('-12.50');
		expect(csvField(-1250)).toBe('-1250');
		expect(csvField('+36 30 123 4567')).toBe('+36 30 123 4567');
		expect(csvField('+cmd|x')).toBe("'+cmd|x");
	});
});
