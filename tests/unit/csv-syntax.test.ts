import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../src/lib/domain/csv';
import { analyseAll } from '../../src/lib/domain/placement-file';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';

const parse = (text: string, d = ';') => [...parseCsv(text, d)];
const syntaxError = (text: string) => {
	try {
		parse(text);
	} catch (e) {
		if (e instanceof CsvSyntaxError) return { key: e.key, line: e.line };
		throw e;
	}
	return null;
};

describe('CSV syntax errors name the line', () => {
	it('an unclosed quote is an error at the line where it opens, not a swallowed file', () => {
		expect(syntaxError('a;b\n1;2\n3;"x\n4;5\n6;7\n')).toEqual({
			key: 'csv.unclosedQuote',
			line: 3
		});
		expect(syntaxError('"a;b')).toEqual({ key: 'csv.unclosedQuote', line: 1 });
	});

	it('text after a closing quote is an error at its line', () => {
		expect(syntaxError('a;b\n1;2\n"x"y;2\n')).toEqual({ key: 'csv.textAfterQuote', line: 3 });
		// a stray quote that meets another quote further down
		expect(syntaxError('a;b\n"1;2\n3;4\n5;"6"\n')).toEqual({ key: 'csv.textAfterQuote', line: 4 });
	});

	it('well-formed quoting still reads, blanks after a closing quote are allowed', () => {
		expect(parse('"a;b" ;"c""d"\n"x\ny";z\n').map((r) => r.fields)).toEqual([
			['a;b', 'c"d'],
			['x\ny', 'z']
		]);
		// a quote inside an unquoted field is kept as it is
		expect(parse('Kovács "Jani";2\n').map((r) => r.fields)).toEqual([['Kovács "Jani"', '2']]);
	});

	it('a 1,000-row file with one stray quote fails as a file, naming the line (no rows vanish)', () => {
		const lines = [PLACEMENT_COLUMNS.join(';')];
		for (let i = 0; i < 1000; i++)
			lines.push(
				`R-${i};person;${i === 3 ? '"' : ''}Adós ${i};1970-01-01;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;1000;0;0;0;1000;`
			);
		const a = analyseAll(new TextEncoder().encode(lines.join('\n')), () => false, '2026-03-02');
		expect(a.fileError).toEqual({ key: 'csv.unclosedQuote', params: { line: 5 } });
		expect(a.good).toEqual([]);
	});
});
