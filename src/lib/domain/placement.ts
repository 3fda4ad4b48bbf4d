/**
 * Placing claims by CSV: the columns, and the check of one row (a whole file: `placement-file.ts`). Pure; the service
 * adds what needs the database (duplicates against existing claims, debtor matching).
 */
import { parseAmount, parseDecimalAmount, type Currency } from './money';
import { BOM, csvLine } from './csv';
import { isValidDate } from './clock';
import { normaliseEmail, normalisePostalCode } from './address';

export const PLACEMENT_COLUMNS = [
	'reference',
	'debtor_type',
	'debtor_name',
	'birth_date',
	'tax_number',
	'postal_code',
	'city',
	'address',
	'email',
	'phone',
	'currency',
	'due_date',
	'principal',
	'interest',
	'fees',
	'costs',
	'total',
	'description'
] as const;
export type PlacementColumn = (typeof PLACEMENT_COLUMNS)[number];

/** Columns a file may leave out (the row check asks for a person's birth date, a company's tax number). */
const OPTIONAL_COLUMNS: readonly PlacementColumn[] = [
	'birth_date',
	'tax_number',
	'email',
	'phone',
	'description'
];
export const REQUIRED_COLUMNS: readonly PlacementColumn[] = PLACEMENT_COLUMNS.filter(
	(c) => !OPTIONAL_COLUMNS.includes(c)
);
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 100_000;

export const TEMPLATE_ROWS: string[][] = [
	[
		'SZ-2026-000123',
		'person',
		'Minta Mária',
		'1984-05-17',
		'',
		'1051',
		'Budapest',
		'Példa utca 1.',
		'maria@example.hu',
		'+36301234567',
		'HUF',
		'2025-11-30',
		'120000',
		'4500',
		'0',
		'2500',
		'127000',
		'Mobil előfizetés 2025/11'
	],
	[
		'SZ-2026-000124',
		'company',
		'Példa Kft.',
		'',
		'12345676-2-42',
		'6720',
		'Szeged',
		'Kárász utca 5.',
		'',
		'',
		'EUR',
		'2025-10-15',
		'1000,00',
		'25,50',
		'40,00',
		'0',
		'1065,50',
		'Invoice 2025-118'
	]
];

/** A debtor's identifying and contact details, as a creditor supplies them with a claim. */
export interface DebtorDetails {
	birthDate: string | null;
	taxNumber: string | null;
	postalCode: string;
	city: string;
	address: string;
	email: string | null;
	phone: string | null;
}

export interface PlacementRow extends DebtorDetails {
	line: number;
	reference: string;
	debtorType: 'person' | 'company';
	debtorName: string;
	currency: Currency;
	dueDate: string;
	principalMinor: number;
	interestMinor: number;
	feesMinor: number;
	costsMinor: number;
	totalMinor: number;
	description: string;
}

export interface RowError {
	line: number;
	field: PlacementColumn | 'row';
	key: string;
	params?: Record<string, string | number>;
}

/** Map header names to column indexes; the names the file lacks. */
export function readHeader(fields: string[]): {
	index: Partial<Record<PlacementColumn, number>>;
	missing: PlacementColumn[];
} {
	const index: Partial<Record<PlacementColumn, number>> = {};
	fields.forEach((f, i) => {
		const name = f.trim().toLowerCase() as PlacementColumn;
		if ((PLACEMENT_COLUMNS as readonly string[]).includes(name) && index[name] === undefined)
			index[name] = i;
	});
	return { index, missing: REQUIRED_COLUMNS.filter((c) => index[c] === undefined) };
}

/**
 * Hungarian tax number 'xxxxxxxx-y-zz': the 8th digit checks the first seven (weights 9,7,3,1),
 * y is the VAT code 1-5, zz the county code.
 */
const COUNTY = new Set([
	'02',
	'03',
	'04',
	'05',
	'06',
	'07',
	'08',
	'09',
	'10',
	'11',
	'12',
	'13',
	'14',
	'15',
	'16',
	'17',
	'18',
	'19',
	'20',
	'22',
	'41',
	'42',
	'43',
	'44',
	'51'
]);
export function isValidHuTaxNumber(s: string): boolean {
	const m = /^(\d{8})-?([1-5])-?(\d{2})$/.exec(s.trim());
	if (!m) return false;
	const d = m[1].split('').map(Number);
	const w = [9, 7, 3, 1, 9, 7, 3];
	const sum = w.reduce((a, wi, i) => a + wi * d[i], 0);
	if ((10 - (sum % 10)) % 10 !== d[7]) return false;
	return COUNTY.has(m[3]);
}

