import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	evaluateProposal,
	checkProposal,
	nearestPlan,
	affordableInstallment,
	defaultProposal,
	minInstallment,
	maxFittingCount,
	type Proposal
} from '../../src/lib/domain/plans';
import {
	defaultRules,
	bandFor,
	type CreditorRules,
	type BalanceBand
} from '../../src/lib/domain/rules';
import { scheduleTotal, unitOf } from '../../src/lib/domain/schedule';
import { addDays, daysBetween } from '../../src/lib/domain/clock';
import { translate } from '../../src/lib/i18n';
import type { Frequency } from '../../src/lib/domain/schedule-types';
import { terms } from '../helpers/plans-fixtures';

const today = '2026-03-02';
const ctx = (balanceMinor: number) => ({ balanceMinor, currency: 'HUF' as const, today });

describe('plan evaluator: examples from the issue', () => {
	const r = defaultRules();
	it('under 60 000 Ft: pay at once, no plan', () => {
		const e = evaluateProposal(r, ctx(5_000_000), terms(2, { firstDueDate: '2026-03-15' }));
		expect(e.passes).toBe(false);
		expect(e.violations.map((v) => v.rule)).toContain('pay_at_once');
		expect(e.nearest).toBeNull();
		expect(translate('hu', e.violations[0].key, e.violations[0].params)).toContain('60');
	});
	it('up to 400 000 Ft: at most 4 installments of at least 20 000 Ft; up to 3 start at once', () => {
		const ok = evaluateProposal(r, ctx(30_000_000), terms(3));
		expect(ok).toMatchObject({ passes: true, autoApprove: true, violations: [] });
		expect(ok.schedule!.map((s) => s.dueDate)).toEqual(['2026-03-31', '2026-04-30', '2026-05-31']);
		const four = evaluateProposal(r, ctx(30_000_000), terms(4));
		expect(four).toMatchObject({ passes: true, autoApprove: false });
		const six = evaluateProposal(r, ctx(30_000_000), terms(6));
		expect(six.violations.map((v) => v.rule)).toEqual(['count_max']);
		expect(six.violations[0].params).toEqual({ max: 4 });
		expect(six.nearest).toMatchObject({
			installmentCount: 4,
			frequency: 'monthly',
			firstDueDate: '2026-03-31'
		});
		// 50 000 Ft in 4 parts is 12 500 each: below the 20 000 Ft minimum; nearest keeps 2 (25 000)
		const small = evaluateProposal(
			r,
			ctx(7_000_000),
			terms(4, { frequency: 'weekly', firstDueDate: '2026-03-09' })
		);
		expect(small.violations.map((v) => v.rule)).toEqual(['installment_min']);
		expect(translate('en', small.violations[0].key, small.violations[0].params)).toMatch(
			/20[ ,\u00a0\u202f]?000/
		);
		expect(small.nearest).toMatchObject({
			installmentCount: 3,
			frequency: 'weekly',
			firstDueDate: '2026-03-09'
		});
	});
	it('above 400 000 Ft: at least 10% of the balance per installment', () => {
		const e = evaluateProposal(r, ctx(100_000_000), terms(12, { firstDueDate: '2026-04-01' }));
		expect(e.violations.map((v) => v.rule).sort()).toEqual(['count_max', 'installment_share']);
		expect(e.nearest).toMatchObject({ installmentCount: 10 });
	});
	it('reports dates: in the past, too late to start, plan too long', () => {
		const rr: CreditorRules = { ...r, maxPlanDays: 60 };
		const past = checkProposal(rr, ctx(30_000_000), terms(2, { firstDueDate: '2026-03-01' }));
		expect(past.violations.map((v) => v.rule)).toEqual(['first_past']);
		const late = checkProposal(rr, ctx(30_000_000), terms(1, { firstDueDate: addDays(today, 31) }));
		expect(late.violations.map((v) => v.rule)).toEqual(['first_latest']);
		const long = evaluateProposal(rr, ctx(30_000_000), terms(4, { firstDueDate: '2026-03-20' }));
		expect(long.violations.map((v) => v.rule)).toEqual(['length']);
		expect(long.nearest).toMatchObject({ installmentCount: 2, firstDueDate: '2026-03-20' });
		const bad = checkProposal(rr, ctx(30_000_000), terms(2, { firstDueDate: '2026-02-30' }));
		expect(bad.violations.map((v) => v.rule)).toEqual(['first_invalid']);
	});
	it('reports down payment and frequency rules, and keeps the date when it can', () => {
		const rr: CreditorRules = { ...r, minDownPaymentBp: 2000, frequencies: ['monthly'] };
		const e = evaluateProposal(
			rr,
			ctx(30_000_000),
			terms(3, { downPaymentMinor: 100_050, frequency: 'weekly', firstDueDate: '2026-03-20' })
		);
		expect(e.violations.map((v) => v.rule).sort()).toEqual(['down_min', 'down_whole', 'frequency']);
		expect(e.nearest).toMatchObject({
			frequency: 'monthly',
			downPaymentMinor: 6_000_000,
			firstDueDate: '2026-03-20',
			installmentCount: 3
		});
		const all = checkProposal(
			rr,
			ctx(30_000_000),
			terms(0, { downPaymentMinor: 30_000_000, firstDueDate: '2026-03-20' })
		);
		expect(all.violations.map((v) => v.rule).sort()).toEqual(['count_min', 'down_max']);
	});
	it('suggests an affordable installment from a budget', () => {
		expect(affordableInstallment(40_000_000, 30_000_000, 'monthly', 'HUF')).toBe(5_000_000);
		expect(affordableInstallment(40_000_000, 30_000_000, 'weekly', 'HUF')).toBe(1_153_800);
		expect(affordableInstallment(30_000_000, 40_000_000, 'monthly', 'HUF')).toBe(0);
		expect(affordableInstallment(null, 1, 'monthly', 'HUF')).toBeNull();
	});
});

