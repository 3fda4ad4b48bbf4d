/** Display helpers for portal components (no server imports: they run in the browser too). */
import { formatMoney, type Currency } from '$lib/domain/money';
import type { Lang } from '$lib/i18n/core';

const fmts = new Map<string, Intl.DateTimeFormat>();

/** 'YYYY-MM-DD' -> '2026. március 2.' / '2 March 2026' */
export function formatDate(date: string, lang: Lang): string {
	let f = fmts.get(lang);
	if (!f) fmts.set(lang, (f = new Intl.DateTimeFormat(lang === 'hu' ? 'hu-HU' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' })));
	const [y, m, d] = date.split('-').map(Number);
	return f.format(Date.UTC(y, m - 1, d));
}

const instantFmts = new Map<string, Intl.DateTimeFormat>();

/** An instant as a Budapest date. */
export function formatInstantDate(t: number, lang: Lang): string {
	let f = instantFmts.get(lang);
	if (!f) instantFmts.set(lang, (f = new Intl.DateTimeFormat(lang === 'hu' ? 'hu-HU' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Budapest' })));
	return f.format(t);
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
