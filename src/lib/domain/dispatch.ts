/**
 * What the dispatcher does with one due message at the moment it would send it (issue 17, item 3),
 * as one pure decision over what the database says right then:
 *
 * - C7: the claim is paid or closed, on a dispute or another stop-the-clock hold → the message is
 *   cancelled (an engine reminder on a claim that left the open status too).
 * - C8: the channel is opted out, its address invalid (a hard bounce, a failed number, a returned
 *   letter), missing, or suppressed by a hold → the next channel in the fallback order; none
 *   left → blocked with its reason.
 * - C1: outside the contact window (Budapest time, public holidays) → it waits for the next slot,
 *   never dropped.
 * - C2: the claim had its identified contacts for 7 days → it waits until the oldest leaves the
 *   7 days (counted across channels and senders, by `contactCheck`).
 */
import { addDays, DAY_MS, instantAt, localParts } from './clock';
import { contactCheck, identifiedInWeek, insideWindow, type RecentContact } from './contact-rules';
import type { HoldKind } from './holds';
import { isPublicHoliday } from './holidays';
import type { MessageChannel } from './messages';
import type { Channel, ContactLimits } from './stages';

export const DISPATCH_REASONS = [
	'c7_paid',
	'c7_hold',
	'c7_action_gone',
	'c8_no_channel',
	'c1_window',
	'c2_cap',
	'no_template'
] as const;
export type DispatchReason = (typeof DISPATCH_REASONS)[number];

/** The notices the outbox queues for a debtor (services/outbox.ts `enqueue`). */
export const OUTBOX_TEMPLATES = [
	'installment_reminder',
	'plan_active',
	'plan_review',
	'plan_rejected',
	'plan_countered',
	'plan_lapsed',
	'plan_broken',
	'plan_completed',
	'dispute_answered',
	'contact_code'
] as const;
export type OutboxTemplate = (typeof OUTBOX_TEMPLATES)[number];

/** Outbox notices stop only for a dispute or an operator's stop-the-clock hold (a plan's own news still goes). */
const OUTBOX_STOPPING: readonly HoldKind[] = [
	'dispute',
	'deceased',
	'insolvency',
	'legal_representation'
];

/**
 * What may still go about a claim that is paid or closed (C7, C10): the settlement's own news
 * (`plan_completed`, which points to the certificate), the answer in the debtor's dispute thread,
 * and a link or a code the debtor asked for. Every reminder, offer, notice and other plan news
 * stops.
 */
export const AFTER_SETTLEMENT: readonly string[] = [
	'plan_completed',
	'dispute_answered',
	'access_link',
	'contact_code'
];

const settled = (status: string) => status === 'paid' || status === 'closed';

/**
 * Whether a template is one of the collection stages' messages (a reminder, the plan offer, the
 * formal or legal notice, or a strategy's own key), not an outbox notice or a link or code the
 * debtor asked for. Decided by the template, never by who queued it: an operator's "Send again"
 * of a reminder is a reminder.
 */
export const isStageMessage = (template: string) =>
	!(OUTBOX_TEMPLATES as readonly string[]).includes(template) &&
	template !== 'access_link' &&
	template !== 'contact_code';

/**
 * C7 for an outbox notice (not the engine's reminders), when it is sent and again when its letter
 * is printed: on a paid or closed claim only `AFTER_SETTLEMENT` still goes; every notice stops
 * while the claim is disputed or under a stop-the-clock hold of `OUTBOX_STOPPING`, except that an
 * answer in the dispute's own thread goes while the dispute is open (C7 holds back reminders and
 * asks for the answer: it is not a reminder).
 */
export function noticeStop(
	template: string,
	claimStatus: string,
	stopping: readonly { kind: HoldKind }[]
): 'c7_paid' | 'c7_hold' | null {
	if (settled(claimStatus) && !AFTER_SETTLEMENT.includes(template)) return 'c7_paid';
	const answer = template === 'dispute_answered';
	const stops = (k: HoldKind) => OUTBOX_STOPPING.includes(k) && !(answer && k === 'dispute');
	if ((claimStatus === 'disputed' && !answer) || stopping.some((h) => stops(h.kind)))
		return 'c7_hold';
	return null;
}

/**
 * C7 at the moment any message about a claim would go, whoever queued it (the engine, the outbox,
 * an operator's resend): a stage message needs the claim open, with a balance, and under no
 * stop-the-clock hold (paid or closed: 'c7_paid'; in a plan, disputed or held: 'c7_hold'); an
 * outbox notice follows `noticeStop`.
 */
export function claimStop(
	template: string,
	claim: { status: string; balanceMinor: number },
	stopping: readonly { kind: HoldKind }[]
): 'c7_paid' | 'c7_hold' | null {
	if (!isStageMessage(template)) return noticeStop(template, claim.status, stopping);
	if (settled(claim.status) || claim.balanceMinor <= 0) return 'c7_paid';
	if (claim.status !== 'open' || stopping.length > 0) return 'c7_hold';
	return null;
}

