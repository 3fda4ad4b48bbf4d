/**
 * A creditor's collection strategy as versioned data (issue 16, item 1).
 *
 * A version is immutable once saved: a claim keeps the version it started under, every planned
 * action's key names the version, and an edit makes a new version. That is how Rendez avoids
 * Lago's failure (editing a live campaign reset every running claim's counters, because the
 * settings were not versioned) and OCA's (a changed policy left stale lines behind): nothing a
 * claim is doing depends on settings that can change under it.
 *
 * The path is the seed 004 process: friendly reminder, firm reminder, formal notice with a
 * deadline, then the legal stage, which leads to the handover to the partner law firm.
 */
import { CHANNELS, defaultStrategy, type Channel, type Stage, type Strategy } from './stages';

/** The stages a claim walks through, in this order; 'new' is before the first. */
export const PATH_STAGES = [
	'friendly_reminder',
	'firm_reminder',
	'formal_notice',
	'legal'
] as const;
export type PathStage = (typeof PATH_STAGES)[number];

/** What to do with a step whose day passed without it being planned (a missed run, a suppressed channel). */
export const MISSED_POLICIES = ['run_all', 'latest_only', 'skip'] as const;
export type MissedPolicy = (typeof MISSED_POLICIES)[number];

/** Below a stage's minimum balance: the stage passes silently, or the claim closes as uneconomic. */
export const BELOW_MINIMUM = ['skip_stage', 'close_uneconomic'] as const;
export type BelowMinimum = (typeof BELOW_MINIMUM)[number];

export interface StrategyStep {
	/** unique within its stage; part of every planned action's key, so never reuse one for another step */
	key: string;
	/** active days after the claim entered the stage (0 = the day it enters) */
	day: number;
	/** in fallback order: the dispatcher uses the first one it can reach the debtor on */
	channels: Channel[];
	/** message template key (for call and visit tasks: the script) */
	template: string;
	missed: MissedPolicy;
}

/** A fee charged when the claim enters the stage, where the creditor's contract allows fees. */
export type StageFee =
	| { kind: 'fixed'; amountMinor: number }
	/** C14: the EUR 40 collection-cost lump sum (business debtors, within a year of default) */
	| { kind: 'b2b_lump_sum' };

export interface StrategyStage {
	stage: PathStage;
	/** active days past due (days on hold not counted) from which the claim enters this stage */
	startDay: number;
	steps: StrategyStep[];
	/** the stage's minimum balance (minor units), checked when the claim would enter it */
	minBalanceMinor: number;
	belowMinimum: BelowMinimum;
	fee: StageFee | null;
}

export interface StrategyVersion {
	strategyId: number;
	/** 1, 2, ...: a saved version never changes */
	version: number;
	/** in path order; the last is 'legal' */
	stages: StrategyStage[];
	/** where the legal stage leads: entering it puts the claim in the handover queue */
	leadsTo: 'legal_handover';
	/** a promise to pay holds the claim until the promised date plus these days */
	promiseGraceDays: number;
	/**
	 * C9: the formal notice needs a plan offer first. Every reminder links to the plan page, so a
	 * claim whose reminders were all skipped gets one offer message on these channels instead.
	 */
	planOffer: { channels: Channel[]; template: string };
}

/**
 * The version with its amounts (each stage's minimum balance and fixed fee, in forints as the
 * editor takes them) in a claim's currency: a euro claim reads them at `hufPerEur` forints a euro,
 * to the cent, as the creditor's rules are read (rules.ts rulesFor) — never fillér as cents (a
 * 4 900 Ft fee is 12.25 €, not 4 900 €). Kept per version and rate: the daily run asks per claim.
 */
export function strategyIn(
	v: StrategyVersion,
	currency: string,
	hufPerEur: number
): StrategyVersion {
	if (currency === 'HUF') return v;
	const key = `${currency}:${hufPerEur}`;
	let byRate = inCurrency.get(v);
	if (!byRate) inCurrency.set(v, (byRate = new Map()));
	let out = byRate.get(key);
	if (!out) {
		const at = (minor: number) => Math.round(minor / hufPerEur);
		out = {
			...v,
			stages: v.stages.map((s) => ({
				...s,
				minBalanceMinor: at(s.minBalanceMinor),
				fee: s.fee?.kind === 'fixed' ? { kind: 'fixed', amountMinor: at(s.fee.amountMinor) } : s.fee
			}))
		};
		byRate.set(key, out);
	}
	return out;
}
const inCurrency = new WeakMap<StrategyVersion, Map<string, StrategyVersion>>();

