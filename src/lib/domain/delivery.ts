/**
 * The life of a message that leaves Rendez (issue 17). A message is queued, taken by a dispatcher
 * ("sending": it holds a lease), handed to its channel ("sent"), and then the provider reports
 * what became of it. Status moves only forward: a late or duplicated report never takes a
 * delivered message back to sent, and a report that arrives twice changes nothing the second time.
 *
 * "unknown": the send was started but its answer never came (a crash between the hand-over and the
 * record, or an SMS whose delivery report never arrived). It is never sent again by itself (a
 * second copy could reach the debtor); a later real report may still settle it.
 */
export const MESSAGE_STATUSES = [
	'queued',
	'sending',
	'sent',
	'unknown',
	'delivered',
	'failed',
	'bounced',
	'cancelled',
	'blocked'
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** where a message came from: the engine's plan, the older outbox, a link request, a staff act */
export const MESSAGE_SOURCES = ['engine', 'outbox', 'link', 'dispute', 'staff'] as const;
export type MessageSource = (typeof MESSAGE_SOURCES)[number];

const RANK: Record<MessageStatus, number> = {
	queued: 0,
	sending: 1,
	sent: 2,
	unknown: 3,
	delivered: 4,
	failed: 4,
	bounced: 4,
	cancelled: 4,
	blocked: 4
};

/** the statuses nothing moves a message out of */
export const FINAL_STATUSES: readonly MessageStatus[] = [
	'delivered',
	'failed',
	'bounced',
	'cancelled',
	'blocked'
];

/** May a message in status `from` move to `to`? Only forward; a final status is final. */
export function canMove(from: MessageStatus, to: MessageStatus): boolean {
	if (FINAL_STATUSES.includes(from)) return false;
	return RANK[to] > RANK[from];
}
