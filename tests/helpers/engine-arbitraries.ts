/** Random strategies and claim facts for the engine's property tests (not a test file itself). */
import fc from 'fast-check';
import { addDays } from '../../src/lib/domain/clock';
import { hold, HOLD_KINDS, type Hold } from '../../src/lib/domain/holds';
import {
	MISSED_POLICIES,
	PATH_STAGES,
	defaultStrategyVersion,
	type StrategyStage,
	type StrategyVersion
} from '../../src/lib/domain/strategy';
import { validateStrategy } from '../../src/lib/domain/strategy-validate';
import { CHANNELS, STAGES } from '../../src/lib/domain/stages';
import type { ClaimFacts } from '../../src/lib/domain/engine';

export const BASE = '2026-01-05';

const arbStage = (stage: StrategyStage['stage']) =>
	fc.record({
		stage: fc.constant(stage),
		gap: fc.integer({ min: 1, max: 30 }),
		steps: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 }),
		channels: fc.uniqueArray(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 3 }),
		missed: fc.constantFrom(...MISSED_POLICIES),
		minBalanceMinor: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 })),
		belowMinimum: fc.constantFrom('skip_stage', 'close_uneconomic') as fc.Arbitrary<
			'skip_stage' | 'close_uneconomic'
		>,
		fee: fc.constantFrom(null, { kind: 'fixed', amountMinor: 100_000 }, { kind: 'b2b_lump_sum' })
	});

/** A valid version: a subset of the path in order (always ending in legal), random days, steps and rules. */
export const arbStrategy: fc.Arbitrary<StrategyVersion> = fc
	.record({
		keep: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
		first: fc.integer({ min: 0, max: 10 }),
		stages: fc.tuple(...PATH_STAGES.map(arbStage)),
		version: fc.integer({ min: 1, max: 5 })
	})
	.map(({ keep, first, stages, version }) => {
		const chosen = stages.filter((s, i) => i === 3 || keep[i]);
		let start = first;
		const out: StrategyStage[] = chosen.map((s, i) => {
			const startDay = start;
			start += s.gap;
			const next = chosen[i + 1];
			const limit = next ? s.gap - 1 : 40;
			const days = [...new Set(s.steps.map((d) => Math.min(d, limit)))].sort((a, b) => a - b);
			return {
				stage: s.stage,
				startDay,
				steps: days.map((day, j) => ({
					key: `s${j}`,
					day,
					channels: [...s.channels],
					template: `${s.stage}.s${j}`,
					missed: s.missed
				})),
				minBalanceMinor: s.minBalanceMinor,
				belowMinimum: s.belowMinimum,
				fee: s.fee as StrategyStage['fee']
			};
		});
		const v: StrategyVersion = { ...defaultStrategyVersion(3, version), stages: out };
		const problems = validateStrategy(v);
		if (problems.length) throw new Error(JSON.stringify(problems));
		return v;
	});

export const arbStrategyOrDefault = fc.oneof(
	fc.constant(defaultStrategyVersion(1, 1)),
	arbStrategy
);

export const arbHold: fc.Arbitrary<Hold> = fc
	.record({
		kind: fc.constantFrom(...HOLD_KINDS),
		start: fc.integer({ min: -30, max: 200 }),
		len: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null })
	})
	.map(({ kind, start, len }) =>
		hold(kind, addDays(BASE, start), len === null ? null : addDays(BASE, start + len))
	);

/** Facts of an open claim (sometimes another status) at some point of its life, and an as-of day. */
export const arbCase = fc
	.record({
		v: arbStrategyOrDefault,
		due: fc.integer({ min: -60, max: 20 }),
		age: fc.integer({ min: 0, max: 200 }),
		stage: fc.constantFrom(...STAGES),
		entered: fc.integer({ min: 0, max: 200 }),
		balanceMinor: fc.integer({ min: 1, max: 5_000_000 }),
		status: fc.oneof(
			{ weight: 6, arbitrary: fc.constant('open' as const) },
			{ weight: 1, arbitrary: fc.constantFrom('in_plan', 'disputed', 'paid', 'closed') }
		),
		holds: fc.array(arbHold, { maxLength: 3 }),
		planOffered: fc.boolean(),
		debtorKind: fc.constantFrom('person', 'company') as fc.Arbitrary<'person' | 'company'>,
		contractAllowsFees: fc.boolean(),
		cycle: fc.constantFrom(0, 0, 1)
	})
	.map((r) => {
		const dueDate = addDays(BASE, r.due);
		const asOf = addDays(dueDate, r.age);
		const facts: ClaimFacts = {
			claimId: 42,
			dueDate,
			balanceMinor: r.balanceMinor,
			currency: 'HUF',
			debtorKind: r.debtorKind,
			status: r.status,
			stage: r.stage,
			stageEnteredOn: r.stage === 'new' ? null : addDays(dueDate, Math.min(r.entered, r.age)),
			holds: r.holds,
			planOffered: r.planOffered,
			plannedKeys: new Set(),
			cycle: r.cycle,
			contractAllowsFees: r.contractAllowsFees,
			hufPerEur: 400,
			lumpSumInCurrencyMinor: 1_600_000,
			lumpSumCharged: false
		};
		return { v: r.v, facts, asOf };
	});

/** An open claim of 100 000 Ft due Monday 2026-03-02, new, no holds, not offered a plan; `over` changes any of it. */
export const openClaimFacts = (over: Partial<ClaimFacts> = {}): ClaimFacts => ({
	claimId: 7,
	dueDate: '2026-03-02',
	balanceMinor: 10_000_000,
	currency: 'HUF',
	debtorKind: 'person',
	status: 'open',
	stage: 'new',
	stageEnteredOn: null,
	holds: [],
	planOffered: false,
	plannedKeys: new Set(),
	cycle: 0,
	contractAllowsFees: false,
	hufPerEur: 400,
	lumpSumInCurrencyMinor: null,
	lumpSumCharged: false,
	...over
});
