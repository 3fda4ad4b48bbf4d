/**
 * The stage line of a debtor's claim: the last reminder we sent and the next step of the reminder
 * process with its date, or why the claim is on hold. For a claim the engine works on, from the
 * evaluator (`stageFromEngine`); for one it has not seen yet, from the creditor's stored strategy
 * (`stageFrom`). Pure: the caller gives today.
 */
import { addDays, localDate } from './clock';
import type { HoldInfo, NextStep } from './next-step';
import { defaultStrategy, type Stage, type Strategy } from './stages';

const NEXT: Record<Stage, Exclude<Stage, 'new'> | null> = {
	new: 'friendly_reminder',
	friendly_reminder: 'firm_reminder',
	firm_reminder: 'formal_notice',
	formal_notice: 'legal',
	legal: null
};

/** A creditor's stored strategy over the defaults (a missing or unreadable one is the default). */
export function parseStrategy(json: string | null | undefined): Strategy {
	if (!json) return defaultStrategy();
	try {
		return { ...defaultStrategy(), ...(JSON.parse(json) as Partial<Strategy>) };
	} catch {
		return defaultStrategy();
	}
}

/** What the stage line needs of a claim. */
export interface StageFacts {
	status: string;
	stage: Stage;
	dueDate: string;
}

export interface StageInfo {
	stage: Stage;
	/** last reminder we sent (any channel but the portal) */
	lastContact: { date: string; channel: string } | null;
	/** the next step of the reminder process and its date, for open claims only */
	next: { stage: Exclude<Stage, 'new'>; date: string } | null;
	/** why the claim stands still (from the engine's holds); null when it does not, or not known */
	hold: HoldInfo | null;
}

/** "We sent you a reminder on ...; the next step is ... on ..." as data. */
export function stageFrom(
	claim: StageFacts,
	last: { at: number; channel: string } | undefined,
	strategy: Strategy,
	today: string
): StageInfo {
	let next: StageInfo['next'] = null;
	if (claim.status === 'open') {
		let st = NEXT[claim.stage];
		// the next step is the first later stage whose date has not passed yet (the engine may be behind)
		while (st) {
			const date = addDays(claim.dueDate, strategy[st].afterDays);
			if (date > today) {
				next = { stage: st, date };
				break;
			}
			if (NEXT[st] === null) {
				next = { stage: st, date: today };
				break;
			}
			st = NEXT[st];
		}
	}
	return {
		stage: claim.stage,
		lastContact: last ? { date: localDate(last.at), channel: last.channel } : null,
		next,
		hold: null
	};
}

/**
 * The same line for a claim the engine works on: the next step and the hold come from the
 * evaluator run forward (next-step.ts), not from the stage's nominal day.
 */
export function stageFromEngine(
	stage: Stage,
	last: { at: number; channel: string } | undefined,
	step: NextStep
): StageInfo {
	return {
		stage,
		lastContact: last ? { date: localDate(last.at), channel: last.channel } : null,
		next: step.next,
		hold: step.hold
	};
}
