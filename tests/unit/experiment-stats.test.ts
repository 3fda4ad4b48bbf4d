import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	CONTACT_COST_HUF_MINOR,
	compareRates,
	compareShares,
	contactCostMinor,
	costPerCollected,
	liquidationShare,
	ratioEstimate,
	wilson
} from '../../src/lib/domain/experiment-stats';
import { CHANNELS } from '../../src/lib/domain/stages';

const sumsOf = (x: number[], y: number[]) => ({
	n: x.length,
	sumX: x.reduce((a, b) => a + b, 0),
	sumY: y.reduce((a, b) => a + b, 0),
	sumXX: x.reduce((a, b) => a + b * b, 0),
	sumYY: y.reduce((a, b) => a + b * b, 0),
	sumXY: x.reduce((a, b, i) => a + b * y[i], 0)
});

describe('experiment statistics', () => {
	it('Wilson interval: the textbook values for 0/10 and 50/100', () => {
		const a = wilson(0, 10)!;
		expect(a.low).toBe(0);
		expect(a.high).toBeCloseTo(0.2775, 4);
		const b = wilson(50, 100)!;
		expect(b.low).toBeCloseTo(0.4038, 4);
		expect(b.high).toBeCloseTo(0.5962, 4);
		expect(wilson(0, 0)).toBeNull();
	});

	it('Wilson interval always holds the observed share and stays within 0..1', () => {
		fc.assert(
			fc.property(
				fc
					.integer({ min: 1, max: 5000 })
					.chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
				([n, k]) => {
					const w = wilson(k, n)!;
					expect(w.low).toBeGreaterThanOrEqual(0);
					expect(w.high).toBeLessThanOrEqual(1);
					expect(w.low).toBeLessThanOrEqual(k / n + 1e-12);
					expect(w.high).toBeGreaterThanOrEqual(k / n - 1e-12);
				}
			)
		);
	});

	it('recovery rate: ratio estimator and its standard error, computed by hand', () => {
		// R = 200/400 = 0.5; residuals -50, 0, 50, 0 -> 5000 / 3 / 4 = 416.67, sqrt = 20.41, / x̄ 100
		const r = ratioEstimate(sumsOf([100, 100, 100, 100], [0, 50, 100, 50]))!;
		expect(r.rate).toBe(0.5);
		expect(r.se).toBeCloseTo(0.2041, 4);
		expect(r.interval!.low).toBeCloseTo(0.5 - 1.96 * 0.2041, 3);
		expect(r.interval!.high).toBeCloseTo(0.5 + 1.96 * 0.2041, 3);
		// one claim: a rate but no interval; nothing placed: nothing
		expect(ratioEstimate(sumsOf([100], [30]))).toEqual({ rate: 0.3, se: null, interval: null });
		expect(ratioEstimate(sumsOf([], []))).toBeNull();
	});

	it('the interval narrows as the sample grows (same spread, four times the claims: about half as wide)', () => {
		const x = [100, 100, 100, 100];
		const y = [0, 50, 100, 50];
		const small = ratioEstimate(sumsOf(x, y))!;
		const big = ratioEstimate(sumsOf([...x, ...x, ...x, ...x], [...y, ...y, ...y, ...y]))!;
		expect(big.se! / small.se!).toBeCloseTo(Math.sqrt(3 / 15), 6);
		expect(big.se!).toBeLessThan(small.se!);
	});

	it('paid-off shares: significant difference, noise, and a sample too small to say', () => {
		// 30% vs 45% of 100: pooled p = .375, se = .0685, z = 2.19 -> better
		const a = compareShares({ k: 30, n: 100 }, { k: 45, n: 100 });
		expect(a.diff).toBeCloseTo(0.15, 10);
		expect(a.se).toBeCloseTo(0.068465, 5);
		expect(a.verdict).toBe('better');
		expect(compareShares({ k: 45, n: 100 }, { k: 30, n: 100 }).verdict).toBe('worse');
		// 30% vs 38%: z = 1.19 -> not significant
		expect(compareShares({ k: 30, n: 100 }, { k: 38, n: 100 }).verdict).toBe('not_significant');
		// 10 claims in an arm: we do not compare
		expect(compareShares({ k: 1, n: 10 }, { k: 9, n: 10 }).verdict).toBe('too_small');
	});

	it('recovery rates: a difference within 1.96 combined standard errors is not significant', () => {
		const est = (rate: number, se: number) => ({ rate, se, interval: null });
		expect(
			compareRates({ n: 500, estimate: est(0.3, 0.02) }, { n: 60, estimate: est(0.35, 0.03) })
				.verdict
		).toBe('not_significant'); // .05 < 1.96 * .036
		expect(
			compareRates({ n: 500, estimate: est(0.3, 0.01) }, { n: 500, estimate: est(0.35, 0.01) })
				.verdict
		).toBe('better'); // .05 > 1.96 * .0141
		expect(
			compareRates({ n: 500, estimate: est(0.3, 0.01) }, { n: 20, estimate: est(0.9, 0.01) })
				.verdict
		).toBe('too_small');
	});

	it('cost per forint collected from the one cost table', () => {
		expect(contactCostMinor({ sms: 2, letter: 1 })).toBe(
			2 * CONTACT_COST_HUF_MINOR.sms + CONTACT_COST_HUF_MINOR.letter
		);
		for (const c of CHANNELS) expect(Number.isSafeInteger(CONTACT_COST_HUF_MINOR[c])).toBe(true);
		expect(costPerCollected(50_000, 1_000_000)).toBe(0.05);
		expect(costPerCollected(50_000, 0)).toBeNull();
	});

	it('liquidation curve: cumulative share of placed by month since placement', () => {
		expect(
			liquidationShare(
				1000,
				[
					{ monthsSince: 0, collectedMinor: 100 },
					{ monthsSince: 2, collectedMinor: 200 },
					{ monthsSince: 3, collectedMinor: 50 }
				],
				4
			)
		).toEqual([0.1, 0.1, 0.3, 0.35]);
		expect(liquidationShare(0, [], 2)).toEqual([0, 0]);
	});
});
