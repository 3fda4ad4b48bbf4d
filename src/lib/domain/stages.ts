/**
 * The reminder process (seed 004): friendly reminder, firm reminder, formal notice, then legal
 * handover. A creditor's strategy says after how many days past due each stage starts and which
 * channels it uses (stored as JSON in strategies.stages_json). The collection engine's versioned
 * form, with steps, holds and minimums, is strategy.ts (toLegacyStrategy / fromLegacyStrategy).
 */
export const STAGES = [
	'new',
	'friendly_reminder',
	'firm_reminder',
	'formal_notice',
	'legal'
] as const;
export type Stage = (typeof STAGES)[number];
export const CLAIM_STATUSES = ['open', 'in_plan', 'disputed', 'paid', 'closed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const CHANNELS = ['sms', 'email', 'letter', 'call', 'visit', 'portal'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface StageStep {
	/** days after the claim's due date at which the stage starts */
	afterDays: number;
	channels: Channel[];
}

export type Strategy = Record<Exclude<Stage, 'new'>, StageStep>;

export function defaultStrategy(): Strategy {
	return {
		friendly_reminder: { afterDays: 5, channels: ['sms', 'email'] },
		firm_reminder: { afterDays: 20, channels: ['sms', 'email', 'call'] },
		formal_notice: { afterDays: 45, channels: ['letter', 'call', 'visit'] },
		legal: { afterDays: 90, channels: ['letter'] }
	};
}

/** Contact limits (C1, C2), per creditor, with the compliance defaults. */
export interface ContactLimits {
	/** [fromHour, toHour) local time, per weekday 0=Sun..6=Sat; null = closed */
	window: (readonly [number, number] | null)[];
	maxContactsPer7Days: number;
	noCallDaysAfterConversation: number;
}

export function defaultContactLimits(): ContactLimits {
	return {
		window: [null, [8, 20], [8, 20], [8, 20], [8, 20], [8, 20], [8, 12]],
		maxContactsPer7Days: 3,
		noCallDaysAfterConversation: 7
	};
}
