/**
 * Bank statements (issue 19 item 5): the agency's collection account statement, as ISO 20022
 * camt.053 XML (what Hungarian banks export) or as a CSV, read into entries; and how a transfer's
 * remittance text is matched to our claim reference. Pure: text in, entries out. Amounts are read
 * as decimal strings into integer minor units, never through a float.
 */
import { detectDelimiter, firstLine, parseCsv, CsvSyntaxError } from './csv';
import { child, childrenNamed, parseXml, textAt, XmlError, type XmlElement } from './xml';

export type StatementFormat = 'camt053' | 'csv';

export interface StatementEntry {
	/** the bank's entry reference (AcctSvcrRef, else NtryRef); generated when the bank gave none */
	ref: string;
	direction: 'credit' | 'debit';
	amountMinor: number;
	/** ISO 4217 code as the bank wrote it (upper case) */
	currency: string;
	/** YYYY-MM-DD */
	bookingDate: string;
	/** unstructured and structured remittance texts, joined by a space */
	remittance: string;
	/** the payer, as the bank reports it */
	debtorName: string;
	/** false: a pending or information-only entry (camt Sts PDNG/INFO), not money on the account */
	booked: boolean;
	/** camt RvslInd: the bank reversing an earlier entry (a returned transfer), never a payment */
	reversal?: boolean;
}

export type StatementError = {
	key:
		| 'bank.err.xmlDoctype'
		| 'bank.err.xmlSyntax'
		| 'bank.err.notCamt'
		| 'bank.err.entry'
		| 'bank.err.csvHeader'
		| 'bank.err.csvSyntax'
		| 'bank.err.empty'
		| 'bank.err.tooMany';
	/** the 1-based entry (camt) or line (CSV) it is about */
	at?: number;
};

export type ParsedStatement =
	| { ok: true; format: StatementFormat; account: string; entries: StatementEntry[] }
	| ({ ok: false } & StatementError);

/** A statement holds at most this many entries (a busy month of a collection account). */
export const MAX_STATEMENT_ENTRIES = 200_000;
export const MAX_REMITTANCE = 500;
export const MAX_NAME = 140;
export const MAX_REF = 100;

/** "1234.50" (or "1234,50") -> 123450. Digits with at most two decimals; null otherwise. */
export function decimalToMinor(s: string): number | null {
	const m = /^(\d{1,15})(?:[.,](\d{1,2}))?$/.exec(s.trim());
	if (!m) return null;
	const minor = BigInt(m[1]) * 100n + BigInt(((m[2] ?? '') + '00').slice(0, 2));
	if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
	return Number(minor);
}

/** Which form a file is in, from its first non-blank character. */
export function sniffFormat(text: string): StatementFormat {
	return text
		.replace(/^\uFEFF/, '')
		.trimStart()
		.startsWith('<')
		? 'camt053'
		: 'csv';
}

export function parseStatement(text: string): ParsedStatement {
	return sniffFormat(text) === 'camt053' ? parseCamt053(text) : parseBankCsv(text);
}

const clip = (s: string, n: number) => s.replace(/\s+/g, ' ').trim().slice(0, n);

/** FNV-1a, 32 bits, hex: a stable short digest for generated references. */
function fnv(s: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}

/**
 * Entries without a bank reference get one made of what they say, numbered by occurrence within
 * the file: the same statement imported again yields the same references (nothing posted twice),
 * and two identical transfers on one statement stay two entries.
 */
function withGeneratedRefs(
	entries: (Omit<StatementEntry, 'ref'> & { ref: string | null })[]
): StatementEntry[] {
	const seen = new Map<string, number>();
	return entries.map((e) => {
		if (e.ref) return { ...e, ref: e.ref };
		const base = `${e.bookingDate}|${e.direction}|${e.amountMinor}|${e.currency}|${e.remittance}|${e.debtorName}`;
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return { ...e, ref: `gen:${e.bookingDate}:${fnv(base)}:${n}` };
	});
}

const dateOf = (el: XmlElement | undefined): string => {
	const d = textAt(el, 'Dt') || textAt(el, 'DtTm').slice(0, 10);
	return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : '';
};

