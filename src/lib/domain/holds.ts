/**
 * Holds as intervals (issue 16, item 2): a dispute (C7), an active plan, a promise to pay (until the
 * promised date plus the creditor's grace days) and the operators' holds (deceased, insolvency,
 * vulnerability, legal representation). Each is a row with a start, an end (or none yet) and an
 * effect: stop the clock (no days past due counted, nothing planned) or suppress some channels.
 *
 * The clock the engine reads is *active* days past due: days on a stop-clock hold are not counted,
 * so a claim that was disputed for 20 days comes out of the dispute where it went in, instead of
 * jumping stages for days it could not have been collected.
 *
 * Intervals are half open: [start, end), `end` being the first day the hold no longer applies.
 */
import { addDays, daysBetween } from './clock';
import type { Channel } from './stages';

export const HOLD_KINDS = [
	'dispute',
	'plan',
	'promise',
	/** the debtor said they cannot pay now (issue 19, item 9): held for review, then for the pause */
	'hardship',
	'deceased',
	'insolvency',
	'vulnerability',
	'legal_representation'
] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export type HoldEffect = { kind: 'stop_clock' } | { kind: 'suppress'; channels: Channel[] };

export interface Hold {
	kind: HoldKind;
	/** first day held */
	start: string;
	/** first day no longer held; null = open until someone ends it */
	end: string | null;
	effect: HoldEffect;
}

/**
 * What each kind does unless an operator chooses otherwise. Vulnerability keeps the written
 * channels but no calls or visits; every other hold stops the clock and all contact (C7 for
 * disputes; a represented debtor is contacted only through the representative, by an operator).
 */
export function defaultHoldEffect(kind: HoldKind): HoldEffect {
	return kind === 'vulnerability'
		? { kind: 'suppress', channels: ['call', 'visit'] }
		: { kind: 'stop_clock' };
}

export function hold(kind: HoldKind, start: string, end: string | null = null): Hold {
	return { kind, start, end, effect: defaultHoldEffect(kind) };
}

/** A promise to pay holds the claim from the day it is made through the promised date plus grace. */
export function promiseHold(madeOn: string, promisedDate: string, graceDays: number): Hold {
	return hold('promise', madeOn, addDays(promisedDate, graceDays + 1));
}

export const holdCovers = (h: Hold, date: string): boolean =>
	h.start <= date && (h.end === null || date < h.end);

/** The stop-clock holds in force on a day (empty: the claim may be worked on that day). */
export function stopsOn(holds: readonly Hold[], date: string): Hold[] {
	return holds.filter((h) => h.effect.kind === 'stop_clock' && holdCovers(h, date));
}

/** Channels suppressed on a day by suppress-type holds. */
export function suppressedOn(holds: readonly Hold[], date: string): Set<Channel> {
	const out = new Set<Channel>();
	for (const h of holds)
		if (h.effect.kind === 'suppress' && holdCovers(h, date))
			for (const c of h.effect.channels) out.add(c);
	return out;
}

const EPOCH = '2000-01-01';
const dayNo = (d: string) => daysBetween(EPOCH, d);

/** The stop-clock intervals as merged, sorted [start, end) day numbers (end Infinity when open). */
function stopIntervals(holds: readonly Hold[]): [number, number][] {
	const iv = holds
		.filter((h) => h.effect.kind === 'stop_clock')
		.map((h): [number, number] => [dayNo(h.start), h.end === null ? Infinity : dayNo(h.end)])
		.filter(([s, e]) => e > s)
		.sort((a, b) => a[0] - b[0]);
	const out: [number, number][] = [];
	for (const [s, e] of iv) {
		const last = out[out.length - 1];
		if (last && s <= last[1]) last[1] = Math.max(last[1], e);
		else out.push([s, e]);
	}
	return out;
}

/**
 * Active days in (from, to]: the days after `from` up to and including `to` that no stop-clock
 * hold covers. 0 when `to` is not after `from`. Interval arithmetic, not a day loop, because the
 * daily run evaluates every open claim.
 */
export function activeDaysBetween(from: string, to: string, holds: readonly Hold[]): number {
	const f = dayNo(from) + 1;
	const t = dayNo(to) + 1; // exclusive
	if (t <= f) return 0;
	let held = 0;
	for (const [s, e] of stopIntervals(holds)) held += Math.max(0, Math.min(e, t) - Math.max(s, f));
	return t - f - held;
}

/** Active days past due on `asOf`: day 1 is the day after the due date, days on hold not counted. */
export function activeDaysPastDue(dueDate: string, asOf: string, holds: readonly Hold[]): number {
	return activeDaysBetween(dueDate, asOf, holds);
}

/**
 * The first day on which `n` active days have passed since `from` (`from` itself for n = 0), or
 * null when an open hold means it never comes. The inverse of activeDaysBetween.
 */
export function dateAfterActiveDays(
	from: string,
	n: number,
	holds: readonly Hold[]
): string | null {
	if (n <= 0) return from;
	const f = dayNo(from);
	let cursor = f + 1;
	let remaining = n;
	for (const [s, e] of stopIntervals(holds)) {
		if (e <= cursor) continue;
		const free = Math.max(0, s - cursor);
		if (free >= remaining) break;
		remaining -= free;
		if (e === Infinity) return null;
		cursor = Math.max(cursor, e);
	}
	return addDays(from, cursor + remaining - 1 - f);
}
