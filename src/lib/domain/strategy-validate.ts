/**
 * Checks a strategy version a creditor wants to save. Returns every problem at once (not only the
 * first), each with the editor field's path (`stages.1.steps.0.channels`) and an i18n key with
 * params (texts in i18n/hu|en/strategy.ts), so the editor can show each next to its field.
 */
import { PATH_STAGES, MISSED_POLICIES, BELOW_MINIMUM, isChannel } from './strategy';
import type { StrategyVersion } from './strategy';

export interface StrategyProblem {
	path: string;
	key: string;
	params?: Record<string, string | number>;
}

export const STRATEGY_LIMITS = {
	maxStartDay: 3650,
	maxStepDay: 365,
	maxSteps: 12,
	maxGraceDays: 60,
	maxAmountMinor: 1e13
} as const;

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);
const STEP_KEY = /^[a-z][a-z0-9_-]{0,31}$/;
const TEMPLATE = /^[a-z][a-z0-9_.-]{0,63}$/;

function checkChannels(p: StrategyProblem[], path: string, channels: unknown): void {
	if (!Array.isArray(channels) || channels.length === 0) {
		p.push({ path, key: 'strategy.error.noChannels' });
	} else if (!channels.every(isChannel)) {
		p.push({ path, key: 'strategy.error.channelUnknown' });
	} else if (new Set(channels).size !== channels.length) {
		p.push({ path, key: 'strategy.error.channelTwice' });
	}
}

export function validateStrategy(v: StrategyVersion): StrategyProblem[] {
	const p: StrategyProblem[] = [];
	const intIn = (path: string, n: unknown, min: number, max: number) => {
		if (!isInt(n) || n < min || n > max)
			p.push({ path, key: 'strategy.error.range', params: { min, max } });
		return isInt(n) && n >= min && n <= max;
	};
	if (!isInt(v.version) || v.version < 1)
		p.push({ path: 'version', key: 'strategy.error.version' });
	if (v.leadsTo !== 'legal_handover') p.push({ path: 'leadsTo', key: 'strategy.error.leadsTo' });
	intIn('promiseGraceDays', v.promiseGraceDays, 0, STRATEGY_LIMITS.maxGraceDays);
	checkChannels(p, 'planOffer.channels', v.planOffer?.channels);
	if (!TEMPLATE.test(String(v.planOffer?.template)))
		p.push({ path: 'planOffer.template', key: 'strategy.error.template' });

	const stages = Array.isArray(v.stages) ? v.stages : [];
	if (stages.length === 0) p.push({ path: 'stages', key: 'strategy.error.noStages' });
	else if (stages[stages.length - 1].stage !== 'legal')
		p.push({ path: 'stages', key: 'strategy.error.lastNotLegal' });

	let prevRank = -1;
	let prevStart = -1;
	stages.forEach((s, i) => {
		const at = `stages.${i}`;
		const rank = PATH_STAGES.indexOf(s.stage);
		if (rank < 0) p.push({ path: `${at}.stage`, key: 'strategy.error.stageUnknown' });
		else if (rank === prevRank) p.push({ path: `${at}.stage`, key: 'strategy.error.stageTwice' });
		else if (rank < prevRank) p.push({ path: `${at}.stage`, key: 'strategy.error.stageOrder' });
		if (rank > prevRank) prevRank = rank;

		// strictly later than the stage before: each stage gets at least one active day, so one
		// evaluation never has two stages due at once (see engine.ts)
		if (intIn(`${at}.startDay`, s.startDay, 0, STRATEGY_LIMITS.maxStartDay)) {
			if (s.startDay <= prevStart)
				p.push({ path: `${at}.startDay`, key: 'strategy.error.startOrder' });
			prevStart = Math.max(prevStart, s.startDay);
		}
		if (!isInt(s.minBalanceMinor) || s.minBalanceMinor < 0)
			p.push({ path: `${at}.minBalanceMinor`, key: 'strategy.error.amount' });
		if (!(BELOW_MINIMUM as readonly string[]).includes(s.belowMinimum))
			p.push({ path: `${at}.belowMinimum`, key: 'strategy.error.belowMinimum' });
		if (s.fee !== null) {
			const ok =
				s.fee?.kind === 'b2b_lump_sum' ||
				(s.fee?.kind === 'fixed' &&
					isInt(s.fee.amountMinor) &&
					s.fee.amountMinor > 0 &&
					s.fee.amountMinor <= STRATEGY_LIMITS.maxAmountMinor);
			if (!ok) p.push({ path: `${at}.fee`, key: 'strategy.error.fee' });
		}

		const steps = Array.isArray(s.steps) ? s.steps : [];
		// the legal stage may have no message of its own: entering it is the handover
		if (steps.length === 0 && s.stage !== 'legal')
			p.push({ path: `${at}.steps`, key: 'strategy.error.noSteps' });
		if (steps.length > STRATEGY_LIMITS.maxSteps)
			p.push({ path: `${at}.steps`, key: 'strategy.error.tooManySteps', params: { max: 12 } });
		const next = stages[i + 1];
		const gap =
			next && isInt(next.startDay) && isInt(s.startDay) ? next.startDay - s.startDay : null;
		const keys = new Set<string>();
		let prevDay = 0;
		steps.forEach((st, j) => {
			const sp = `${at}.steps.${j}`;
			if (!STEP_KEY.test(String(st.key)))
				p.push({ path: `${sp}.key`, key: 'strategy.error.stepKey' });
			else if (keys.has(st.key)) p.push({ path: `${sp}.key`, key: 'strategy.error.stepKeyTwice' });
			keys.add(st.key);
			if (intIn(`${sp}.day`, st.day, 0, STRATEGY_LIMITS.maxStepDay)) {
				if (st.day < prevDay) p.push({ path: `${sp}.day`, key: 'strategy.error.stepOrder' });
				// a step on or after the next stage's start would never run: the claim has moved on
				else if (gap !== null && gap > 0 && st.day >= gap)
					p.push({
						path: `${sp}.day`,
						key: 'strategy.error.stepAfterNext',
						params: { max: gap - 1 }
					});
				prevDay = Math.max(prevDay, st.day);
			}
			checkChannels(p, `${sp}.channels`, st.channels);
			if (!TEMPLATE.test(String(st.template)))
				p.push({ path: `${sp}.template`, key: 'strategy.error.template' });
			if (!(MISSED_POLICIES as readonly string[]).includes(st.missed))
				p.push({ path: `${sp}.missed`, key: 'strategy.error.missed' });
		});
	});
	return p;
}