function remittanceOf(tx: XmlElement | undefined): string {
	const rmt = child(tx, 'RmtInf');
	if (!rmt) return '';
	const parts = childrenNamed(rmt, 'Ustrd').map((u) => u.text.trim());
	for (const s of childrenNamed(rmt, 'Strd')) {
		const ref = textAt(s, 'CdtrRefInf', 'Ref');
		if (ref) parts.push(ref);
		for (const add of childrenNamed(s, 'AddtlRmtInf')) parts.push(add.text.trim());
	}
	return clip(parts.filter(Boolean).join(' '), MAX_REMITTANCE);
}

function debtorOf(tx: XmlElement | undefined): string {
	const d = child(tx, 'RltdPties', 'Dbtr');
	return clip(textAt(d, 'Nm') || textAt(d, 'Pty', 'Nm'), MAX_NAME);
}

/** camt.053 (any version from .001.02 on): Stmt/Ntry, with NtryDtls/TxDtls for batches. */
export function parseCamt053(text: string): ParsedStatement {
	let root: XmlElement;
	try {
		root = parseXml(text);
	} catch (e) {
		if (e instanceof XmlError) return { ok: false, key: e.key };
		throw e;
	}
	const report = root.name === 'Document' ? child(root, 'BkToCstmrStmt') : undefined;
	if (!report) return { ok: false, key: 'bank.err.notCamt' };
	const raw: (Omit<StatementEntry, 'ref'> & { ref: string | null })[] = [];
	let account = '';
	let n = 0;
	for (const stmt of childrenNamed(report, 'Stmt')) {
		account ||= textAt(stmt, 'Acct', 'Id', 'IBAN') || textAt(stmt, 'Acct', 'Id', 'Othr', 'Id');
		for (const ntry of childrenNamed(stmt, 'Ntry')) {
			n++;
			const dir = textAt(ntry, 'CdtDbtInd');
			const status = textAt(ntry, 'Sts', 'Cd') || textAt(ntry, 'Sts');
			const bookingDate = dateOf(child(ntry, 'BookgDt')) || dateOf(child(ntry, 'ValDt'));
			const ntryRef = textAt(ntry, 'AcctSvcrRef') || textAt(ntry, 'NtryRef');
			const txs = childrenNamed(ntry, 'NtryDtls').flatMap((d) => childrenNamed(d, 'TxDtls'));
			if ((dir !== 'CRDT' && dir !== 'DBIT') || !bookingDate)
				return { ok: false, key: 'bank.err.entry', at: n };
			const common = {
				direction: dir === 'CRDT' ? ('credit' as const) : ('debit' as const),
				bookingDate,
				booked: status === '' || status === 'BOOK',
				reversal: textAt(ntry, 'RvslInd') === 'true'
			};
			const amountOf = (el: XmlElement | undefined) => {
				const a = child(el, 'Amt');
				return a ? { minor: decimalToMinor(a.text), ccy: (a.attrs.Ccy ?? '').toUpperCase() } : null;
			};
			if (txs.length <= 1) {
				const a = amountOf(ntry);
				if (!a || a.minor === null || !/^[A-Z]{3}$/.test(a.ccy))
					return { ok: false, key: 'bank.err.entry', at: n };
				const tx = txs[0];
				raw.push({
					...common,
					ref: clip(ntryRef || textAt(tx, 'Refs', 'AcctSvcrRef'), MAX_REF) || null,
					amountMinor: a.minor,
					currency: a.ccy,
					remittance: remittanceOf(tx),
					debtorName: debtorOf(tx)
				});
				continue;
			}
			// a batch booking: one entry per transaction, each with its own amount
			for (const [i, tx] of txs.entries()) {
				const a =
					amountOf(tx) ??
					amountOf(child(tx, 'AmtDtls', 'TxAmt')) ??
					amountOf(child(tx, 'AmtDtls', 'InstdAmt'));
				if (!a || a.minor === null || !/^[A-Z]{3}$/.test(a.ccy))
					return { ok: false, key: 'bank.err.entry', at: n };
				const own = textAt(tx, 'Refs', 'AcctSvcrRef');
				raw.push({
					...common,
					ref: clip(own || (ntryRef ? `${ntryRef}/${i + 1}` : ''), MAX_REF) || null,
					amountMinor: a.minor,
					currency: a.ccy,
					remittance: remittanceOf(tx),
					debtorName: debtorOf(tx)
				});
			}
			if (raw.length > MAX_STATEMENT_ENTRIES) return { ok: false, key: 'bank.err.tooMany' };
		}
	}
	if (raw.length > MAX_STATEMENT_ENTRIES) return { ok: false, key: 'bank.err.tooMany' };
	return { ok: true, format: 'camt053', account, entries: withGeneratedRefs(raw) };
}