export function normaliseTaxNumber(s: string): string {
	const digits = s.replace(/\D/g, '');
	return `${digits.slice(0, 8)}-${digits.slice(8, 9)}-${digits.slice(9, 11)}`;
}

/** 'YYYY-MM-DD', also 'YYYY.MM.DD' and 'YYYY.MM.DD.' as Hungarians write it. */
export function normaliseDate(s: string): string | null {
	const m = /^(\d{4})[-.](\d{1,2})[-.](\d{1,2})\.?$/.exec(s.trim());
	if (!m) return null;
	const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
	return isValidDate(d) ? d : null;
}

/** Line breaks and tabs, with the white space around them, become one space each run. */
const oneLine = (v: string) =>
	v
		.split(/[\t\n\r]+/)
		.map((part) => part.trim())
		.filter((part) => part !== '')
		.join(' ');

/**
 * Characters no field of a claim may hold: C0 and C1 controls (NUL, tab, line breaks, ESC, ...),
 * DEL, the line and paragraph separators, and the bidi controls (U+061C, U+200E/F, U+202A-E,
 * U+2066-9) that make "PX-9\u202e..." read as something else on a transfer, a QR code, a letter or
 * an exported spreadsheet.
 */
const UNSAFE_TEXT =
	// eslint-disable-next-line no-control-regex -- finding them is the point
	/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export const hasUnsafeText = (s: string): boolean => UNSAFE_TEXT.test(s);

/**
 * Text a person can read back: at least `min` letters or digits, nothing invisible that changes
 * its reading (UNSAFE_TEXT) and no zero-width characters (a reference of three U+200B is empty).
 */
