/**
 * May we contact this debtor on this channel now? The contact rules C1 (window), C2 (frequency
 * cap, no call soon after a conversation) and C8 (opt-out), as one pure check that every sender
 * calls at the moment of contact: the operators' call and visit queue today, the dispatcher of
 * messages next. A refusal is a reason code that is recorded with the refused contact and shown
 * to staff in words.
 */
import { DAY_MS, localParts } from './clock';
import { isPublicHoliday } from './holidays';
import type { Channel, ContactLimits } from './stages';

export const CONTACT_REFUSALS = [
	'c1_window',
	'c2_cap',
	'c2_after_conversation',
	'c8_opted_out'
] as const;
export type ContactRefusal = (typeof CONTACT_REFUSALS)[number];

/** C2 counts these: contacts that reach the debtor personally. */
export const IDENTIFIED_CHANNELS: readonly Channel[] = ['call', 'sms', 'visit'];
/** C1 applies to these (a letter or an e-mail is read when the debtor chooses). */
export const WINDOWED_CHANNELS: readonly Channel[] = ['call', 'sms', 'visit'];

export interface RecentContact {
	at: number;
	channel: Channel;
	direction: 'outbound' | 'inbound';
	outcome: string;
}

export interface ContactCheckInput {
	now: number;
	channel: Channel;
	limits: ContactLimits;
	/** the debtor stopped this channel (C8) */
	optedOut: boolean;
	/** the claim's contacts of the last days (any channel, any sender) */
	recent: readonly RecentContact[];
}

/** Outcomes of a contact that happened: a refused or blocked attempt does not count toward C2. */
const HAPPENED = new Set(['sent', 'delivered', 'conversation', 'no_answer', 'refused', 'promise']);
const CONVERSATION = new Set(['conversation', 'promise']);

/** C1: inside the window on a working day, Budapest time. */
export function insideWindow(now: number, limits: ContactLimits): boolean {
	const p = localParts(now);
	if (isPublicHoliday(p.date)) return false;
	const w = limits.window[p.weekday];
	return !!w && p.hour >= w[0] && p.hour < w[1];
}

/** The first rule that forbids the contact now, or null when it may go ahead. */
export function contactCheck(i: ContactCheckInput): ContactRefusal | null {
	if (i.optedOut) return 'c8_opted_out';
	if (WINDOWED_CHANNELS.includes(i.channel) && !insideWindow(i.now, i.limits)) return 'c1_window';
	if (IDENTIFIED_CHANNELS.includes(i.channel)) {
		const since = i.now - 7 * DAY_MS;
		const identified = i.recent.filter(
			(c) =>
				c.direction === 'outbound' &&
				c.at > since &&
				IDENTIFIED_CHANNELS.includes(c.channel) &&
				HAPPENED.has(c.outcome)
		).length;
		if (identified >= i.limits.maxContactsPer7Days) return 'c2_cap';
	}
	if (i.channel === 'call') {
		const quiet = i.now - i.limits.noCallDaysAfterConversation * DAY_MS;
		if (i.recent.some((c) => c.at > quiet && CONVERSATION.has(c.outcome)))
			return 'c2_after_conversation';
	}
	return null;
}
