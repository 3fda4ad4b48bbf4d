/**
 * Placing claims by CSV: the check of a whole file (the rows themselves: `placement.ts`). Pure.
 */
import { referenceKey } from './bank-statement';
import { CsvSyntaxError, decodeUtf8, detectDelimiter, firstLine, parseCsv } from './csv';
import {
	MAX_FILE_BYTES,
	MAX_ROWS,
	PLACEMENT_COLUMNS,
	readHeader,
	validateRow,
	type PlacementRow,
	type RowError
} from './placement';

/** Errors kept for the preview; the counts are always complete. */
export const MAX_STORED_ERRORS = 5_000;
const CHUNK = 5_000;

export interface FileError {
	key: string;
	params?: Record<string, string | number>;
}

export interface Analysis {
	fileError: FileError | null;
	total: number;
	good: PlacementRow[];
	badRows: number;
	errors: RowError[];
}

/** The file-level problem before any row is read (size, encoding, delimiter), or the text. */
function readText(bytes: Uint8Array): { text: string; delimiter: string } | FileError {
	if (bytes.length > MAX_FILE_BYTES)
		return { key: 'csv.tooLarge', params: { mb: MAX_FILE_BYTES / 1024 / 1024 } };
	const decoded = decodeUtf8(bytes);
	if (!decoded.ok) return { key: decoded.key };
	const delim = detectDelimiter(firstLine(decoded.text), PLACEMENT_COLUMNS);
	if (!delim.ok)
		return { key: delim.key, params: delim.found ? { found: delim.found } : undefined };
	return { text: decoded.text, delimiter: delim.delimiter };
}

/**
 * Reads and checks a whole file. A generator so the caller can yield between chunks (web) or run
 * it straight through (import, placing). `exists(ref)` says whether a claim already has it, or one
 * that differs only as transfers are read (case, spaces, `-./_`: `referenceKey`); two such
 * references in one file are duplicates too.
 * A CSV syntax error (unclosed quote, text after a quote) fails the whole file, naming the line:
 * reading on would silently merge or lose rows.
 */
export function* analyse(
	bytes: Uint8Array,
	exists: (reference: string) => boolean,
	today: string
): Generator<{ processed: number }, Analysis> {
	const result: Analysis = { fileError: null, total: 0, good: [], badRows: 0, errors: [] };
	const read = readText(bytes);
	if ('key' in read) {
		result.fileError = read;
		return result;
	}
	try {
		yield* readRows(read.text, read.delimiter, exists, today, result);
	} catch (e) {
		if (!(e instanceof CsvSyntaxError)) throw e;
		return { ...result, good: [], fileError: { key: e.key, params: { line: e.line } } };
	}
	return result;
}

function* readRows(
	text: string,
	delimiter: string,
	exists: (reference: string) => boolean,
	today: string,
	result: Analysis
): Generator<{ processed: number }> {
	const records = parseCsv(text, delimiter);
	const head = records.next();
	if (head.done) {
		result.fileError = { key: 'csv.empty' };
		return;
	}
	const { index, missing } = readHeader(head.value.fields);
	if (missing.length > 0) {
		result.fileError = { key: 'csv.missingColumns', params: { columns: missing.join(', ') } };
		return;
	}
	// by reference key: "DB-1/7" and "db 1 7" are one reference to the bank import
	const seen = new Map<string, number>();
	const addErrors = (errs: RowError[]) => {
		for (const e of errs) if (result.errors.length < MAX_STORED_ERRORS) result.errors.push(e);
		result.badRows++;
	};
	for (const rec of records) {
		result.total++;
		if (result.total > MAX_ROWS) {
			result.fileError = { key: 'csv.tooManyRows', params: { max: MAX_ROWS } };
			result.good = [];
			return;
		}
		const v = validateRow(rec.line, rec.fields, index, today);
		if (v.row) {
			const ref = v.row.reference;
			const key = referenceKey(ref);
			const first = seen.get(key);
			if (first !== undefined)
				addErrors([
					{
						line: rec.line,
						field: 'reference',
						key: 'placement.err.duplicateInFile',
						params: { line: first }
					}
				]);
			else if (exists(ref)) {
				seen.set(key, rec.line);
				addErrors([{ line: rec.line, field: 'reference', key: 'placement.err.duplicateExisting' }]);
			} else {
				seen.set(key, rec.line);
				result.good.push(v.row);
			}
		} else {
			const ref = rec.fields[index.reference!]?.trim();
			const key = ref ? referenceKey(ref) : '';
			if (key && !seen.has(key)) seen.set(key, rec.line);
			addErrors(v.errors);
		}
		if (result.total % CHUNK === 0) yield { processed: result.total };
	}
	if (result.total === 0) result.fileError = { key: 'csv.noRows' };
}

/** Runs an analysis to the end without yielding. */
export function analyseAll(
	bytes: Uint8Array,
	exists: (reference: string) => boolean,
	today: string
): Analysis {
	const gen = analyse(bytes, exists, today);
	for (;;) {
		const step = gen.next();
		if (step.done) return step.value;
	}
}

/** Line breaks minus the header: the progress bar's total until validation knows better. */
export function estimateRows(bytes: Uint8Array): number {
	let n = 0;
	for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
	if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) n++;
	return Math.max(0, n - 1);
}