// ---- property tests over random rules, balances and proposals

const freqArb = fc.constantFrom<Frequency>('weekly', 'biweekly', 'monthly');
const bandArb = (upTo: number | null): fc.Arbitrary<BalanceBand> =>
	fc.record({
		upToMinor: fc.constant(upTo),
		plansAllowed: fc.boolean(),
		maxInstallments: fc.integer({ min: 1, max: 36 }),
		minInstallmentMinor: fc.integer({ min: 0, max: 100_000 }).map((x) => x * 100),
		minInstallmentShareBp: fc.constantFrom(0, 0, 500, 1000, 2500),
		autoApproveMaxInstallments: fc.integer({ min: 0, max: 12 })
	});
const rulesArb: fc.Arbitrary<CreditorRules> = fc
	.tuple(
		fc
			.uniqueArray(
				fc.integer({ min: 1, max: 5_000 }).map((x) => x * 10_000),
				{ minLength: 0, maxLength: 5 }
			)
			.map((a) => a.sort((x, y) => x - y)),
		fc.uniqueArray(freqArb, { minLength: 1, maxLength: 3 }),
		fc.record({
			minDownPaymentBp: fc.constantFrom(0, 0, 1000, 2500),
			maxPlanDays: fc.integer({ min: 30, max: 730 }),
			latestFirstDueDays: fc.integer({ min: 0, max: 30 }),
			graceDays: fc.integer({ min: 0, max: 30 }),
			allowSmallerLast: fc.boolean()
		})
	)
	.chain(([limits, frequencies, rest]) =>
		fc.tuple(...[...limits, null].map((l) => bandArb(l))).map((bands) => ({
			...defaultRules(),
			...rest,
			frequencies,
			bands
		}))
	);
const proposalArb: fc.Arbitrary<Proposal> = fc.record({
	downPaymentMinor: fc.integer({ min: 0, max: 50_000_000 }),
	installmentCount: fc.integer({ min: 0, max: 50 }),
	frequency: freqArb,
	firstDueDate: fc.integer({ min: -10, max: 60 }).map((d) => addDays(today, d))
});
const balanceArb = fc.integer({ min: 100, max: 200_000_000 });

