/** Contact */
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { id, createdAt, language, keyRef } from './columns';
import { CHANNELS, STAGES } from '../../../domain/stages';
import { debtors, claims } from './claims';
import { byStaff, claimOfDebtor, debtorRef } from './refs';
import { attachments } from './plans';

export const contactPreferences = sqliteTable('contact_preferences', {
	debtorId: keyRef('debtor_id', () => debtors.id),
	preferredChannel: text('preferred_channel', { enum: CHANNELS }),
	/** 'HH:MM' local time; a documented request may widen the C1 window */
	preferredFrom: text('preferred_from'),
	preferredTo: text('preferred_to'),
	optOutSms: integer('opt_out_sms', { mode: 'boolean' }).notNull().default(false),
	optOutEmail: integer('opt_out_email', { mode: 'boolean' }).notNull().default(false),
	optOutCall: integer('opt_out_call', { mode: 'boolean' }).notNull().default(false),
	optOutLetter: integer('opt_out_letter', { mode: 'boolean' }).notNull().default(false),
	optOutVisit: integer('opt_out_visit', { mode: 'boolean' }).notNull().default(false),
	/** a hard bounce, a failed SMS number or a returned letter: the next step uses another channel */
	emailInvalid: integer('email_invalid', { mode: 'boolean' }).notNull().default(false),
	phoneInvalid: integer('phone_invalid', { mode: 'boolean' }).notNull().default(false),
	postalInvalid: integer('postal_invalid', { mode: 'boolean' }).notNull().default(false),
	language: language(),
	updatedAt: integer('updated_at').notNull()
});

export const contactEvents = sqliteTable(
	'contact_events',
	{
		id: id(),
		...claimOfDebtor(),
		channel: text('channel', { enum: CHANNELS }).notNull(),
		stage: text('stage', { enum: STAGES }).notNull(),
		direction: text('direction', { enum: ['outbound', 'inbound'] })
			.notNull()
			.default('outbound'),
		/** sent | delivered | failed | no_answer | conversation | promise | refused | blocked; calls and
		 * visits also dialing (a call started, counted at once) | wrong_party | voicemail | busy | dispute |
		 * plan | callback | moved (services/calls.ts, visits.ts) */
		outcome: text('outcome').notNull(),
		/** why the engine refused it (C1, C2, C7, C8), when outcome = blocked */
		blockedReason: text('blocked_reason'),
		template: text('template'),
		recordingRef: text('recording_ref'),
		/** a call's length in seconds, as the operator read it from the telephony system */
		durationSeconds: integer('duration_seconds'),
		/** a call: when the operator verified the right party (nothing about the debt before: C3) */
		verifiedAt: integer('verified_at'),
		/** the operator's or field agent's note (never kept for a wrong party: C3) */
		note: text('note'),
		/** a visit's signed acknowledgement of debt (photo or PDF, checked by content) */
		attachmentId: integer('attachment_id').references(() => attachments.id),
		operatorId: byStaff('operator_id'),
		occurredAt: integer('occurred_at').notNull()
	},
	(t) => [
		index('contact_events_claim_idx').on(t.claimId, t.occurredAt),
		index('contact_events_channel_idx').on(t.channel, t.occurredAt),
		// "we sent you a reminder on ...": the claim page finds a claim's last reminder in this index
		// alone (it holds every column the lookup reads); the condition is the one of that lookup
		index('contact_events_last_reminder_idx')
			.on(t.claimId, t.occurredAt, t.channel, t.direction, t.outcome)
			.where(sql`direction = 'outbound' AND outcome IN ('sent', 'delivered', 'conversation')`)
	]
);

/** Messages waiting to be sent (reminders, plan notices). The communications work sends from here. */
export const outbox = sqliteTable(
	'outbox',
	{
		id: id(),
		debtorId: debtorRef(),
		claimId: integer('claim_id').references(() => claims.id),
		channel: text('channel', { enum: CHANNELS }).notNull(),
		template: text('template').notNull(),
		/** JSON of template parameters: no amounts or creditor names for SMS/e-mail (C3) */
		paramsJson: text('params_json').notNull().default('{}'),
		dedupeKey: text('dedupe_key').unique(),
		scheduledAt: integer('scheduled_at').notNull(),
		status: text('status', { enum: ['queued', 'sent', 'cancelled', 'blocked'] })
			.notNull()
			.default('queued'),
		createdAt: createdAt(),
		sentAt: integer('sent_at')
	},
	(t) => [index('outbox_status_idx').on(t.status, t.scheduledAt)]
);

/**
 * The debtor's own corrections of their contact details (issue 19, item 8): every change keeps the
 * old value here (C12), so the old address stays in the history; operators read it (/ops/contacts).
 * `oldValue`/`newValue`: the e-mail or phone as written, or for 'postal' a JSON
 * {postalCode, city, address}.
 */
export const debtorContactHistory = sqliteTable(
	'debtor_contact_history',
	{
		id: id(),
		debtorId: debtorRef(),
		field: text('field', { enum: ['email', 'phone', 'postal'] }).notNull(),
		oldValue: text('old_value'),
		newValue: text('new_value').notNull(),
		/** who changed it: the debtor (null) or a staff member */
		changedBy: byStaff('changed_by'),
		createdAt: createdAt()
	},
	(t) => [
		index('debtor_contact_history_debtor_idx').on(t.debtorId, t.id),
		index('debtor_contact_history_created_idx').on(t.createdAt)
	]
);

/**
 * A new e-mail address or phone number waiting for its code (sent to the new address). The code is
 * made when the message is sent (`mintContactCode`) and only its hash is kept; a change expires,
 * and takes at most CONTACT_CODE_MAX_TRIES wrong codes.
 */
export const contactChanges = sqliteTable(
	'contact_changes',
	{
		id: id(),
		debtorId: debtorRef(),
		field: text('field', { enum: ['email', 'phone'] }).notNull(),
		newValue: text('new_value').notNull(),
		codeHash: text('code_hash'),
		failedAttempts: integer('failed_attempts').notNull().default(0),
		expiresAt: integer('expires_at').notNull(),
		status: text('status', { enum: ['pending', 'confirmed', 'cancelled'] })
			.notNull()
			.default('pending'),
		createdAt: createdAt(),
		confirmedAt: integer('confirmed_at')
	},
	(t) => [index('contact_changes_debtor_idx').on(t.debtorId, t.status)]
);
