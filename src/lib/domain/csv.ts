/**
 * CSV reading and writing (RFC 4180 with either ',' or ';' as delimiter; Hungarian Excel writes ';').
 * Pure: bytes or text in, records out. Encoding problems and delimiters are reported as i18n keys.
 */

export const BOM = '\uFEFF';

export type DecodeResult = { ok: true; text: string } | { ok: false; key: 'csv.encoding' };

/**
 * Strict UTF-8 (with or without BOM). Latin-2 / Windows-1250 bytes such as 0xF5 (ő) or 0xFB (ű)
 * are not valid UTF-8, so such a file is refused with a clear message instead of turning names
 * into mojibake.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
	try {
		let text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
		if (text.startsWith(BOM)) text = text.slice(1);
		return { ok: true, text };
	} catch {
		return { ok: false, key: 'csv.encoding' };
	}
}

export interface CsvRecord {
	/** 1-based line of the file where the record starts (the header is line 1) */
	line: number;
	fields: string[];
}

/**
 * A file that is not well-formed CSV: a quote that is never closed (which would swallow every
 * following line into one field) or text after a closing quote. `line` is where it happens.
 */
export class CsvSyntaxError extends Error {
	constructor(
		readonly key: 'csv.unclosedQuote' | 'csv.textAfterQuote',
		readonly line: number
	) {
		super(`${key} at line ${line}`);
	}
}

/**
 * Splits text into records. Quoted fields may hold the delimiter, doubled quotes and line breaks.
 * Blank lines are skipped. Yields lazily so a 100k-row file is never held twice. Throws
 * `CsvSyntaxError` at an unclosed quote or text after a closing quote: guessing there would
 * silently merge or lose rows.
 */
export function* parseCsv(text: string, delimiter: string): Generator<CsvRecord> {
	const n = text.length;
	let i = 0;
	let line = 1;
	while (i < n) {
		const start = line;
		const fields: string[] = [];
		let field = '';
		let atRecordEnd = false;
		while (!atRecordEnd) {
			if (i < n && text[i] === '"') {
				// quoted field
				const quoteLine = line;
				i++;
				let buf = '';
				for (;;) {
					if (i >= n) throw new CsvSyntaxError('csv.unclosedQuote', quoteLine);
					const ch = text[i];
					if (ch === '"') {
						if (text[i + 1] === '"') {
							buf += '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (ch === '\n') line++;
					buf += ch;
					i++;
				}
				field = buf;
				// only blanks may stand between a closing quote and the delimiter or line end
				while (i < n && (text[i] === ' ' || text[i] === '\t') && delimiter !== text[i]) i++;
				if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r')
					throw new CsvSyntaxError('csv.textAfterQuote', line);
			} else {
				let j = i;
				while (j < n) {
					const ch = text.charCodeAt(j);
					if (ch === 10 || ch === 13 || text[j] === delimiter) break;
					j++;
				}
				field = text.slice(i, j);
				i = j;
			}
			fields.push(field);
			field = '';
			if (i >= n) {
				atRecordEnd = true;
			} else if (text[i] === delimiter) {
				i++;
				if (i >= n) fields.push('');
			} else {
				// line break (\n, \r\n or \r)
				if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
				else i++;
				line++;
				atRecordEnd = true;
			}
		}
		if (fields.length === 1 && fields[0].trim() === '') continue;
		yield { line: start, fields };
	}
}

/** The first line of a text (the header), without its line break. */
export function firstLine(text: string): string {
	const m = /\r\n|\n|\r/.exec(text);
	return m ? text.slice(0, m.index) : text;
}

export type DelimiterResult =
	| { ok: true; delimiter: ',' | ';' }
	| { ok: false; key: 'csv.delimiter' | 'csv.empty'; found?: string };

/**
 * Picks ';' or ',' by which one splits the header into the expected columns. A header that only
 * splits on a tab or '|' (or not at all) is a wrong delimiter.
 */
export function detectDelimiter(header: string, expected: readonly string[]): DelimiterResult {
	if (header.trim() === '') return { ok: false, key: 'csv.empty' };
	const norm = (s: string) => s.trim().replace(/^"|"$/g, '').trim().toLowerCase();
	let best: { d: ',' | ';'; hits: number } | null = null;
	for (const d of [';', ','] as const) {
		const hits = header
			.split(d)
			.map(norm)
			.filter((h) => expected.includes(h)).length;
		if (hits > 1 && (!best || hits > best.hits)) best = { d, hits };
	}
	if (best) return { ok: true, delimiter: best.d };
	const other = ['\t', '|'].find((d) => header.includes(d));
	return { ok: false, key: 'csv.delimiter', found: other === '\t' ? 'TAB' : other };
}

/**
 * One CSV field: quoted when needed; a leading =, @ (or + / - not followed by a number) is
 * neutralised so a spreadsheet never runs it as a formula. Phone numbers like +3630... stay.
 */
export function csvField(v: string | number | null | undefined, delimiter = ';'): string {
	if (v == null) return '';
	let s = String(v);
	if (typeof v === 'string' && (/^[=@\t\r]/.test(s) || /^[+-](?![\d\s.,]*$)/.test(s))) s = `'${s}`;
	if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r'))
		s = `"${s.replace(/"/g, '""')}"`;
	return s;
}

export function csvLine(values: (string | number | null | undefined)[], delimiter = ';'): string {
	return values.map((v) => csvField(v, delimiter)).join(delimiter) + '\r\n';
}
