import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bpToPercent, commissionOf, percentToBp, rateFor } from '$lib/domain/remittance';

describe('commission arithmetic', () => {
	it('reads per cents typed with a comma or a point, up to two decimals, 0–100', () => {
		expect(percentToBp('15')).toBe(1500);
		expect(percentToBp('12,5')).toBe(1250);
		expect(percentToBp('12.75')).toBe(1275);
		expect(percentToBp('100')).toBe(10_000);
		for (const bad of ['100.01', '-1', '1.234', 'abc', '', '1e2'])
			expect(percentToBp(bad)).toBeNull();
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => percentToBp(bpToPercent(bp)) === bp)
		);
	});
	it('rounds half away from zero in integers, so a refund gives back what its payment carried', () => {
		expect(commissionOf(123_450, 1250)).toBe(15_431);
		expect(commissionOf(-123_450, 1250)).toBe(-15_431);
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1e12 }),
				fc.integer({ min: 0, max: 10_000 }),
				(a, bp) => {
					const c = commissionOf(a, bp);
					return Number.isSafeInteger(c) && c <= a && c === -commissionOf(-a, bp);
				}
			)
		);
	});
	it('picks the most specific term in force that day', () => {
		const terms = [
			{ portfolioId: null, stage: null, rateBp: 1000, validFrom: '2026-01-01' },
			{ portfolioId: null, stage: 'legal' as const, rateBp: 2500, validFrom: '2026-01-01' },
			{ portfolioId: 7, stage: null, rateBp: 800, validFrom: '2026-06-01' }
		];
		const line = { portfolioId: 7, stage: 'legal' as const, effectiveDate: '2026-05-31' };
		expect(rateFor(terms, line)).toBe(2500);
		expect(rateFor(terms, { ...line, effectiveDate: '2026-06-01' })).toBe(800);
		expect(rateFor(terms, { ...line, stage: 'firm_reminder', portfolioId: 3 })).toBe(1000);
		expect(rateFor(terms, { ...line, effectiveDate: '2025-12-31' })).toBe(0);
	});
});
