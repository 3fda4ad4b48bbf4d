import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	formatMoney,
	majorText,
	minorToDecimalString,
	parseAmount,
	parseDecimalAmount,
	splitByWeights,
	splitEven
} from '../../src/lib/domain/money';

describe('parseDecimalAmount', () => {
	it.each([
		['1500', 150_000],
		['1500.5', 150_050],
		['1500.50', 150_050],
		['0.01', 1],
		['0', 0]
	])('reads %s as %i minor units', (input, minor) => {
		expect(parseDecimalAmount(input, 'EUR')).toEqual({ ok: true, minor });
	});

	it.each([
		['', 'empty'],
		['-5', 'negative'],
		['100.555', 'too_many_decimals'],
		['0.001', 'too_many_decimals'],
		['1.500,00', 'invalid'],
		['1,500.00', 'invalid'],
		['1 500', 'invalid'],
		['1500,5', 'invalid'],
		['1e3', 'invalid'],
		['.5', 'invalid'],
		['5.', 'invalid'],
		['+5', 'invalid'],
		['15 EUR', 'invalid'],
		['99999999999999999999', 'too_large']
	])('refuses %s (%s)', (input, reason) => {
		expect(parseDecimalAmount(input, 'EUR')).toEqual({ ok: false, reason });
	});

	it('reads back every amount written as minorToDecimalString writes it', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (minor) => {
				expect(parseDecimalAmount(minorToDecimalString(minor), 'HUF')).toEqual({
					ok: true,
					minor
				});
			})
		);
	});
});

describe('parseAmount', () => {
	it.each([
		['12 500', 1_250_000],
		['12500', 1_250_000],
		['12500,00', 1_250_000],
		['12.500 Ft', 1_250_000],
		['12 500 Ft', 1_250_000],
		['12\u00a0500', 1_250_000],
		['1.234.567', 123_456_700],
		['1 234 567,5', 123_456_750],
		['12,500.50', 1_250_050],
		['1.234,56 EUR', 123_456],
		['€ 99,9', 9_990],
		['0,01', 1],
		['12,5', 1_250],
		['HUF 7000', 700_000]
	])('reads %s as %i minor units', (input, minor) => {
		expect(parseAmount(input)).toEqual({ ok: true, minor });
	});

	it.each([
		['', 'empty'],
		['   ', 'empty'],
		['-5', 'negative'],
		['abc', 'invalid'],
		['12,345,67', 'invalid'],
		['1.2.3', 'invalid'],
		['12,555', 'ok'],
		['1,2345', 'too_many_decimals'],
		['99999999999999999999', 'too_large']
	])('refuses or reads %s (%s)', (input, reason) => {
		const r = parseAmount(input);
		if (reason === 'ok') expect(r.ok).toBe(true);
		else expect(r).toEqual({ ok: false, reason });
	});

	it('round-trips every formatted amount in both locales', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000_000_000 }),
				fc.constantFrom('hu', 'en') as fc.Arbitrary<'hu' | 'en'>,
				(minor, locale) => {
					const text = formatMoney(minor, 'HUF', locale);
					expect(parseAmount(text)).toEqual({ ok: true, minor });
				}
			)
		);
	});
});

describe('formatMoney', () => {
	it('formats Hungarian forints the way people write them', () => {
		expect(formatMoney(1_250_000, 'HUF', 'hu').replace(/\s/g, ' ')).toBe('12 500 Ft');
		// hu-HU groups from five digits on and writes the code for euro, as ICU does
		expect(formatMoney(123_456, 'EUR', 'hu').replace(/\s/g, ' ')).toBe('1234,56 EUR');
		expect(formatMoney(12_345_678, 'EUR', 'hu').replace(/\s/g, ' ')).toBe('123 456,78 EUR');
		expect(formatMoney(1_250_000, 'HUF', 'en')).toMatch(/HUF\s?12,500/);
	});
	it('prints exactly what Intl prints, for both currencies and languages, signs and fractions', () => {
		const intl = (minor: number, currency: 'HUF' | 'EUR', locale: 'hu' | 'en') => {
			// euros always with cents; forints without fillér when there are none
			const whole = currency === 'HUF' && minor % 100 === 0;
			return new Intl.NumberFormat(locale === 'hu' ? 'hu-HU' : 'en-GB', {
				style: 'currency',
				currency,
				minimumFractionDigits: whole ? 0 : 2,
				maximumFractionDigits: whole ? 0 : 2
			}).format(minor / 100);
		};
		const amounts = fc.oneof(
			fc.integer({ min: -100_000, max: 100_000 }),
			fc.integer({ min: -1e13, max: 1e13 }),
			fc.integer({ min: -1e9, max: 1e9 }).map((n) => n * 100)
		);
		fc.assert(
			fc.property(
				amounts,
				fc.constantFrom<'HUF' | 'EUR'>('HUF', 'EUR'),
				fc.constantFrom<'hu' | 'en'>('hu', 'en'),
				(minor, currency, locale) => {
					expect(formatMoney(minor, currency, locale)).toBe(intl(minor, currency, locale));
				}
			),
			{ numRuns: 20_000 }
		);
		for (const minor of [
			0, 1, 99, 100, 999_900, 1_000_000, 9_999_900, 10_000_000, -1, -100, -1_000_000
		])
			for (const currency of ['HUF', 'EUR'] as const)
				for (const locale of ['hu', 'en'] as const)
					expect(formatMoney(minor, currency, locale)).toBe(intl(minor, currency, locale));
	});
	it('writes plain decimals for CSV', () => {
		expect(minorToDecimalString(1_250_050)).toBe('12500.50');
		expect(minorToDecimalString(-5)).toBe('-0.05');
	});
});

describe('splitEven', () => {
	it('adds up exactly, parts differ by at most one unit, whole forints but the last', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1_000_000_000 }),
				fc.integer({ min: 1, max: 120 }),
				fc.constantFrom(1, 100),
				(total, n, unit) => {
					const parts = splitEven(total, n, unit);
					expect(parts).toHaveLength(n);
					expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
					parts.slice(0, -1).forEach((p) => expect(p % unit).toBe(0));
					const heads = parts.slice(0, -1);
					if (heads.length > 1)
						expect(Math.max(...heads) - Math.min(...heads)).toBeLessThanOrEqual(unit);
					parts.forEach((p) => expect(p).toBeGreaterThanOrEqual(0));
				}
			)
		);
	});
	it('splits 100 000 Ft in three the way a person would', () => {
		expect(splitEven(10_000_000, 3, 100)).toEqual([3_333_400, 3_333_300, 3_333_300]);
	});
	it('refuses nonsense', () => {
		expect(() => splitEven(100, 0)).toThrow();
		expect(() => splitEven(1.5, 2)).toThrow();
		expect(() => splitEven(-1, 2)).toThrow();
	});
});

describe('splitByWeights', () => {
	it('adds up exactly and follows the weights to within one unit', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1_000_000_000 }),
				fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
				(total, weights) => {
					const parts = splitByWeights(total, weights);
					expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
					const sum = weights.reduce((a, b) => a + b, 0);
					parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]) / sum)).toBeLessThan(1));
				}
			)
		);
	});
});

describe('majorText', () => {
	it('writes an amount as a form field starts with it: whole units bare, else two decimals', () => {
		expect(majorText(1_250_000)).toBe('12500');
		expect(majorText(1_250_050)).toBe('12500.50');
		expect(majorText(0)).toBe('0');
	});
});
