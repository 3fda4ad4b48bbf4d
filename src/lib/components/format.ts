/** Display helpers for portal components (no server imports: they run in the browser too). */
import { formatMoney, type Currency } from '$lib/domain/money';
import { localDate } from '$lib/domain/clock';
import type { Lang } from '$lib/i18n/core';

// CLDR's month names for hu and en-GB long dates: locale data as Intl has it (the unit test
// compares every day of forty years with Intl), written out because a portal page formats
// several dates and an Intl call costs microseconds each.
const MONTHS = {
	hu: ['január', 'február', 'március', 'április', 'május', 'június', 'július', 'augusztus', 'szeptember', 'október', 'november', 'december'],
	en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
} as const;

/** 'YYYY-MM-DD' -> '2026. március 2.' / '2 March 2026' */
export function formatDate(date: string, lang: Lang): string {
	const y = Number(date.slice(0, 4));
	const month = MONTHS[lang][Number(date.slice(5, 7)) - 1];
	const d = Number(date.slice(8, 10));
	return lang === 'hu' ? `${y}. ${month} ${d}.` : `${d} ${month} ${y}`;
}

/** An instant as a Budapest date. */
export function formatInstantDate(t: number, lang: Lang): string {
	return formatDate(localDate(t), lang);
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
