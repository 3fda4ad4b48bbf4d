/**
 * The case page's one timeline (issue 18 item 2): every kind of event of a debtor's claims merged,
 * newest first, filtered by claim and by kind, and cut into pages. Pure: the service loads each
 * kind's rows, this orders and cuts them, so the order is the same whoever asks.
 */

export const TIMELINE_KINDS = [
	'stage',
	'message',
	'call',
	'visit',
	'payment',
	'refund',
	'plan',
	'installment',
	'promise',
	'dispute',
	'note',
	'staff'
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const isTimelineKind = (k: unknown): k is TimelineKind =>
	typeof k === 'string' && (TIMELINE_KINDS as readonly string[]).includes(k);

/** Events on one page of the timeline. */
export const TIMELINE_PAGE_SIZE = 50;

/**
 * One event. `what` is a code within its kind (a stage, a status, an outcome, an audit action),
 * shown in words by the page; the other fields are there when the kind has them.
 */
export interface TimelineEvent {
	kind: TimelineKind;
	/** instant, ms UTC */
	at: number;
	/** unique within the timeline (`kind:row id[:part]`), the tie-break of equal instants */
	key: string;
	claimId: number | null;
	what: string;
	channel?: string | null;
	template?: string | null;
	amountMinor?: number | null;
	currency?: string | null;
	/** a calendar day the event names (promised date, installment due date, answer deadline) */
	date?: string | null;
	/** free text: a note, a dispute's details or answer, a refund's reason */
	text?: string | null;
	/** a code with its own words: a blocked contact's rule, a dispute's reason, a failure reason */
	reason?: string | null;
	/** the staff member who did it */
	by?: string | null;
	/** a call's recording: a link when one can be made */
	recordingUrl?: string | null;
	recordingRef?: string | null;
}

export interface TimelineFilter {
	/** only this claim's events (and the debtor's own, such as notes on the debtor) when set */
	claimId: number | null;
	/** only these kinds; empty: every kind */
	kinds: readonly TimelineKind[];
	/** 1-based */
	page: number;
}

export interface TimelinePage {
	events: TimelineEvent[];
	page: number;
	pages: number;
	total: number;
	/** events of each kind under the claim filter (before the kind filter), for the filter's labels */
	counts: Record<TimelineKind, number>;
}

/** Newest first; equal instants by kind order, then key (so the order never depends on loading). */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
	if (a.at !== b.at) return b.at - a.at;
	const k = TIMELINE_KINDS.indexOf(a.kind) - TIMELINE_KINDS.indexOf(b.kind);
	if (k !== 0) return k;
	return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function buildTimeline(
	events: readonly TimelineEvent[],
	filter: TimelineFilter
): TimelinePage {
	const counts = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, 0])) as Record<
		TimelineKind,
		number
	>;
	const byClaim =
		filter.claimId === null
			? events
			: events.filter((e) => e.claimId === filter.claimId || e.claimId === null);
	for (const e of byClaim) counts[e.kind]++;
	const kinds = new Set(filter.kinds);
	const chosen = kinds.size === 0 ? [...byClaim] : byClaim.filter((e) => kinds.has(e.kind));
	chosen.sort(compareEvents);
	const pages = Math.max(1, Math.ceil(chosen.length / TIMELINE_PAGE_SIZE));
	const page = Math.min(Math.max(1, Math.trunc(filter.page) || 1), pages);
	const from = (page - 1) * TIMELINE_PAGE_SIZE;
	return {
		events: chosen.slice(from, from + TIMELINE_PAGE_SIZE),
		page,
		pages,
		total: chosen.length,
		counts
	};
}

/**
 * The filter as the address gives it (`?claim=12&kind=note&kind=call&page=2`): anything that is
 * not a claim of this debtor, a known kind or a page number is left out, never an error.
 */
export function parseTimelineFilter(
	params: URLSearchParams,
	claimIds: readonly number[]
): TimelineFilter {
	const c = params.get('claim') ?? '';
	const claimId = /^\d{1,15}$/.test(c) && claimIds.includes(Number(c)) ? Number(c) : null;
	const kinds = [...new Set(params.getAll('kind').filter(isTimelineKind))];
	const p = params.get('page') ?? '';
	const page = /^\d{1,6}$/.test(p) ? Math.max(1, Number(p)) : 1;
	return { claimId, kinds, page };
}

/**
 * A call's recording as a link: a reference that is itself an http(s) address is the link; else
 * the telephony system's address template (`RECORDING_URL_TEMPLATE`, with `{id}`; `{ref}` also
 * read) makes one;
 * else there is no link (the reference is shown as it is).
 */
export function recordingLink(
	ref: string | null,
	template: string | null | undefined
): string | null {
	if (!ref) return null;
	if (/^https?:\/\/\S+$/i.test(ref)) return ref;
	const slot = template?.includes('{id}') ? '{id}' : '{ref}';
	if (template && template.includes(slot) && /^https?:\/\//i.test(template))
		return template.replaceAll(slot, encodeURIComponent(ref));
	return null;
}
