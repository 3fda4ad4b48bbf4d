/**
 * What providers tell us after a message left: delivery reports (Twilio's status callbacks, e-mail
 * bounces, a returned letter) and inbound replies (an SMS "STOP"). Callback routes verify the
 * provider's signature with the channel (channels/types.ts), then call these.
 *
 * Status moves only forward (domain/delivery.ts): reports may come late, twice or out of order,
 * and the last one to arrive is not necessarily the truth. A hard failure of the address itself
 * marks that address invalid, so the next step falls back to the next channel.
 */
import { and, eq, sql } from 'drizzle-orm';
import { systemActor } from '$lib/domain/actor';
import { canMove, type MessageStatus } from '$lib/domain/delivery';
import type { MessageChannel } from '$lib/domain/messages';
import type { DB } from '../db/client';
import { messages } from '../db/schema';
import type { DeliveryReport } from '../channels/types';
import { clock } from '../clock';
import { audit } from './audit';
import { writeTx } from './tx';

const INVALID_FLAG = {
	email: 'email_invalid',
	sms: 'phone_invalid',
	letter: 'postal_invalid'
} as const;

/** Makes sure the debtor has a preferences row, then sets one of its flags. */
function setPreferenceFlag(db: DB, debtorId: number, column: string, now: number): void {
	db.run(
		sql`INSERT INTO contact_preferences (debtor_id, updated_at) VALUES (${debtorId}, ${now})
		    ON CONFLICT (debtor_id) DO NOTHING`
	);
	db.run(
		sql`UPDATE contact_preferences SET ${sql.raw(column)} = 1, updated_at = ${now}
		     WHERE debtor_id = ${debtorId}`
	);
}

/**
 * Applies one verified delivery report. Returns the message's status afterwards, or null when no
 * message has that provider id (a report for something we never sent: ignored, not an error).
 */
export function applyDeliveryReport(
	db: DB,
	channel: MessageChannel,
	report: DeliveryReport
): MessageStatus | null {
	const actor = systemActor(`delivery-${channel}`);
	return writeTx(db, () => {
		const m = db
			.select()
			.from(messages)
			.where(and(eq(messages.channel, channel), eq(messages.providerId, report.providerId)))
			.get();
		if (!m) return null;
		const now = clock().now();
		if (report.addressInvalid && (report.status === 'bounced' || report.status === 'failed')) {
			setPreferenceFlag(db, m.debtorId, INVALID_FLAG[channel], now);
		}
		if (!canMove(m.status, report.status)) return m.status;
		const settled = report.status === 'sent' || report.status === 'unknown' ? null : now;
		db.update(messages)
			.set({
				status: report.status,
				statusReason: report.detail ?? m.statusReason,
				settledAt: settled ?? m.settledAt,
				updatedAt: now
			})
			.where(eq(messages.id, m.id))
			.run();
		audit(db, actor, {
			action: `message.${report.status}`,
			entity: 'message',
			entityId: m.id,
			before: { status: m.status },
			after: { status: report.status, addressInvalid: report.addressInvalid ?? false }
		});
		return report.status;
	});
}

/**
 * An SMS reply "STOP" (any case, with or without spaces, or the Hungarian "LEIRATKOZAS"): the
 * debtor to whom we last sent an SMS at that number is opted out of SMS at once (C8). Returns the
 * debtor's id, or null when we never sent to that number.
 */
export function applySmsStop(db: DB, fromNumber: string): number | null {
	const actor = systemActor('delivery-sms');
	return writeTx(db, () => {
		const m = db
			.select({ debtorId: messages.debtorId })
			.from(messages)
			.where(and(eq(messages.channel, 'sms'), eq(messages.toAddress, fromNumber)))
			.orderBy(sql`${messages.id} DESC`)
			.limit(1)
			.get();
		if (!m) return null;
		const now = clock().now();
		setPreferenceFlag(db, m.debtorId, 'opt_out_sms', now);
		audit(db, actor, {
			action: 'contact_preferences.sms_stop',
			entity: 'debtor',
			entityId: m.debtorId,
			after: { optOutSms: true }
		});
		return m.debtorId;
	});
}

/** Is this reply text an opt-out? (STOP, Stop, "stop ", LEIRATKOZÁS, UNSUBSCRIBE) */
export function isStopReply(text: string): boolean {
	const t = text
		.trim()
		.toUpperCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '');
	return ['STOP', 'LEIRATKOZAS', 'UNSUBSCRIBE', 'STOPALL', 'END', 'QUIT'].includes(t);
}
