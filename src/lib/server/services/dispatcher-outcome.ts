/**
 * The dispatcher's fourth step and its clean-ups (dispatcher.ts tells the whole story): what the
 * channel answered, and the messages whose answer never came.
 */
import { stmt } from '../db/per-connection';
import { canMove, type MessageStatus } from '$lib/domain/delivery';
import { DAY_MS } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { clock } from '../clock';
import type { SendOutcome } from '../channels/types';
import { audit } from './audit';
import { writeTx } from './tx';
import {
	actor,
	MESSAGE_COLUMNS,
	settleSource,
	updateMessage,
	type Claimed,
	type MessageRow
} from './dispatcher-messages';

const INVALID_COLUMN = { email: 'email_invalid', sms: 'phone_invalid' } as const;

/** Tries of a message whose channel could not take it (the SMTP server down): then it fails. */
export const MAX_ATTEMPTS = 5;
/** The wait before try n+1: 1, 2, 4, 8 minutes. */
export const retryDelayMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

/**
 * Records the channel's answer for a claimed message: sent with the provider's id; uncertain
 * (it may have left) → unknown, never resent by itself; refused for good → failed (the address
 * marked invalid when it was the address); refused for now → this try failed, and a new message
 * for the same work waits for the next try (status only moves forward), up to MAX_ATTEMPTS.
 */
export function recordOutcome(db: DB, c: Claimed, outcome: SendOutcome): MessageStatus {
	return writeTx(db, () => {
		const m = stmt(db, `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = ?`).get(
			c.messageId
		) as MessageRow;
		const now = clock().now();
		if (outcome.ok) {
			const status: MessageStatus = canMove(m.status, 'sent') ? 'sent' : m.status;
			updateMessage(
				db,
				m,
				{ status, provider_id: outcome.providerId, sent_at: now, lease_until: null },
				'message.sent',
				{ status }
			);
			settleSource(db, m, 'done');
			return status;
		}
		if (outcome.uncertain) {
			// it may have reached the debtor: the contact stays counted, nothing sends it again
			const status: MessageStatus = canMove(m.status, 'unknown') ? 'unknown' : m.status;
			updateMessage(
				db,
				m,
				{ status, status_reason: outcome.error, lease_until: null },
				'message.unknown',
				{ status, reason: outcome.error }
			);
			settleSource(db, m, 'done');
			return status;
		}
		const status: MessageStatus = canMove(m.status, 'failed') ? 'failed' : m.status;
		const retry = !outcome.permanent && m.attempts < MAX_ATTEMPTS;
		updateMessage(
			db,
			m,
			{ status, status_reason: outcome.error, settled_at: now, lease_until: null },
			'message.failed',
			{ status, reason: outcome.error, permanent: outcome.permanent, retry }
		);
		// it did not reach the debtor: it does not count toward C2
		if (c.contactEventId != null)
			stmt(db, `UPDATE contact_events SET outcome = 'failed' WHERE id = ?`).run(c.contactEventId);
		if (outcome.addressInvalid) {
			// the address itself was refused: the next step uses another channel
			stmt(
				db,
				`INSERT INTO contact_preferences (debtor_id, updated_at) VALUES (?, ?) ON CONFLICT (debtor_id) DO NOTHING`
			).run(m.debtor_id, now);
			stmt(
				db,
				`UPDATE contact_preferences SET ${INVALID_COLUMN[c.channel]} = 1, updated_at = ? WHERE debtor_id = ?`
			).run(now, m.debtor_id);
		}
		if (retry) {
			const r = stmt(
				db,
				`INSERT INTO messages (debtor_id, claim_id, channel, template_key, language, source, source_id,
					                       dedupe_key, status, scheduled_at, attempts, created_at, updated_at)
					 SELECT debtor_id, claim_id, channel, template_key, language, source, source_id,
					        dedupe_key || '#' || (attempts + 1), 'queued', ?, attempts, ?, ? FROM messages WHERE id = ?`
			).run(now + retryDelayMs(m.attempts), now, now, m.id);
			audit(db, actor, {
				action: 'message.retry',
				entity: 'message',
				entityId: Number(r.lastInsertRowid),
				after: { previous: m.id, attempts: m.attempts }
			});
		} else settleSource(db, m, 'failed');
		return status;
	});
}

/**
 * A message that may have left but whose answer never came becomes 'unknown' (audited); its lease,
 * if it still had one, ends (a 'sent' message's lease ended when it was recorded as sent).
 */
function markUnknown(db: DB, id: number, from: MessageStatus, reason: string, now: number) {
	stmt(
		db,
		`UPDATE messages SET status = 'unknown', status_reason = ?, lease_until = NULL, updated_at = ? WHERE id = ?`
	).run(reason, now, id);
	audit(db, actor, {
		action: 'message.unknown',
		entity: 'message',
		entityId: id,
		before: { status: from },
		after: { status: 'unknown', reason }
	});
}

/**
 * On start: messages whose dispatcher's lease lapsed (it died while sending) become 'unknown'.
 * They may have left, so nothing sends them again by itself. Returns how many.
 */
export function expireLeases(db: DB): number {
	return writeTx(db, () => {
		const now = clock().now();
		const rows = stmt(
			db,
			`SELECT id, source, source_id FROM messages WHERE status = 'sending' AND lease_until < ?`
		).all(now) as { id: number; source: string; source_id: number | null }[];
		for (const r of rows) {
			markUnknown(db, r.id, 'sending', 'lease_lapsed', now);
			// it may have reached the debtor: the action is not planned again
			if (r.source === 'engine' && r.source_id != null)
				stmt(
					db,
					`UPDATE planned_actions SET state = 'done', done_at = ? WHERE id = ? AND state = 'planned'`
				).run(now, r.source_id);
		}
		return rows.length;
	});
}

/** How long an SMS may wait for its delivery report before it is recorded as unknown. */
export const SMS_REPORT_WAIT_MS = 2 * DAY_MS;

/** An SMS whose delivery report never came is recorded as unknown after two days, and never sent again by itself. */
export function settleSilentSms(db: DB): number {
	return writeTx(db, () => {
		const now = clock().now();
		const silent = stmt(
			db,
			`SELECT id FROM messages WHERE status = 'sent' AND channel = 'sms' AND sent_at < ? LIMIT 500`
		).all(now - SMS_REPORT_WAIT_MS) as { id: number }[];
		for (const r of silent) markUnknown(db, r.id, 'sent', 'no_report', now);
		return silent.length;
	});
}