const step = (
	key: string,
	day: number,
	channels: Channel[],
	template: string,
	missed: MissedPolicy = 'latest_only'
): StrategyStep => ({ key, day, channels, template, missed });

/**
 * The agency's default process (seed 004), on the same days and channels as `defaultStrategy()`
 * in stages.ts (a test checks `toLegacyStrategy(defaultStrategyVersion())` equals it).
 */
export function defaultStrategyVersion(strategyId = 0, version = 1): StrategyVersion {
	const stage = (s: PathStage, startDay: number, steps: StrategyStep[]): StrategyStage => ({
		stage: s,
		startDay,
		steps,
		minBalanceMinor: 0,
		belowMinimum: 'skip_stage',
		fee: null
	});
	return {
		strategyId,
		version,
		stages: [
			stage('friendly_reminder', 5, [
				step('first', 0, ['sms', 'email'], 'friendly.reminder'),
				step('followup', 3, ['email', 'sms'], 'friendly.followup')
			]),
			stage('firm_reminder', 20, [
				step('first', 0, ['sms', 'email'], 'firm.reminder'),
				step('call', 3, ['call'], 'firm.call', 'run_all'),
				step('followup', 7, ['email', 'sms'], 'firm.followup')
			]),
			stage('formal_notice', 45, [
				step('notice', 0, ['letter'], 'formal.notice', 'run_all'),
				step('call', 3, ['call'], 'formal.call'),
				step('visit', 14, ['visit', 'call'], 'formal.visit')
			]),
			stage('legal', 90, [step('handover_notice', 0, ['letter'], 'legal.notice', 'run_all')])
		],
		leadsTo: 'legal_handover',
		promiseGraceDays: 3,
		planOffer: { channels: ['email', 'sms', 'letter'], template: 'plan.offer' }
	};
}

/** The stored per-stage form (strategies.stages_json) that the portal reads today. */
export function toLegacyStrategy(v: StrategyVersion): Strategy {
	const s = defaultStrategy();
	for (const st of v.stages) {
		const channels: Channel[] = [];
		for (const p of st.steps)
			for (const c of p.channels) if (!channels.includes(c)) channels.push(c);
		s[st.stage] = { afterDays: st.startDay, channels };
	}
	return s;
}

/** A stored per-stage strategy as a version: each stage one step on the day it starts, all its channels. */
export function fromLegacyStrategy(s: Strategy, strategyId = 0, version = 1): StrategyVersion {
	const base = defaultStrategyVersion(strategyId, version);
	return {
		...base,
		stages: PATH_STAGES.map((st) => ({
			stage: st,
			startDay: s[st].afterDays,
			steps: [step('main', 0, [...s[st].channels], `${st}.main`, 'run_all')],
			minBalanceMinor: 0,
			belowMinimum: 'skip_stage' as const,
			fee: null
		}))
	};
}

/** A deep-frozen copy: a saved version cannot be changed by accident (it throws in strict mode). */
export function freezeStrategy(v: StrategyVersion): Readonly<StrategyVersion> {
	const deep = <T>(o: T): T => {
		if (o && typeof o === 'object') {
			for (const x of Object.values(o)) deep(x);
			Object.freeze(o);
		}
		return o;
	};
	return deep(structuredClone(v));
}

/**
 * The stage after `s` in this version's path (null after the last). A version may leave a stage
 * out; a claim standing in a stage the version lacks goes on to the first later one it has.
 */
export function nextStage(v: StrategyVersion, s: Stage): StrategyStage | null {
	const rank = (x: Stage) => (x === 'new' ? -1 : PATH_STAGES.indexOf(x));
	return v.stages.find((x) => rank(x.stage) > rank(s)) ?? null;
}

export function stageOf(v: StrategyVersion, s: Stage): StrategyStage | null {
	return v.stages.find((x) => x.stage === s) ?? null;
}

export const isChannel = (c: unknown): c is Channel =>
	typeof c === 'string' && (CHANNELS as readonly string[]).includes(c);