/**
 * The CSV form (shown on /ops/bank): a header row, ';' or ',' between fields, UTF-8. Columns, in
 * any order: `entry_ref` (the bank's reference of the entry; may be empty), `booking_date`
 * (YYYY-MM-DD), `direction` (CRDT or DBIT, also credit/debit, J/T), `amount` (1234.50, no thousands
 * separator), `currency` (HUF, EUR), `remittance` (the transfer's message), `debtor_name`.
 */
export const BANK_CSV_COLUMNS = [
	'entry_ref',
	'booking_date',
	'direction',
	'amount',
	'currency',
	'remittance',
	'debtor_name'
] as const;
const CSV_REQUIRED = ['booking_date', 'direction', 'amount', 'currency', 'remittance'] as const;

const CREDIT = new Set(['CRDT', 'CREDIT', 'J', 'C']);
const DEBIT = new Set(['DBIT', 'DEBIT', 'T', 'D']);

export function parseBankCsv(text: string): ParsedStatement {
	const src = text.replace(/^\uFEFF/, '');
	const header = firstLine(src);
	if (header.trim() === '') return { ok: false, key: 'bank.err.empty' };
	const delim = detectDelimiter(header, BANK_CSV_COLUMNS);
	if (!delim.ok) return { ok: false, key: 'bank.err.csvHeader', at: 1 };
	const raw: (Omit<StatementEntry, 'ref'> & { ref: string | null })[] = [];
	let cols: Record<string, number> | null = null;
	try {
		for (const rec of parseCsv(src, delim.delimiter)) {
			if (!cols) {
				cols = {};
				rec.fields.forEach((h, i) => (cols![h.trim().toLowerCase()] = i));
				if (!CSV_REQUIRED.every((c) => Object.hasOwn(cols!, c)))
					return { ok: false, key: 'bank.err.csvHeader', at: 1 };
				continue;
			}
			if (rec.fields.every((f) => f.trim() === '')) continue;
			const f = (c: (typeof BANK_CSV_COLUMNS)[number]) =>
				Object.hasOwn(cols!, c) ? (rec.fields[cols![c]] ?? '').trim() : '';
			const dir = f('direction').toUpperCase();
			const amountMinor = decimalToMinor(f('amount'));
			const currency = f('currency').toUpperCase();
			const bookingDate = f('booking_date');
			if (
				(!CREDIT.has(dir) && !DEBIT.has(dir)) ||
				amountMinor === null ||
				!/^[A-Z]{3}$/.test(currency) ||
				!/^\d{4}-\d{2}-\d{2}$/.test(bookingDate)
			)
				return { ok: false, key: 'bank.err.entry', at: rec.line };
			raw.push({
				ref: clip(f('entry_ref'), MAX_REF) || null,
				direction: CREDIT.has(dir) ? 'credit' : 'debit',
				amountMinor,
				currency,
				bookingDate,
				remittance: clip(f('remittance'), MAX_REMITTANCE),
				debtorName: clip(f('debtor_name'), MAX_NAME),
				booked: true
			});
			if (raw.length > MAX_STATEMENT_ENTRIES) return { ok: false, key: 'bank.err.tooMany' };
		}
	} catch (e) {
		if (e instanceof CsvSyntaxError) return { ok: false, key: 'bank.err.csvSyntax', at: e.line };
		throw e;
	}
	if (!cols) return { ok: false, key: 'bank.err.empty' };
	return { ok: true, format: 'csv', account: '', entries: withGeneratedRefs(raw) };
}

