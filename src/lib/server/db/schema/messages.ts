/**
 * Messages that leave Rendez (issue 17): the texts as versioned data, every message with the exact
 * text sent, and the letters' daily print batches.
 */
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { id, createdAt, language, counter, currency, keyRef } from './columns';
import { MESSAGE_CHANNELS } from '../../../domain/messages';
import { MESSAGE_SOURCES, MESSAGE_STATUSES } from '../../../domain/delivery';
import { claims } from './claims';
import { byStaff, debtorRef } from './refs';

/**
 * A template's text per key, channel and language. An edit is a new row with the next version;
 * rows are never changed, so every sent message can point at the exact version it used. Where no
 * row exists the built-in text of `domain/messages.ts` is version 0.
 */
export const templateVersions = sqliteTable(
	'template_versions',
	{
		id: id(),
		key: text('key').notNull(),
		channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
		lang: language(),
		version: integer('version').notNull(),
		subject: text('subject'),
		body: text('body').notNull(),
		createdBy: byStaff('created_by'),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('template_versions_key_idx').on(t.key, t.channel, t.lang, t.version)]
);

/** The daily print batch: one PDF of all letters and a CSV manifest for the print house. */
export const letterBatches = sqliteTable('letter_batches', {
	id: id(),
	/** the business day the batch was made, 'YYYY-MM-DD' */
	day: text('day').notNull(),
	/** 'making': the jobs worker is still writing its letters (it cannot be printed or handed over yet) */
	state: text('state', { enum: ['making', 'open', 'handed_over'] })
		.notNull()
		.default('open'),
	letterCount: counter('letter_count'),
	/** due letters the re-check cancelled while the batch was made (C7, C8, wrong address) */
	cancelledCount: counter('cancelled_count'),
	/** the site's address the letters' portal links start with (the request's origin) */
	origin: text('origin'),
	createdBy: byStaff('created_by'),
	createdAt: createdAt(),
	handedOverBy: byStaff('handed_over_by'),
	handedOverAt: integer('handed_over_at')
});

/** Every message: what it is for, to whom, the text sent (without its secrets) and its hash, and its delivery. */
export const messages = sqliteTable(
	'messages',
	{
		id: id(),
		debtorId: debtorRef(),
		claimId: integer('claim_id').references(() => claims.id),
		channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
		templateKey: text('template_key').notNull(),
		/** null until rendered; null with a rendered body: the built-in text (version 0) */
		templateVersionId: integer('template_version_id').references(() => templateVersions.id),
		lang: language(),
		source: text('source', { enum: MESSAGE_SOURCES }).notNull(),
		/** the planned action or outbox row it carries out */
		sourceId: integer('source_id'),
		/** a second message with the same key is not created */
		dedupeKey: text('dedupe_key').notNull().unique(),
		/** the address, phone number or postal address used, fixed at send time */
		toAddress: text('to_address'),
		subject: text('subject'),
		/** the text sent without its link's token or code (domain/kept-text.ts); the SHA-256 (hex) of the text as sent */
		body: text('body'),
		bodyHash: text('body_hash'),
		/** the provider's id (Twilio's SID, our Message-ID): delivery reports are matched on it */
		providerId: text('provider_id'),
		status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('queued'),
		/** why it failed, bounced or was blocked (a code, shown to staff in words) */
		statusReason: text('status_reason'),
		/** not before this instant (the C1 window moves it forward, never drops it) */
		scheduledAt: integer('scheduled_at').notNull(),
		attempts: counter('attempts'),
		/** a dispatcher holds the message until then; a lapsed lease after a crash means "unknown" */
		leaseUntil: integer('lease_until'),
		letterBatchId: integer('letter_batch_id').references(() => letterBatches.id),
		sentAt: integer('sent_at'),
		settledAt: integer('settled_at'),
		createdAt: createdAt(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		index('messages_due_idx').on(t.status, t.scheduledAt),
		index('messages_claim_idx').on(t.claimId, t.createdAt),
		index('messages_debtor_idx').on(t.debtorId, t.createdAt),
		uniqueIndex('messages_provider_idx')
			.on(t.channel, t.providerId)
			.where(sql`provider_id IS NOT NULL`),
		index('messages_batch_idx').on(t.letterBatchId),
		// a staff resend finds its earlier copies (message-views.ts resendMessage)
		index('messages_source_idx').on(t.source, t.sourceId),
		// SMS still waiting for their delivery report (they become 'unknown' after two days)
		index('messages_report_idx').on(t.status, t.channel, t.sentAt),
		// an SMS reply (STOP) is matched to the debtor we last wrote to at that number
		index('messages_to_idx').on(t.channel, t.toAddress)
	]
);

/**
 * What a letter showed besides its text, fixed when its print batch was made, so the batch PDF,
 * the manifest and the debtor's copy can be drawn again exactly as printed: the date, the portal
 * link minted for it (the message's body keeps it without its token; here it is kept until the
 * batch is handed over, then only as `/p/…`), the amount, the deadline and the payment QR's
 * payload with the account it names.
 */
export const letterContents = sqliteTable('letter_contents', {
	messageId: keyRef('message_id', () => messages.id),
	letterDate: text('letter_date').notNull(),
	portalUrl: text('portal_url').notNull(),
	currency: currency(),
	amountMinor: integer('amount_minor').notNull(),
	deadline: text('deadline').notNull(),
	accountName: text('account_name').notNull(),
	iban: text('iban').notNull(),
	bic: text('bic').notNull(),
	qrPayload: text('qr_payload').notNull()
});
