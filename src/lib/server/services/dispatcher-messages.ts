/**
 * The dispatcher's shared pieces (dispatcher.ts tells the whole story): the message row it works
 * on, what one claim gives back, and the writes every step makes to a message, to the work it came
 * from (a planned action or an outbox row) and to the claim's contact record.
 */
import type { AuditAction } from '$lib/domain/audit-actions';
import { stmt } from '../db/per-connection';
import { systemActor, type Actor } from '$lib/domain/actor';
import type { MessageStatus } from '$lib/domain/delivery';
import type { DispatchDecision } from '$lib/domain/dispatch';
import type { Lang, MessageChannel } from '$lib/domain/messages';
import type { Channel } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { clock } from '../clock';
import type { Channels } from '../channels';
import type { OutgoingMessage } from '../channels/types';
import { audit } from './audit';

export const actor: Actor = systemActor('dispatcher');

/** How long a dispatcher holds a message it is sending (a send that takes longer is 'unknown'). */
export const LEASE_MS = 5 * 60_000;

export interface DispatchOptions {
	channels: Channels;
	/** the public origin links are built from, e.g. https://rendez.example.hu */
	origin: string;
	leaseMs?: number;
	/** messages in flight at once (each claimed in its own transaction) */
	parallel?: number;
	/** stop after this many claims (tests); default: until nothing is due */
	maxClaims?: number;
}

export interface MessageRow {
	id: number;
	debtor_id: number;
	claim_id: number | null;
	channel: MessageChannel;
	template_key: string;
	lang: Lang;
	source: string;
	source_id: number | null;
	status: MessageStatus;
	to_address: string | null;
	attempts: number;
}

/** The columns of a `MessageRow`, as selected from `messages`. */
export const MESSAGE_COLUMNS =
	'id, debtor_id, claim_id, channel, template_key, language AS lang, source, source_id, status, to_address, attempts';

/** A message a dispatcher holds, ready to be handed to its channel. */
export interface Claimed {
	messageId: number;
	channel: 'sms' | 'email';
	out: OutgoingMessage;
	contactEventId: number | null;
}

/** What one claim did: sent-ready, or another decision already recorded, or nothing due. */
export type ClaimResult =
	| { kind: 'claimed'; claimed: Claimed }
	| { kind: 'decided'; messageId: number; decision: DispatchDecision['kind'] | 'no_template' }
	| { kind: 'none' };

/** Sets a message's fields and audits the change (inside the caller's transaction). */
export function updateMessage(
	db: DB,
	m: MessageRow,
	set: Record<string, unknown>,
	auditAction: AuditAction,
	after: Record<string, unknown>
) {
	const cols = Object.keys(set);
	stmt(
		db,
		`UPDATE messages SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE id = @id`
	).run({ ...set, updated_at: clock().now(), id: m.id });
	audit(db, actor, {
		action: auditAction,
		entity: 'message',
		entityId: m.id,
		before: { status: m.status, channel: m.channel },
		after
	});
}

/** A message that will not go: cancelled or blocked for `reason`, settled now and audited. */
export function closeMessage(
	db: DB,
	m: MessageRow,
	status: 'cancelled' | 'blocked',
	reason: string,
	now: number,
	after: Record<string, unknown> = {}
) {
	updateMessage(db, m, { status, status_reason: reason, settled_at: now }, `message.${status}`, {
		status,
		reason,
		...after
	});
}

/** A message whose template does not exist for the channel it would go on: blocked, its work failed. */
export function blockNoTemplate(
	db: DB,
	m: MessageRow,
	channel: MessageChannel,
	now: number
): ClaimResult {
	closeMessage(db, m, 'blocked', 'no_template', now, { channel });
	settleSource(db, m, 'failed');
	return { kind: 'decided', messageId: m.id, decision: 'no_template' };
}

/** Marks the planned action or outbox row a message came from as done, cancelled or failed. */
export function settleSource(
	db: DB,
	m: MessageRow,
	state: 'done' | 'cancelled' | 'failed',
	reason?: string
) {
	if (m.source_id == null) return;
	const now = clock().now();
	if (m.source === 'engine') {
		stmt(
			db,
			`UPDATE planned_actions SET state = ?, done_at = ?, cancel_reason = coalesce(?, cancel_reason)
				  WHERE id = ? AND state = 'planned'`
		).run(
			state,
			state === 'done' ? now : null,
			state === 'cancelled' ? (reason ?? null) : null,
			m.source_id
		);
	} else if (m.source === 'outbox' || m.source === 'link') {
		// a staff resend's source is the message it copies, not an outbox row: nothing to settle
		const outboxStatus =
			state === 'done' ? 'sent' : state === 'cancelled' ? 'cancelled' : 'blocked';
		stmt(
			db,
			`UPDATE outbox SET status = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
				  WHERE id = ? AND status = 'queued'`
		).run(outboxStatus, outboxStatus, now, m.source_id);
	}
}

/** Records an outbound contact on the message's claim; its id, or null without a claim. */
export function recordContact(
	db: DB,
	m: MessageRow,
	channel: Channel,
	outcome: string,
	reason: string | null
): number | null {
	if (m.claim_id == null) return null;
	const r = stmt(
		db,
		`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, blocked_reason, template, occurred_at)
			 SELECT id, debtor_id, ?, stage, 'outbound', ?, ?, ?, ? FROM claims WHERE id = ?`
	).run(channel, outcome, reason, m.template_key, clock().now(), m.claim_id);
	return r.changes ? Number(r.lastInsertRowid) : null;
}
