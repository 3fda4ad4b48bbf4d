/**
 * The creditors' API and webhooks (issue 20, item 6): API keys (only a hash is stored), the
 * answers kept for idempotency keys, webhook endpoints and every delivery attempt's outcome.
 */
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt, counter, ref } from './columns';
import { creditorRef } from './creditors';
import { auditLog, staffUsers } from './access';
import { byStaff, claimKey } from './refs';
import { sql } from 'drizzle-orm';

export const apiKeys = sqliteTable(
	'api_keys',
	{
		id: id(),
		creditorId: creditorRef(),
		name: text('name').notNull(),
		/** the key's public first part, shown to tell keys apart ("rk_ab12cd34") */
		prefix: text('prefix').notNull().unique(),
		/** SHA-256 (hex) of the whole key: the key itself is shown once and never stored */
		hash: text('hash').notNull(),
		scope: text('scope', { enum: ['read', 'read_write'] }).notNull(),
		createdBy: ref('created_by', () => staffUsers.id),
		createdAt: createdAt(),
		lastUsedAt: integer('last_used_at'),
		revokedAt: integer('revoked_at'),
		revokedBy: byStaff('revoked_by')
	},
	(t) => [index('api_keys_creditor_idx').on(t.creditorId)]
);

/** The first answer to a request with an Idempotency-Key, given again to a repeat. */
export const apiIdempotency = sqliteTable(
	'api_idempotency',
	{
		id: id(),
		creditorId: creditorRef(),
		key: text('key').notNull(),
		/** SHA-256 of method, path and body: the same key with another request is refused */
		requestHash: text('request_hash').notNull(),
		status: integer('status').notNull(),
		body: text('body').notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('api_idempotency_key_uq').on(t.creditorId, t.key)]
);

export const webhookEndpoints = sqliteTable(
	'webhook_endpoints',
	{
		id: id(),
		creditorId: creditorRef(),
		url: text('url').notNull(),
		/** the signing secret ("whsec_…"), shown to the creditor to verify signatures */
		secret: text('secret').notNull(),
		/** JSON array of WEBHOOK_EVENTS */
		eventsJson: text('events_json').notNull(),
		createdBy: byStaff('created_by'),
		createdAt: createdAt(),
		disabledAt: integer('disabled_at')
	},
	(t) => [index('webhook_endpoints_creditor_idx').on(t.creditorId)]
);

export const webhookDeliveries = sqliteTable(
	'webhook_deliveries',
	{
		id: id(),
		endpointId: ref('endpoint_id', () => webhookEndpoints.id),
		/** the audited change it tells of; a replay points at the same one */
		auditId: ref('audit_id', () => auditLog.id),
		/** "evt_<audit id>": the same for a replay, so receivers can drop duplicates */
		eventId: text('event_id').notNull(),
		eventType: text('event_type').notNull(),
		claimId: integer('claim_id').notNull(),
		payload: text('payload').notNull(),
		state: text('state', { enum: ['pending', 'sending', 'succeeded', 'failed'] })
			.notNull()
			.default('pending'),
		attempts: counter('attempts'),
		nextAttemptAt: integer('next_attempt_at').notNull(),
		lastStatus: integer('last_status'),
		lastError: text('last_error'),
		replayOf: integer('replay_of'),
		createdAt: createdAt(),
		deliveredAt: integer('delivered_at')
	},
	(t) => [
		uniqueIndex('webhook_deliveries_once_uq')
			.on(t.endpointId, t.auditId)
			.where(sql`replay_of IS NULL`),
		index('webhook_deliveries_due_idx').on(t.state, t.nextAttemptAt),
		index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id)
	]
);

/** How far the fan-out has read the audit log (one row). */
export const webhookCursor = sqliteTable('webhook_cursor', {
	id: integer('id').primaryKey(),
	lastAuditId: integer('last_audit_id').notNull()
});

/**
 * Claims their creditor took back (issue 20, item 4): closed, no longer handled by the agency. Its
 * own table, not a column of claims, so the reason stays with who and when.
 */
export const claimRecalls = sqliteTable('claim_recalls', {
	claimId: claimKey(),
	reason: text('reason').notNull(),
	recalledBy: byStaff('recalled_by'),
	recalledAt: integer('recalled_at').notNull()
});
