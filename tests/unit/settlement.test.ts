import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	defaultSettlementRules,
	maxDiscountBp,
	settlementOffer,
	validateSettlement,
	type SettlementRules
} from '../../src/lib/domain/settlement';
import { totalOf } from '../../src/lib/domain/ledger';
import { STAGES } from '../../src/lib/domain/stages';
import { defaultRules, validateRules } from '../../src/lib/domain/rules';

const on = (over: Partial<SettlementRules> = {}): SettlementRules => ({
	...defaultSettlementRules(),
	enabled: true,
	...over
});
const facts = (
	principal: number,
	interest = 0,
	fee = 0,
	cost = 0,
	stage = 'firm_reminder' as const
) => ({
	open: { principal, interest, fee, cost },
	stage,
	currency: 'HUF' as const,
	stageSince: '2026-03-01'
});

describe('settlement offer', () => {
	it('takes the smaller of the band and stage maximum, off costs and interest first', () => {
		// 200 000 Ft: band 2 (10%), firm reminder (10%) -> 20 000 Ft off
		const o = settlementOffer(on(), facts(18_000_000, 1_500_000, 0, 500_000), '2026-03-05')!;
		expect(o).toMatchObject({
			totalMinor: 20_000_000,
			maxBp: 1000,
			discountMinor: 2_000_000,
			payMinor: 18_000_000,
			deadline: '2026-03-15'
		});
		expect(o.parts).toEqual({ cost: 500_000, fee: 0, interest: 1_500_000, principal: 0 });
		expect(maxDiscountBp(on(), 5_000_000, 'legal')).toBe(500); // band 1 caps the stage's 20%
	});
	it('never takes principal below the floor', () => {
		const o = settlementOffer(
			on({ principalFloorMinor: 9_900_000 }),
			facts(10_000_000, 50_000),
			'2026-03-02'
		)!;
		expect(o.parts.principal).toBe(100_000);
		expect(o.discountMinor).toBe(150_000);
		expect(
			settlementOffer(on({ principalFloorMinor: 10_000_000 }), facts(10_000_000), '2026-03-02')
		).toBeNull();
	});
	it('is off when disabled, past its deadline, in a stage without one, or with nothing owed', () => {
		expect(settlementOffer(defaultSettlementRules(), facts(10_000_000), '2026-03-02')).toBeNull();
		expect(settlementOffer(undefined, facts(10_000_000), '2026-03-02')).toBeNull();
		expect(settlementOffer(on(), facts(10_000_000), '2026-03-16')).toBeNull();
		expect(settlementOffer(on(), { ...facts(10_000_000), stage: 'new' }, '2026-03-02')).toBeNull();
		expect(settlementOffer(on(), facts(0), '2026-03-02')).toBeNull();
	});
	it('property: never more than the maximum, principal floor kept, whole forints, parts add up', () => {
		const arbRules = fc.record({
			enabled: fc.constant(true),
			deadlineDays: fc.integer({ min: 1, max: 90 }),
			principalFloorMinor: fc.integer({ min: 0, max: 50_000_000 }),
			bands: fc
				.tuple(
					fc.integer({ min: 1, max: 100_000_000 }),
					fc.integer({ min: 0, max: 5000 }),
					fc.integer({ min: 0, max: 5000 })
				)
				.map(([up, a, b]) => [
					{ upToMinor: up, maxBp: a },
					{ upToMinor: null, maxBp: b }
				]),
			stageMaxBp: fc.record(
				Object.fromEntries(STAGES.map((s) => [s, fc.integer({ min: 0, max: 5000 })])) as Record<
					(typeof STAGES)[number],
					fc.Arbitrary<number>
				>
			)
		});
		const amt = fc.integer({ min: 0, max: 100_000_000 });
		fc.assert(
			fc.property(
				arbRules,
				amt,
				amt,
				amt,
				amt,
				fc.constantFrom(...STAGES),
				fc.constantFrom('HUF' as const, 'EUR' as const),
				(r, principal, interest, fee, cost, stage, currency) => {
					expect(validateSettlement(r)).toEqual({});
					const open = { principal, interest, fee, cost };
					const o = settlementOffer(
						r,
						{ open, stage, currency, stageSince: '2026-03-01' },
						'2026-03-01'
					);
					if (!o) return;
					const total = totalOf(open);
					expect(o.totalMinor).toBe(total);
					expect(o.discountMinor).toBeGreaterThan(0);
					expect(o.discountMinor * 10_000).toBeLessThanOrEqual(
						total * maxDiscountBp(r, total, stage)
					);
					expect(o.payMinor + o.discountMinor).toBe(total);
					expect(totalOf(o.parts)).toBe(o.discountMinor);
					expect(principal - o.parts.principal).toBeGreaterThanOrEqual(
						Math.min(principal, r.principalFloorMinor)
					);
					for (const c of ['principal', 'interest', 'fee', 'cost'] as const) {
						expect(o.parts[c]).toBeGreaterThanOrEqual(0);
						expect(o.parts[c]).toBeLessThanOrEqual(open[c]);
						expect(Number.isSafeInteger(o.parts[c])).toBe(true);
					}
					if (currency === 'HUF') expect(o.payMinor % 100).toBe(0);
				}
			),
			{ numRuns: 500 }
		);
	});
	it('validates the rule with the editor paths, as part of the creditor rules', () => {
		const bad = on({
			deadlineDays: 0,
			bands: [
				{ upToMinor: 100, maxBp: 6000 },
				{ upToMinor: 50, maxBp: 10 }
			]
		});
		expect(validateRules({ ...defaultRules(), settlement: bad })).toMatchObject({
			'settlement.deadlineDays': { key: 'rules.error.range' },
			'settlement.bands.0.maxBp': { key: 'rules.error.range' },
			'settlement.bands.1.upToMinor': { key: 'rules.error.lastBandOpen' }
		});
		expect(validateRules({ ...defaultRules(), settlement: on() })).toEqual({});
	});
});