/** The order an outbox message falls back in: e-mail, SMS, a letter. */
export const DEFAULT_FALLBACK: readonly MessageChannel[] = ['email', 'sms', 'letter'];

const isMessageChannel = (c: string): c is MessageChannel =>
	c === 'sms' || c === 'email' || c === 'letter';

/**
 * The channels to try, in order, starting with the message's own: the rest of the engine action's
 * channel list when it has one, else e-mail, SMS, letter.
 */
export function fallbackOrder(
	current: MessageChannel,
	actionChannels: readonly Channel[] | null
): MessageChannel[] {
	const rest = actionChannels
		? actionChannels.slice(Math.max(0, actionChannels.indexOf(current)) + 1)
		: DEFAULT_FALLBACK;
	const out: MessageChannel[] = [current];
	for (const c of rest) if (isMessageChannel(c) && !out.includes(c)) out.push(c);
	return out;
}

export interface ChannelOnFile {
	/** the e-mail address, phone number or postal address; null: none on file */
	address: string | null;
	optedOut: boolean;
	invalid: boolean;
	/** a hold suppresses it (vulnerability: no calls or visits) */
	suppressed: boolean;
	/** this server can send on it (letters: always, through the print batch) */
	configured: boolean;
}

/** The first channel of `order` that may be used, or null. */
export function usableChannel(
	order: readonly MessageChannel[],
	onFile: Record<MessageChannel, ChannelOnFile>
): MessageChannel | null {
	for (const c of order) {
		const f = onFile[c];
		if (f.address && !f.optedOut && !f.invalid && !f.suppressed && f.configured) return c;
	}
	return null;
}

/** The first instant at or after `now` inside the window of `limits` (C1), Budapest time. */
export function nextSlot(now: number, limits: ContactLimits): number {
	if (insideWindow(now, limits)) return now;
	const p = localParts(now);
	const today = isPublicHoliday(p.date) ? null : limits.window[p.weekday];
	if (today && p.hour < today[0]) return instantAt(p.date, today[0]);
	for (let d = 1; d <= 21; d++) {
		const date = addDays(p.date, d);
		const w = limits.window[(p.weekday + d) % 7];
		if (w && !isPublicHoliday(date)) return instantAt(date, w[0]);
	}
	return now + DAY_MS;
}

const COUNTED = new Set(['sent', 'delivered', 'conversation', 'no_answer', 'refused', 'promise']);

/** When the C2 cap frees again: the moment enough counted contacts have left the last 7 days. */
export function capFreesAt(
	now: number,
	recent: readonly RecentContact[],
	limits: ContactLimits
): number {
	const counted = identifiedInWeek(recent, now, COUNTED)
		.map((c) => c.at)
		.sort((a, b) => a - b);
	const over = counted.length - limits.maxContactsPer7Days;
	if (over < 0) return now;
	return counted[over] + 7 * DAY_MS + 1;
}

export interface DispatchInput {
	now: number;
	channel: MessageChannel;
	/** the engine action's channels (fallback list), null for outbox messages */
	actionChannels: readonly Channel[] | null;
	/** C7: the claim may no longer be contacted about (paid, closed, on hold); null: contact allowed */
	stop: 'c7_paid' | 'c7_hold' | 'c7_action_gone' | null;
	onFile: Record<MessageChannel, ChannelOnFile>;
	limits: ContactLimits;
	recent: readonly RecentContact[];
	/** an e-mail the debtor asked for (a fresh link) goes at once; other e-mails wait for the window */
	emailWindowed: boolean;
}

export type DispatchDecision =
	| { kind: 'cancel'; reason: 'c7_paid' | 'c7_hold' | 'c7_action_gone' }
	| { kind: 'blocked'; reason: 'c8_no_channel' }
	| { kind: 'wait'; until: number; reason: 'c1_window' | 'c2_cap'; channel: MessageChannel }
	| { kind: 'letter' }
	| { kind: 'send'; channel: 'sms' | 'email' };

export function decideDispatch(i: DispatchInput): DispatchDecision {
	if (i.stop) return { kind: 'cancel', reason: i.stop };
	const channel = usableChannel(fallbackOrder(i.channel, i.actionChannels), i.onFile);
	if (!channel) return { kind: 'blocked', reason: 'c8_no_channel' };
	if (channel === 'letter') return { kind: 'letter' };
	const refusal = contactCheck({
		now: i.now,
		channel,
		limits: i.limits,
		optedOut: false,
		recent: i.recent
	});
	if (
		refusal === 'c1_window' ||
		(channel === 'email' && i.emailWindowed && !insideWindow(i.now, i.limits))
	)
		return { kind: 'wait', until: nextSlot(i.now, i.limits), reason: 'c1_window', channel };
	if (refusal === 'c2_cap') {
		const free = capFreesAt(i.now, i.recent, i.limits);
		return { kind: 'wait', until: nextSlot(free, i.limits), reason: 'c2_cap', channel };
	}
	return { kind: 'send', channel };
}
