/**
 * The record of a provider's events (`webhook_events`): each event id once, so a delivery repeated
 * (the provider retries when our answer was lost) changes nothing. Reconciling a payment, a
 * refund's later word and a chargeback all start with `eventSeen` and end with `recordEvent`, in
 * their own transaction.
 */
import { eq } from 'drizzle-orm';
import type { DB } from '../db/client';
import { webhookEvents } from '../db/schema';

/** Whether this event id was recorded already (a repeated delivery). */
export function eventSeen(db: DB, eventId: string): boolean {
	return (
		db
			.select({ id: webhookEvents.id })
			.from(webhookEvents)
			.where(eq(webhookEvents.eventId, eventId))
			.get() != null
	);
}

/** Records the event with what came of it; `paymentId` is ours, or null for one that is not ours. */
export function recordEvent(
	db: DB,
	ev: { provider: 'stripe' | 'demo' | 'direct'; eventId: string; type: string },
	paymentId: number | null,
	outcome: string,
	receivedAt: number
): void {
	db.insert(webhookEvents)
		.values({
			provider: ev.provider,
			eventId: ev.eventId,
			type: ev.type,
			paymentId,
			outcome,
			receivedAt
		})
		.run();
}
