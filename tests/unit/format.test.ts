import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	dateBeforeSuffix,
	formatDate,
	formatInstantDate,
	formatMonth,
	formatShortDate
} from '../../src/lib/format';
import { translate } from '../../src/lib/i18n';
import { ZONE } from '../../src/lib/domain/clock';

const DAY = 86_400_000;
const longDate = (locale: string, timeZone: string) =>
	new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
const intlDate = { hu: longDate('hu-HU', 'UTC'), en: longDate('en-GB', 'UTC') };
const mediumDate = (locale: string) =>
	new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
const intlShort = { hu: mediumDate('hu-HU'), en: mediumDate('en-GB') };
const intlInstant = { hu: longDate('hu-HU', ZONE), en: longDate('en-GB', ZONE) };

describe('dates for people', () => {
	it('writes every day of forty years exactly as Intl does, in Hungarian and English', () => {
		for (let t = Date.UTC(2000, 0, 1); t <= Date.UTC(2040, 11, 31); t += DAY) {
			const iso = new Date(t).toISOString().slice(0, 10);
			expect(formatDate(iso, 'hu')).toBe(intlDate.hu.format(t));
			expect(formatDate(iso, 'en')).toBe(intlDate.en.format(t));
		}
		expect(formatDate('2026-03-02', 'hu')).toBe('2026. március 2.');
		expect(formatDate('2026-03-02', 'en')).toBe('2 March 2026');
	});
	it('writes the short (table) form of every day of forty years as Intl does', () => {
		for (let t = Date.UTC(2000, 0, 1); t <= Date.UTC(2040, 11, 31); t += DAY) {
			const iso = new Date(t).toISOString().slice(0, 10);
			// the words Intl gives; month and day held together by a no-break space
			expect(formatShortDate(iso, 'hu').replace('\u00a0', ' ')).toBe(intlShort.hu.format(t));
			expect(formatShortDate(iso, 'en').replace('\u00a0', ' ')).toBe(intlShort.en.format(t));
		}
		expect(formatShortDate('2026-09-17', 'hu')).toBe('2026. szept.\u00a017.');
		expect(formatShortDate('2026-09-17', 'en')).toBe('17\u00a0Sept 2026');
	});
	it('writes a month (chart axes and legends) as Intl does', () => {
		const intlMonth = {
			hu: new Intl.DateTimeFormat('hu-HU', { year: 'numeric', month: 'short', timeZone: 'UTC' }),
			en: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', timeZone: 'UTC' })
		};
		for (let y = 2000; y <= 2040; y++)
			for (let m = 1; m <= 12; m++) {
				const month = `${y}-${String(m).padStart(2, '0')}`;
				const t = Date.UTC(y, m - 1, 15);
				expect(formatMonth(month, 'hu')).toBe(intlMonth.hu.format(t));
				expect(formatMonth(month, 'en')).toBe(intlMonth.en.format(t));
			}
		expect(formatMonth('2026-03', 'hu')).toBe('2026. márc.');
		expect(formatMonth('2026-09', 'en')).toBe('Sept 2026');
	});
	it('dates an instant by the Budapest calendar', () => {
		// 23:30 UTC on 31 December is New Year's Day in Budapest
		expect(formatInstantDate(Date.UTC(2025, 11, 31, 23, 30), 'hu')).toBe('2026. január 1.');
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }),
				fc.constantFrom<'hu' | 'en'>('hu', 'en'),
				(t, lang) => {
					expect(formatInstantDate(t, lang)).toBe(intlInstant[lang].format(t));
				}
			),
			{ numRuns: 10_000 }
		);
	});
});

describe('a date before a Hungarian suffix', () => {
	it("puts the day's dot before '-ig' (dec. 18-ig, not 18.-ig); English as is", () => {
		expect(dateBeforeSuffix(formatShortDate('2026-12-18', 'hu'), 'hu')).toBe('2026. dec.\u00a018');
		expect(dateBeforeSuffix(formatDate('2026-12-18', 'hu'), 'hu')).toBe('2026. december 18');
		expect(dateBeforeSuffix(formatShortDate('2026-12-18', 'en'), 'en')).toBe('18\u00a0Dec 2026');
		const until = (lang: 'hu' | 'en') =>
			translate(lang, 'casefile.holdUntil', {
				kind: 'X',
				date: dateBeforeSuffix(formatShortDate('2026-12-18', lang), lang)
			}).replace('\u00a0', ' ');
		expect(until('hu')).toBe('X (2026. dec. 18-ig)');
		expect(until('en')).toBe('X (until 18 Dec 2026)');
	});
});