describe('plan evaluator: properties', () => {
	it('a returned nearest plan always passes, and its schedule adds up to the balance', () => {
		fc.assert(
			fc.property(rulesArb, balanceArb, proposalArb, (rules, balance, p) => {
				const e = evaluateProposal(rules, ctx(balance), p);
				if (e.passes) expect(e.nearest).not.toBeNull();
				if (e.nearest) {
					const again = checkProposal(rules, ctx(balance), e.nearest);
					expect(again.violations).toEqual([]);
					expect(scheduleTotal(e.nearest.schedule)).toBe(balance);
					expect(e.nearest.autoApprove).toBe(
						e.nearest.installmentCount <= bandFor(rules, balance).autoApproveMaxInstallments
					);
				}
			}),
			{ numRuns: 300 }
		);
	});
	it('the nearest plan keeps the frequency and first date where those are allowed', () => {
		fc.assert(
			fc.property(rulesArb, balanceArb, proposalArb, (rules, balance, p) => {
				const n = nearestPlan(rules, ctx(balance), p);
				fc.pre(
					n !== null &&
						rules.frequencies.includes(p.frequency) &&
						p.firstDueDate >= today &&
						daysBetween(today, p.firstDueDate) <= rules.latestFirstDueDays
				);
				// if some plan with the asked frequency and date passes, the nearest one has them
				const band = bandFor(rules, balance);
				let exists = false;
				for (let k = 1; k <= band.maxInstallments && !exists; k++) {
					for (const d of [
						...new Set([Math.max(Math.floor(p.downPaymentMinor / 100) * 100, 0), 0])
					]) {
						const c = checkProposal(rules, ctx(balance), {
							...p,
							installmentCount: k,
							downPaymentMinor: d
						});
						if (c.violations.length === 0) exists = true;
					}
				}
				if (exists && rules.minDownPaymentBp === 0) {
					expect(n!.frequency).toBe(p.frequency);
					expect(n!.firstDueDate).toBe(p.firstDueDate);
				}
			}),
			{ numRuns: 300 }
		);
	});
	it('a passing plan has no installment below the minimum except a smaller last one where allowed, whole forints, and dates from today within the limits', () => {
		fc.assert(
			fc.property(rulesArb, balanceArb, proposalArb, (rules, balance, p) => {
				const e = evaluateProposal(rules, ctx(balance), p);
				fc.pre(e.nearest !== null);
				const plan = e.nearest!;
				const band = bandFor(rules, balance);
				const min = minInstallment(band, ctx(balance));
				const inst = plan.schedule.filter((s) => s.seq > 0);
				inst.forEach((s, i) => {
					const last = i === inst.length - 1;
					if (!(last && rules.allowSmallerLast && inst.length > 1))
						expect(s.amountMinor).toBeGreaterThanOrEqual(min);
					expect(s.amountMinor).toBeGreaterThan(0);
					if (!last) expect(s.amountMinor % unitOf('HUF')).toBe(0);
					expect(s.dueDate >= today).toBe(true);
					expect(daysBetween(today, s.dueDate)).toBeLessThanOrEqual(rules.maxPlanDays);
				});
				expect(inst.length).toBeLessThanOrEqual(band.maxInstallments);
				expect(daysBetween(today, inst[0].dueDate)).toBeLessThanOrEqual(rules.latestFirstDueDays);
			}),
			{ numRuns: 300 }
		);
	});
	it('every violation has a Hungarian and an English text with its params filled', () => {
		fc.assert(
			fc.property(rulesArb, balanceArb, proposalArb, (rules, balance, p) => {
				for (const v of evaluateProposal(rules, ctx(balance), p).violations) {
					for (const lang of ['hu', 'en'] as const) {
						const text = translate(lang, v.key, v.params);
						expect(text).not.toBe(v.key);
						expect(text).not.toMatch(/\{\w+\}/);
					}
				}
			}),
			{ numRuns: 200 }
		);
	});
	it('the default proposal passes whenever any plan can', () => {
		fc.assert(
			fc.property(rulesArb, balanceArb, (rules, balance) => {
				const p = defaultProposal(rules, ctx(balance));
				const e = evaluateProposal(rules, ctx(balance), p);
				if (nearestPlan(rules, ctx(balance), p)) expect(e.passes).toBe(true);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('maxFittingCount: the most installments the other rules leave (walkthrough item 1)', () => {
	// the walkthrough's claim: 919 200 Ft, at most 24 installments, each at least 4% of the balance,
	// a 10% down payment
	const rules: CreditorRules = {
		...defaultRules(),
		minDownPaymentBp: 1000,
		bands: [
			{
				upToMinor: null,
				plansAllowed: true,
				maxInstallments: 24,
				minInstallmentMinor: 0,
				minInstallmentShareBp: 400,
				autoApproveMaxInstallments: 12
			}
		]
	};
	const c = ctx(91_920_000);
	const asked: Proposal = {
		downPaymentMinor: 5_000_000,
		installmentCount: 30,
		frequency: 'weekly',
		firstDueDate: '2026-03-16'
	};
	it('the 4% share leaves 22 of the 24 at the minimum down payment, which the nearest plan also takes', () => {
		expect(maxFittingCount(rules, c, asked)).toBe(22);
		expect(nearestPlan(rules, c, asked)?.installmentCount).toBe(22);
		// a larger down payment leaves a smaller rest: fewer installments fit
		expect(maxFittingCount(rules, c, { ...asked, downPaymentMinor: 50_000_000 })).toBeLessThan(22);
	});
	it("is the band's maximum when nothing else limits it, and 0 when no plan fits", () => {
		expect(
			maxFittingCount(defaultRules(), ctx(100_000_000), { ...asked, downPaymentMinor: 0 })
		).toBe(10);
		expect(maxFittingCount(defaultRules(), ctx(5_000_000), asked)).toBe(0);
	});
});
