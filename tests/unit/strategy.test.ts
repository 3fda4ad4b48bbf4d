import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	defaultStrategyVersion,
	freezeStrategy,
	fromLegacyStrategy,
	nextStage,
	toLegacyStrategy,
	PATH_STAGES,
	type StrategyVersion
} from '../../src/lib/domain/strategy';
import { validateStrategy } from '../../src/lib/domain/strategy-validate';
import { CHANNELS, defaultStrategy, type Strategy } from '../../src/lib/domain/stages';
import { translate, hasKey } from '../../src/lib/i18n';

const keysOf = (v: StrategyVersion) => validateStrategy(v).map((p) => `${p.path} ${p.key}`);

describe('strategy versions as data', () => {
	it("the default version is seed 004's process on the days and channels of stages.ts's defaultStrategy()", () => {
		const v = defaultStrategyVersion();
		expect(v.stages.map((s) => s.stage)).toEqual([...PATH_STAGES]);
		expect(toLegacyStrategy(v)).toEqual(defaultStrategy());
		expect(validateStrategy(v)).toEqual([]);
	});

	it('a stored per-stage strategy converts to a valid version and back unchanged', () => {
		const step = fc.record({
			channels: fc.uniqueArray(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 4 })
		});
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 4, maxLength: 4 }),
				fc.tuple(step, step, step, step),
				(days, steps) => {
					const d = [...days].sort((a, b) => a - b);
					const s = Object.fromEntries(
						PATH_STAGES.map((st, i) => [st, { afterDays: d[i], channels: steps[i].channels }])
					) as Strategy;
					const v = fromLegacyStrategy(s, 7, 2);
					expect(validateStrategy(v)).toEqual([]);
					expect(toLegacyStrategy(v)).toEqual(s);
				}
			)
		);
	});

	it('a saved version cannot be changed in place', () => {
		const v = freezeStrategy(defaultStrategyVersion());
		expect(() => {
			(v.stages[0] as { startDay: number }).startDay = 1;
		}).toThrow();
		expect(() => v.stages[1].steps[0].channels.push('visit')).toThrow();
		expect(v.stages[0].startDay).toBe(5);
	});

	it('the next stage is the next one the version has, whatever the claim stands in', () => {
		const v = defaultStrategyVersion();
		v.stages = v.stages.filter((s) => s.stage !== 'firm_reminder');
		expect(nextStage(v, 'new')?.stage).toBe('friendly_reminder');
		expect(nextStage(v, 'friendly_reminder')?.stage).toBe('formal_notice');
		expect(nextStage(v, 'firm_reminder')?.stage).toBe('formal_notice');
		expect(nextStage(v, 'legal')).toBeNull();
	});
});

describe('validateStrategy', () => {
	it('lists every problem at once, each at its field', () => {
		const v = defaultStrategyVersion();
		[v.stages[0], v.stages[1]] = [v.stages[1], v.stages[0]]; // out of order
		v.stages[2].startDay = -3; // negative
		v.stages[3].steps[0].channels = []; // empty channels
		v.stages[0].steps[1].missed = 'sometimes' as never;
		v.stages[2].steps[2].key = v.stages[2].steps[1].key; // a key twice
		v.promiseGraceDays = 999;
		expect(keysOf(v)).toEqual(
			expect.arrayContaining([
				'stages.1.stage strategy.error.stageOrder',
				'stages.1.startDay strategy.error.startOrder',
				'stages.2.startDay strategy.error.range',
				'stages.3.steps.0.channels strategy.error.noChannels',
				'stages.0.steps.1.missed strategy.error.missed',
				'stages.2.steps.2.key strategy.error.stepKeyTwice',
				'promiseGraceDays strategy.error.range'
			])
		);
	});

	it('refuses a missing legal stage, a repeated stage, unknown channels, steps after the next stage and steps out of order', () => {
		const v = defaultStrategyVersion();
		v.stages = v.stages.slice(0, 3);
		expect(keysOf(v)).toContain('stages strategy.error.lastNotLegal');

		const w = defaultStrategyVersion();
		w.stages[1] = { ...w.stages[1], stage: 'friendly_reminder' };
		w.stages[0].steps[1].channels = ['pigeon' as never];
		w.stages[0].steps[0].channels = ['sms', 'sms'];
		w.stages[2].steps[0].day = 30;
		w.stages[2].steps[1].day = 20; // before the step above it
		w.stages[2].steps[2].day = 45; // formal notice lasts 45 days: on day 45 the claim is in legal
		w.stages[3].steps = []; // allowed: entering legal is the handover
		w.stages[1].steps = [];
		expect(keysOf(w)).toEqual(
			expect.arrayContaining([
				'stages.1.stage strategy.error.stageTwice',
				'stages.0.steps.1.channels strategy.error.channelUnknown',
				'stages.0.steps.0.channels strategy.error.channelTwice',
				'stages.2.steps.2.day strategy.error.stepAfterNext',
				'stages.2.steps.1.day strategy.error.stepOrder',
				'stages.1.steps strategy.error.noSteps'
			])
		);
		expect(keysOf(w).some((k) => k.startsWith('stages.3.steps'))).toBe(false);
	});

	it('checks amounts, fees, templates and the below-minimum choice', () => {
		const v = defaultStrategyVersion();
		v.stages[0].minBalanceMinor = -1;
		v.stages[1].fee = { kind: 'fixed', amountMinor: 0 };
		v.stages[2].fee = { kind: 'b2b_lump_sum' };
		v.stages[2].belowMinimum = 'forget' as never;
		v.stages[3].steps[0].template = 'Not A Key';
		v.planOffer.channels = [];
		v.version = 0;
		expect(keysOf(v).sort()).toEqual(
			[
				'stages.0.minBalanceMinor strategy.error.amount',
				'stages.1.fee strategy.error.fee',
				'stages.2.belowMinimum strategy.error.belowMinimum',
				'stages.3.steps.0.template strategy.error.template',
				'planOffer.channels strategy.error.noChannels',
				'version strategy.error.version'
			].sort()
		);
	});

	it('every problem it can report has a Hungarian and an English text', () => {
		const v = defaultStrategyVersion();
		v.stages = [];
		v.leadsTo = 'nowhere' as never;
		const w = defaultStrategyVersion();
		w.stages[0].steps = Array.from({ length: 13 }, (_, i) => ({
			...w.stages[0].steps[0],
			key: i === 0 ? 'Bad key' : `s${i}`,
			day: 0,
			template: 'x'
		}));
		w.stages[1].stage = 'collections' as never;
		const problems = [...validateStrategy(v), ...validateStrategy(w)];
		const seen = new Set(problems.map((p) => p.key));
		for (const k of [
			'strategy.error.noStages',
			'strategy.error.leadsTo',
			'strategy.error.tooManySteps',
			'strategy.error.stepKey',
			'strategy.error.stageUnknown'
		])
			expect(seen).toContain(k);
		for (const p of problems) {
			expect(hasKey(p.key)).toBe(true);
			for (const lang of ['hu', 'en'] as const) {
				const text = translate(lang, p.key, p.params);
				expect(text).not.toContain('{');
				expect(text).not.toBe(p.key);
			}
		}
	});
});
