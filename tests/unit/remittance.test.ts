import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	bpToPercent,
	commissionOf,
	percentToBp,
	rateFor,
	remittanceStatement,
	type MoneyLine
} from '$lib/domain/remittance';

/** 100 000 Ft paid on 10 March while the claim was at the friendly reminder. */
const line = (m: Partial<MoneyLine>): MoneyLine => ({
	claimId: 1,
	reference: 'R-1',
	currency: 'HUF',
	portfolioId: 1,
	effectiveDate: '2026-03-10',
	paidOn: '2026-03-10',
	stage: 'friendly_reminder',
	component: 'principal',
	kind: 'payment',
	amountMinor: -10_000_000,
	direct: false,
	...m
});

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
	it("gives back a refund's commission at its payment's day and stage, not the refund's", () => {
		const terms = [
			{ portfolioId: null, stage: null, rateBp: 1000, validFrom: '2026-01-01' },
			{ portfolioId: null, stage: 'formal_notice' as const, rateBp: 2000, validFrom: '2026-01-01' },
			{ portfolioId: null, stage: null, rateBp: 3000, validFrom: '2026-04-01' }
		];
		const march = remittanceStatement([line({})], terms).rows[0];
		// April: a new rate is in force, the claim is at formal notice, and the March payment is
		// refunded; the line keeps its payment's day and stage
		const april = remittanceStatement(
			[line({ kind: 'refund', amountMinor: 10_000_000, effectiveDate: '2026-04-20' })],
			terms
		).rows[0];
		expect(march.commission).toBe(1_000_000);
		expect(april.commission).toBe(-1_000_000);
		expect(march.net + april.net).toBe(0);
	});
});
