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
const HAPPENED = new Set([
	'sent',
	'delivered',
	'conversation',
	'no_answer',
	'refused',
	'promise',
	// calls and visits (services/calls.ts, visits.ts): a started call counts at once, so two
	// operators cannot both call; a wrong party, a voicemail or a busy line was still an attempt
	'dialing',
	'wrong_party',
	'voicemail',
	'busy',
	'dispute',
	'plan',
	'callback',
	'moved'
]);
/** A completed conversation with the debtor (no call for the next days after one). */
const CONVERSATION = new Set(['conversation', 'promise', 'dispute', 'plan']);

/**
 * C2: the identified contacts (outbound, on an identified channel) of the 7 days before `now`
 * whose outcome is one of `outcomes` (by default every contact that happened).
 */
export function identifiedInWeek(
	recent: readonly RecentContact[],
	now: number,
	outcomes: ReadonlySet<string> = HAPPENED
): RecentContact[] {
	return recent.filter(
		(c) =>
			c.direction === 'outbound' &&
			c.at > now - 7 * DAY_MS &&
			IDENTIFIED_CHANNELS.includes(c.channel) &&
			outcomes.has(c.outcome)
	);
}

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
		const identified = identifiedInWeek(i.recent, i.now).length;
		if (identified >= i.limits.maxContactsPer7Days) return 'c2_cap';
	}
	if (i.channel === 'call') {
		const quiet = i.now - i.limits.noCallDaysAfterConversation * DAY_MS;
		if (i.recent.some((c) => c.at > quiet && CONVERSATION.has(c.outcome)))
			return 'c2_after_conversation';
	}
	return null;
}

/** Whole hours searched for the next open window (C1): two weeks is more than any holiday run. */
const SEARCH_HOURS = 24 * 15;

/** The start of the next hour inside the window at or after `t` (C1), or null within two weeks. */
export function nextWindowOpen(t: number, limits: ContactLimits): number | null {
	if (insideWindow(t, limits)) return t;
	let h = Math.ceil(t / 3_600_000) * 3_600_000;
	for (let i = 0; i < SEARCH_HOURS; i++, h += 3_600_000) if (insideWindow(h, limits)) return h;
	return null;
}

/**
 * When the contact becomes allowed, if it is refused now: the next moment every rule passes
 * (the window opens, the oldest counted contact leaves the 7 days, the quiet days after a
 * conversation end). Null when it never will by itself (C8: the debtor stopped the channel).
 */
export function allowedFrom(i: ContactCheckInput): number | null {
	let t = i.now;
	for (let step = 0; step < 8; step++) {
		const r = contactCheck({ ...i, now: t });
		if (r === null) return t;
		if (r === 'c8_opted_out') return null;
		let next: number | null;
		if (r === 'c1_window') next = nextWindowOpen(t, i.limits);
		else if (r === 'c2_cap') {
			const counted = identifiedInWeek(i.recent, t)
				.map((c) => c.at)
				.sort((a, b) => a - b);
			next = counted[counted.length - i.limits.maxContactsPer7Days] + 7 * DAY_MS + 1;
		} else {
			const last = Math.max(
				...i.recent.filter((c) => CONVERSATION.has(c.outcome)).map((c) => c.at)
			);
			next = last + i.limits.noCallDaysAfterConversation * DAY_MS + 1;
		}
		if (next === null || next <= t) return null;
		t = next;
	}
	return null;
}

/**
 * Whether a debtor's preferred contact time ('HH:MM' to 'HH:MM', the same every day) overlaps the
 * contact window (C1) on at least one day. A time wholly outside it (21:00–22:00) is a time we may
 * never contact them in, so it is refused rather than saved as if it would be kept.
 */
export function overlapsWindow(from: string, to: string, limits: ContactLimits): boolean {
	const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
	const [f, t] = [minutes(from), minutes(to)];
	return limits.window.some((w) => w !== null && f < w[1] * 60 && t > w[0] * 60);
}
