/**
 * The two CSV dialects the creditor downloads offer (issue 20): "Excel (hu)" — ';' between fields,
 * decimal comma, a BOM so Excel reads UTF-8 — which Hungarian Excel opens with a double click, and
 * "plain CSV" — ',' between fields, decimal point, no BOM — for programs. Dates are written as
 * YYYY-MM-DD in both (Excel reads them as dates). Pure.
 */
import { BOM, csvLine } from './csv';
import { minorToDecimalString } from './money';

export const CSV_FORMATS = ['excel', 'csv'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];

/** The format a request asks for (?format=excel|csv); anything else is Excel (hu), the default. */
export function csvFormatOf(param: string | null | undefined): CsvFormat {
	return param === 'csv' ? 'csv' : 'excel';
}

export const delimiterOf = (f: CsvFormat) => (f === 'excel' ? ';' : ',');

/** Money in minor units as a decimal in the format: '1234,50' (Excel hu) or '1234.50'. */
export function csvAmount(minor: number, f: CsvFormat): string {
	const s = minorToDecimalString(minor);
	return f === 'excel' ? s.replace('.', ',') : s;
}

/** A decimal number (e.g. a percentage with one decimal) in the format. */
export function csvDecimal(n: number, digits: number, f: CsvFormat): string {
	const s = n.toFixed(digits);
	return f === 'excel' ? s.replace('.', ',') : s;
}

/** One line of the file in the format (CRLF-terminated). */
export const csvRow = (values: (string | number | null | undefined)[], f: CsvFormat) =>
	csvLine(values, delimiterOf(f));

/** What the file starts with: the BOM for Excel, nothing for plain CSV. */
export const csvStart = (f: CsvFormat) => (f === 'excel' ? BOM : '');

/** The file name's suffix, so both downloads can sit in one folder. */
export const csvSuffix = (f: CsvFormat) => (f === 'excel' ? '-excel' : '');
