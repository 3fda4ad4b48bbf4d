/**
 * Display helpers for dates and money. No server imports: components in the browser use them, and
 * so does server code (PDFs, messages).
 */
import { formatMoney, type Currency } from '$lib/domain/money';
import { localDate, localParts } from '$lib/domain/clock';
import type { Lang } from '$lib/i18n/core';

// CLDR's month names for hu and en-GB long dates: locale data as Intl has it (the unit test
// compares every day of forty years with Intl), written out because a portal page formats
// several dates and an Intl call costs microseconds each.
const MONTHS = {
	hu: [
		'január',
		'február',
		'március',
		'április',
		'május',
		'június',
		'július',
		'augusztus',
		'szeptember',
		'október',
		'november',
		'december'
	],
	en: [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December'
	]
} as const;

// and their abbreviated forms, for tables where a long date would wrap (Intl's 'medium' style)
const MONTHS_SHORT = {
	hu: [
		'jan.',
		'febr.',
		'márc.',
		'ápr.',
		'máj.',
		'jún.',
		'júl.',
		'aug.',
		'szept.',
		'okt.',
		'nov.',
		'dec.'
	],
	en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec']
} as const;

/** 'YYYY-MM-DD' -> '2026. március 2.' / '2 March 2026' */
export function formatDate(date: string, lang: Lang): string {
	const y = Number(date.slice(0, 4));
	const month = MONTHS[lang][Number(date.slice(5, 7)) - 1];
	const d = Number(date.slice(8, 10));
	return lang === 'hu' ? `${y}. ${month} ${d}.` : `${d} ${month} ${y}`;
}

/**
 * 'YYYY-MM-DD' -> '2026. márc. 2.' / '2 Mar 2026': the same date, short enough for a table cell.
 * Month and day are joined by a no-break space, so a narrow cell breaks only beside the year.
 */
export function formatShortDate(date: string, lang: Lang): string {
	const y = Number(date.slice(0, 4));
	const month = MONTHS_SHORT[lang][Number(date.slice(5, 7)) - 1];
	const d = Number(date.slice(8, 10));
	return lang === 'hu' ? `${y}. ${month}\u00a0${d}.` : `${d}\u00a0${month} ${y}`;
}

/**
 * A formatted date before a Hungarian suffix such as "-ig": the day's dot goes before the suffix,
 * so '2026. dec. 18.' becomes '2026. dec. 18' (+ '-ig'); English dates are as they are.
 */
export function dateBeforeSuffix(formatted: string, lang: Lang): string {
	return lang === 'hu' ? formatted.replace(/\.$/, '') : formatted;
}

/** 'YYYY-MM' -> '2026. márc.' / 'Mar 2026': a month on a chart axis or in a legend. */
export function formatMonth(month: string, lang: Lang): string {
	const y = month.slice(0, 4);
	const m = MONTHS_SHORT[lang][Number(month.slice(5, 7)) - 1];
	return lang === 'hu' ? `${y}. ${m}` : `${m} ${y}`;
}

/** An instant as a Budapest date. */
export function formatInstantDate(t: number, lang: Lang): string {
	return formatDate(localDate(t), lang);
}

/** An instant as Budapest date and time, short enough for a table cell: '2026. márc. 2. 14:05'. */
export function whenText(ms: number, lang: Lang): string {
	const p = localParts(ms);
	return `${formatShortDate(p.date, lang)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The currency as an amount field's label names it, like formatted amounts do: 'Ft' / 'HUF', 'EUR' / '€'. */
export function currencyUnit(currency: Currency | string, lang: Lang): string {
	if (lang === 'hu') return currency === 'HUF' ? 'Ft' : currency;
	return currency === 'EUR' ? '€' : currency;
}

export function money(minor: number, currency: Currency | string, lang: Lang): string {
	return formatMoney(minor, currency as Currency, lang);
}

/** For an amount input: '12500' or '12500,50' (hu) / '12500.50' (en). */
export function amountInput(minor: number, lang: Lang): string {
	const whole = Math.floor(minor / 100);
	const frac = minor % 100;
	if (frac === 0) return String(whole);
	return `${whole}${lang === 'hu' ? ',' : '.'}${String(frac).padStart(2, '0')}`;
}