/**
 * A reference as compared: ASCII letters upper-cased, spaces, dashes, dots, slashes and
 * underscores dropped ("rz - 2026 / 0001" = "RZ20260001"). The SQL index on claims uses the same
 * expression (`REFERENCE_KEY_SQL`), so both sides agree.
 */
export function referenceKey(s: string): string {
	return s.replace(/[a-z]/g, (c) => c.toUpperCase()).replace(/[\s\-./_]/g, '');
}

/** The same as `referenceKey`, in SQLite (whose upper() changes ASCII letters only). */
export const REFERENCE_KEY_SQL = (col: string) =>
	`upper(replace(replace(replace(replace(replace(${col}, ' ', ''), '-', ''), '.', ''), '/', ''), '_', ''))`;

/** References shorter than this (as keys) are never matched automatically: too likely by chance. */
export const MIN_KEY_LENGTH = 5;

/**
 * Every piece of the remittance text's key that could be a claim reference, given the key
 * lengths that occur among claims.
 */
export function candidateKeys(remittance: string, lengths: readonly number[]): string[] {
	const key = referenceKey(remittance.replace(/\s+/g, ' '));
	const out = new Set<string>();
	for (const len of lengths) {
		if (len < MIN_KEY_LENGTH) continue;
		for (let i = 0; i + len <= key.length; i++) out.add(key.slice(i, i + len));
	}
	return [...out];
}

/**
 * Of the claims whose reference key occurs in the text, the one meant, or none when that is not
 * certain (the transfer then waits for an operator):
 * - claims of two creditors found in one text are ambiguous: a reference that contains another
 *   creditor's ("DB-1-BEF" around "DB-1", in "DB-1 befizetés") must not take its transfer;
 * - within one creditor, a key contained in a longer found key is dropped (a reference that is
 *   the start of another); what is left must be exactly one claim;
 * - that claim is still ambiguous when another creditor has a claim whose key contains its key
 *   (`wider`, the creditors of such claims): the text may have left out that reference's prefix
 *   or suffix ("Számla 2026/0000003" meant for "DB-2026-0000003", not for "2026-0000003").
 */
export function pickMatch<T extends { id: number; key: string; creditorId: number }>(
	found: readonly T[],
	wider: (key: string) => readonly number[] = () => []
): { kind: 'none' } | { kind: 'one'; claim: T } | { kind: 'ambiguous' } {
	if (found.length === 0) return { kind: 'none' };
	if (new Set(found.map((f) => f.creditorId)).size > 1) return { kind: 'ambiguous' };
	const keys = [...new Set(found.map((f) => f.key))];
	const kept = found.filter((f) => !keys.some((k) => k !== f.key && k.includes(f.key)));
	const ids = new Set(kept.map((f) => f.id));
	if (ids.size > 1) return { kind: 'ambiguous' };
	const claim = kept[0];
	if (wider(claim.key).some((c) => c !== claim.creditorId)) return { kind: 'ambiguous' };
	return { kind: 'one', claim };
}

/**
 * For each of `keys`, the creditors of the claims whose key contains it and is longer (`keys`
 * found in transfer texts; `all` every claim's key with its creditor, read once). Each claim key
 * is cut into its pieces of the lengths `keys` have, so the work is the claims times a few.
 */
export function widerKeys(
	keys: ReadonlySet<string>,
	all: Iterable<readonly [key: string, creditorId: number]>
): Map<string, Set<number>> {
	const out = new Map<string, Set<number>>();
	const lengths = [...new Set([...keys].map((k) => k.length))];
	for (const [key, creditorId] of all)
		for (const len of lengths)
			for (let i = 0; i + len <= key.length && len < key.length; i++) {
				const piece = key.slice(i, i + len);
				if (!keys.has(piece)) continue;
				const set = out.get(piece) ?? new Set<number>();
				set.add(creditorId);
				out.set(piece, set);
			}
	return out;
}
