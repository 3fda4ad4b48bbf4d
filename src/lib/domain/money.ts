/**
 * Money is an integer count of minor units (fillér, cent). HUF and EUR both have two decimals in
 * ISO 4217 and in Stripe; the HUF amounts we create are whole forints (multiples of 100).
 */
export const CURRENCIES = ['HUF', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export function assertMinor(n: number): void {
	if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer amount of minor units: ${n}`);
}

export type ParseResult =
	| { ok: true; minor: number }
	| { ok: false; reason: 'empty' | 'invalid' | 'negative' | 'too_many_decimals' | 'too_large' };

/**
 * Reads what people type: `12 500`, `12500,00`, `12.500 Ft`, `12,500.50`, `€ 1.234,56`, `1 234 567`.
 * A single '.' or ',' followed by exactly three digits is a thousands separator in Hungarian
 * habit ("12.500"), by one or two digits a decimal mark. Never goes through a float.
 */
export function parseAmount(input: string, currency: Currency = 'HUF'): ParseResult {
	let s = input
		.trim()
		.replace(/ft\.?|huf|eur|€/gi, '')
		.replace(/[\s\u00a0\u202f']/g, '');
	if (s === '') return { ok: false, reason: 'empty' };
	if (s.startsWith('-')) return { ok: false, reason: 'negative' };
	if (s.startsWith('+')) s = s.slice(1);
	if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, reason: 'invalid' };

	const lastDot = s.lastIndexOf('.');
	const lastComma = s.lastIndexOf(',');
	let intPart: string;
	let frac = '';
	if (lastDot >= 0 && lastComma >= 0) {
		// both present: the later one is the decimal mark, the other groups thousands
		const dec = Math.max(lastDot, lastComma);
		const group = dec === lastDot ? ',' : '.';
		intPart = s.slice(0, dec);
		frac = s.slice(dec + 1);
		if (!validGroups(intPart, group) || intPart.includes(s[dec]))
			return { ok: false, reason: 'invalid' };
		intPart = intPart.split(group).join('');
	} else if (lastDot >= 0 || lastComma >= 0) {
		const sep = lastDot >= 0 ? '.' : ',';
		const parts = s.split(sep);
		if (parts.length > 2 || (parts.length === 2 && parts[1].length === 3)) {
			// "12.500" or "1.234.567": grouping only
			if (!validGroups(s, sep)) return { ok: false, reason: 'invalid' };
			intPart = parts.join('');
		} else {
			intPart = parts[0];
			frac = parts[1];
		}
	} else {
		intPart = s;
	}
	if (intPart === '') intPart = '0';
	if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return { ok: false, reason: 'invalid' };
	if (frac.length > 2) return { ok: false, reason: 'too_many_decimals' };
	const major = BigInt(intPart);
	const minorBig = major * 100n + BigInt((frac + '00').slice(0, 2));
	if (minorBig > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'too_large' };
	void currency;
	return { ok: true, minor: Number(minorBig) };
}

/** Decimal places of each currency's minor unit (ISO 4217). */
export const MINOR_DIGITS: Record<Currency, number> = { HUF: 2, EUR: 2 };

/**
 * Reads an amount as a machine writes it (the JSON API): digits, then optionally '.' and at most
 * the currency's minor digits: `1500`, `1065.5`, `1065.50`. Nothing else, so nothing is
 * ambiguous: no thousands separators, no decimal comma, no sign, no exponent, no currency.
 * (`parseAmount` reads what people type, where "1.500" is fifteen hundred.)
 */
export function parseDecimalAmount(input: string, currency: Currency): ParseResult {
	if (input === '') return { ok: false, reason: 'empty' };
	if (input.startsWith('-')) return { ok: false, reason: 'negative' };
	const m = /^(\d+)(?:\.(\d+))?$/.exec(input);
	if (!m) return { ok: false, reason: 'invalid' };
	const frac = m[2] ?? '';
	if (frac.length > MINOR_DIGITS[currency]) return { ok: false, reason: 'too_many_decimals' };
	const minorBig = BigInt(m[1]) * 100n + BigInt((frac + '00').slice(0, 2));
	if (minorBig > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'too_large' };
	return { ok: true, minor: Number(minorBig) };
}

function validGroups(s: string, sep: string): boolean {
	const parts = s.split(sep);
	if (parts.length === 1) return true;
	if (parts[0].length < 1 || parts[0].length > 3) return false;
	return parts.slice(1).every((p) => p.length === 3);
}

const NBSP = '\u00a0';

/** Thousands groups; CLDR's hu groups only from five digits on ("4900", "12 500"), en-GB from four. */
function grouped(digits: string, sep: string, minDigits: number): string {
	if (digits.length < minDigits) return digits;
	let i = digits.length % 3 || 3;
	let out = digits.slice(0, i);
	for (; i < digits.length; i += 3) out += sep + digits.slice(i, i + 3);
	return out;
}

/**
 * `12 500 Ft` (hu-HU) or `HUF 12,500` (en-GB); forints with fillér only where there are any, euros
 * always with cents (`10,00 EUR`, `€10.00`). Exactly what `Intl.NumberFormat(..., { style:
 * 'currency' })` prints with those fraction digits (a property test holds it to that), built from the integer minor units: no float is involved, and a page
 * with a statement of twenty amounts does not pay for twenty Intl calls.
 */
export function formatMoney(minor: number, currency: Currency, locale: 'hu' | 'en' = 'hu'): string {
	const abs = Math.abs(minor);
	const cents = abs % 100;
	const whole = String((abs - cents) / 100);
	const sign = minor < 0 ? '-' : '';
	// euros always with their cents, so a column reads 10,00 beside 1065,50; forints without
	// fillér when there are none (12 500 Ft)
	const fraction = (mark: string) =>
		cents === 0 && currency === 'HUF' ? '' : `${mark}${cents < 10 ? '0' : ''}${cents}`;
	if (locale === 'hu') {
		const n = grouped(whole, NBSP, 5) + fraction(',');
		return `${sign}${n}${NBSP}${currency === 'HUF' ? 'Ft' : currency}`;
	}
	const n = grouped(whole, ',', 4) + fraction('.');
	return `${sign}${currency === 'EUR' ? '€' : currency + NBSP}${n}`;
}

/** Plain number for inputs and CSV: `12500` or `12500.5` → "12500.50". */
export function minorToDecimalString(minor: number): string {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An amount as a form field starts with it: whole units without decimals (`12500`), else `12500.50`. */
export function majorText(minor: number): string {
	const s = minorToDecimalString(minor);
	return s.endsWith('.00') ? s.slice(0, -3) : s;
}

/**
 * Splits `total` into `n` parts that add up exactly. With `unit` (e.g. 100 for whole forints) every
 * part but the last is a multiple of it; the remainder goes to the last part, or spread one unit
 * at a time over the first parts when `spread` (so no part differs by more than one unit).
 */
export function splitEven(total: number, n: number, unit = 1): number[] {
	assertMinor(total);
	if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
	if (total < 0) throw new RangeError('total must not be negative');
	const units = Math.floor(total / unit);
	const rest = total - units * unit; // < unit, goes to the last part
	const base = Math.floor(units / n);
	let extra = units - base * n;
	const parts: number[] = [];
	for (let i = 0; i < n; i++) {
		let p = base * unit;
		if (extra > 0) {
			p += unit;
			extra--;
		}
		parts.push(p);
	}
	parts[n - 1] += rest;
	return parts;
}

/** Splits in proportion to weights (largest remainder), exactly adding up to `total`. */
export function splitByWeights(total: number, weights: number[]): number[] {
	assertMinor(total);
	const sum = weights.reduce((a, b) => a + b, 0);
	if (weights.length === 0 || sum <= 0) throw new RangeError('weights must be positive');
	const raw = weights.map((w) => (total * w) / sum);
	const parts = raw.map(Math.floor);
	let left = total - parts.reduce((a, b) => a + b, 0);
	const order = raw
		.map((r, i) => [r - Math.floor(r), i] as const)
		.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
	return parts;
}