export const readableText = (s: string, min = 3): boolean =>
	!UNSAFE_TEXT.test(s) &&
	!/[\u200b-\u200d\u2060\ufeff]/.test(s) &&
	(s.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= min;

/** What a claim reference may hold: a letter or digit first, then the SEPA transfer-text characters and `_`. */
const REFERENCE_CHARS = /^[A-Za-z0-9][A-Za-z0-9 /\-?:().,'+_]*$/;

/**
 * How amounts are written: `typed` as people and spreadsheets write them (a CSV file: "1 500,00",
 * "1.500" is fifteen hundred; `parseAmount`), `decimal` as a machine does (the JSON API: "1500.50"
 * or 1500.5 only; `parseDecimalAmount`), where a '.' is always the decimal mark.
 */
export type AmountStyle = 'typed' | 'decimal';

/** Checks one record against the header; `today` bounds due and birth dates. */
export function validateRow(
	line: number,
	fields: string[],
	index: Partial<Record<PlacementColumn, number>>,
	today: string,
	amounts: AmountStyle = 'typed'
): { row: PlacementRow; errors: [] } | { row: null; errors: RowError[] } {
	const errors: RowError[] = [];
	const get = (c: PlacementColumn) => {
		const i = index[c];
		const v = i === undefined ? '' : (fields[i] ?? '').trim();
		// the description is one line of text: a spreadsheet cell's line breaks become spaces (split,
		// not a regex with white space on both sides: that one is quadratic on a long run of spaces)
		return c === 'description' && /[\t\n\r]/.test(v) ? oneLine(v) : v;
	};
	// a field with a control character gets that one error, and no other
	const unsafe = new Set(PLACEMENT_COLUMNS.filter((c) => hasUnsafeText(get(c))));
	for (const c of unsafe)
		errors.push({ line, field: c, key: 'placement.err.controlChar', params: { column: c } });
	const err = (field: RowError['field'], key: string, params?: RowError['params']) => {
		if (!(unsafe as Set<string>).has(field)) errors.push({ line, field, key, params });
	};
	const required = (c: PlacementColumn, max = 200) => {
		const v = get(c);
		if (v === '') err(c, 'placement.err.required', { column: c });
		else if (v.length > max) err(c, 'placement.err.tooLong', { column: c, max });
		return v;
	};

	const reference = required('reference', 64);
	// a reference is typed into a bank transfer's text and matched by its key (referenceKey): ASCII
	// letters, digits and the punctuation a transfer carries, so no look-alike (a no-break space,
	// an en dash) can pass for another claim's reference
	if (reference !== '' && !REFERENCE_CHARS.test(reference))
		err('reference', 'placement.err.referenceChars');
	// bank transfers are matched by the reference anywhere in their text: a word of letters alone
	// ("BEFIZETES", "SZAMLA") would take other people's transfers
	else if (reference !== '' && !/\d/.test(reference))
		err('reference', 'placement.err.referenceDigit');
	const typeRaw = required('debtor_type').toLowerCase();
	let debtorType: 'person' | 'company' = 'person';
	if (typeRaw === 'person' || typeRaw === 'company') debtorType = typeRaw;
	else if (typeRaw !== '')
		err('debtor_type', 'placement.err.debtorType', { value: typeRaw.slice(0, 20) });
	const debtorName = required('debtor_name');
	const typedPostal = required('postal_code', 10);
	// four digits: letters go by it, and field agents' regions are ranges of it
	const postalCode = normalisePostalCode(typedPostal) ?? '';
	if (typedPostal !== '' && !postalCode) err('postal_code', 'placement.err.postalCode');
	const city = required('city', 100);
	const address = required('address');

	let birthDate: string | null = null;
	let taxNumber: string | null = null;
	if (debtorType === 'person') {
		const b = get('birth_date');
		if (b === '') err('birth_date', 'placement.err.birthDateRequired');
		else {
			birthDate = normaliseDate(b);
			if (!birthDate || birthDate >= today) {
				err('birth_date', 'placement.err.date', { column: 'birth_date' });
				birthDate = null;
			}
		}
	} else if (typeRaw === 'company') {
		const tx = get('tax_number');
		if (tx === '') err('tax_number', 'placement.err.taxNumberRequired');
		else if (!isValidHuTaxNumber(tx)) err('tax_number', 'placement.err.taxNumber');
		else taxNumber = normaliseTaxNumber(tx);
	}

	const typedEmail = get('email');
	const email = typedEmail ? normaliseEmail(typedEmail) : null;
	if (typedEmail && !email) err('email', 'placement.err.email');
	const phone = get('phone') || null;
	if (phone && !/^\+?[\d\s()/-]{6,20}$/.test(phone)) err('phone', 'placement.err.phone');

	const curRaw = required('currency').toUpperCase();
	let currency: Currency = 'HUF';
	if (curRaw === 'HUF' || curRaw === 'EUR') currency = curRaw;
	else if (curRaw !== '') err('currency', 'placement.err.currency', { value: curRaw.slice(0, 10) });

	let dueDate = '';
	const dueRaw = required('due_date');
	if (dueRaw !== '') {
		const d = normaliseDate(dueRaw);
		if (!d) err('due_date', 'placement.err.date', { column: 'due_date' });
		else if (d > today) err('due_date', 'placement.err.dueFuture');
		else dueDate = d;
	}

	const amount = (c: PlacementColumn): number | null => {
		const v = get(c);
		if (unsafe.has(c)) return null;
		if (v === '') {
			err(c, 'placement.err.required', { column: c });
			return null;
		}
		const p = amounts === 'decimal' ? parseDecimalAmount(v, currency) : parseAmount(v, currency);
		if (!p.ok) {
			const key =
				p.reason === 'negative'
					? 'placement.err.negative'
					: amounts === 'decimal'
						? 'placement.err.decimalAmount'
						: 'placement.err.amount';
			err(c, key, { column: c });
			return null;
		}
		// forint claims are whole forints: a fillér balance could only be paid by rounding up (card
		// payments are in whole forints), leaving an overpayment too small to send back
		if (currency === 'HUF' && p.minor % 100 !== 0) {
			err(c, 'placement.err.wholeForint', { column: c });
			return null;
		}
		return p.minor;
	};
	const principal = amount('principal');
	const interest = amount('interest');
	const fees = amount('fees');
	const costs = amount('costs');
	const total = amount('total');
	if (principal != null && interest != null && fees != null && costs != null && total != null) {
		const sum = principal + interest + fees + costs;
		if (sum !== total)
			// the sums as numbers with their currency: the message writes them as money in the reader's
			// language (i18n/core.ts MONEY_PARAMS), "106 500 Ft" or "HUF 106,500"
			err('total', 'placement.err.totalMismatch', { sum, total, currency });
		else if (total <= 0) err('total', 'placement.err.zero');
	}
	const description = get('description').slice(0, 500);

	if (errors.length > 0) return { row: null, errors };
	return {
		row: {
			line,
			reference,
			debtorType,
			debtorName,
			birthDate,
			taxNumber,
			postalCode,
			city,
			address,
			email,
			phone,
			currency,
			dueDate,
			principalMinor: principal!,
			interestMinor: interest!,
			feesMinor: fees!,
			costsMinor: costs!,
			totalMinor: total!,
			description
		},
		errors: []
	};
}

/** The template: the columns and two example rows, UTF-8 with BOM, ';' like Hungarian Excel. */
export function placementTemplate(): string {
	return BOM + csvLine([...PLACEMENT_COLUMNS]) + TEMPLATE_ROWS.map((r) => csvLine(r)).join('');
}
