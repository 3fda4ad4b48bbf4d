/**
 * The whole Rendez data model. Conventions:
 * - money: integer minor units (`*_minor` columns never hold floats);
 * - instants: integer milliseconds UTC (`*_at`); calendar dates: 'YYYY-MM-DD' text (`*_date`);
 * - business records are never hard-deleted (C12); ledger_entries and audit_log are append-only,
 *   enforced by triggers in the migrations, not only by discipline.
 */

import {
	sqliteTable,
	integer,
	text,
	blob,
	index,
	uniqueIndex,
	primaryKey,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

const id = () => integer('id').primaryKey({ autoIncrement: true });
const createdAt = () => integer('created_at').notNull();

/** Values shared with lib/domain; kept here as literal tuples so the schema stays self-contained. */
export const currencies = ['HUF', 'EUR'] as const;
export const stages = [
	'new',
	'friendly_reminder',
	'firm_reminder',
	'formal_notice',
	'legal'
] as const;
export const claimStatuses = ['open', 'in_plan', 'disputed', 'paid', 'closed'] as const;
export const components = ['principal', 'interest', 'fee', 'cost'] as const;
export const ledgerKinds = ['charge', 'payment', 'refund', 'write_off', 'reversal'] as const;
export const channels = ['sms', 'email', 'letter', 'call', 'visit', 'portal'] as const;
export const staffRoles = ['admin', 'operator', 'creditor'] as const;
export const identityChecks = ['birth_date', 'tax_number', 'postal_code'] as const;
export const frequencies = ['weekly', 'biweekly', 'monthly'] as const;

// ---------------------------------------------------------------------------------------------
// Creditors and what they placed

export const creditors = sqliteTable('creditors', {
	id: id(),
	name: text('name').notNull(),
	shortName: text('short_name').notNull(),
	sector: text('sector', { enum: ['bank', 'utility', 'telecom', 'other'] }).notNull(),
	taxNumber: text('tax_number').notNull(),
	/** What a debtor of this creditor answers before seeing anything (persons; companies always give a tax number). */
	identityCheck: text('identity_check', { enum: identityChecks }).notNull().default('birth_date'),
	/** Whether the contract lets payments be allocated otherwise than Civil Code 6:46 (C6). */
	allocationOrder: text('allocation_order').notNull().default('cost,fee,interest,principal'),
	/** Months personal data of closed cases is kept before anonymisation (C13). */
	retentionMonths: integer('retention_months').notNull().default(60),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	createdAt: createdAt()
});

export const portfolios = sqliteTable(
	'portfolios',
	{
		id: id(),
		creditorId: integer('creditor_id')
			.notNull()
			.references(() => creditors.id),
		name: text('name').notNull(),
		placedDate: text('placed_date').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('portfolios_creditor_idx').on(t.creditorId, t.placedDate)]
);

/** A creditor's contact strategy: when each stage starts and which channels it uses, plus C1/C2 limits. */
export const strategies = sqliteTable('strategies', {
	id: id(),
	creditorId: integer('creditor_id')
		.notNull()
		.unique()
		.references(() => creditors.id),
	/** JSON: { friendly_reminder: {afterDays, channels[]}, firm_reminder: ..., formal_notice: ..., legal: {afterDays} } */
	stagesJson: text('stages_json').notNull(),
	/** JSON: contact window and frequency caps (C1, C2); defaults in lib/domain/contact.ts */
	contactLimitsJson: text('contact_limits_json').notNull(),
	updatedAt: integer('updated_at').notNull()
});

/**
 * Installment and portal rules. One row per creditor (portfolio_id null) plus optional overrides
 * per portfolio. Plans copy the rules they were agreed under, so a change never alters them.
 */
export const installmentRules = sqliteTable(
	'installment_rules',
	{
		id: id(),
		creditorId: integer('creditor_id')
			.notNull()
			.references(() => creditors.id),
		portfolioId: integer('portfolio_id').references(() => portfolios.id),
		/** JSON validated by lib/domain/rules.ts */
		rulesJson: text('rules_json').notNull(),
		version: integer('version').notNull().default(1),
		updatedAt: integer('updated_at').notNull(),
		updatedBy: integer('updated_by')
	},
	(t) => [uniqueIndex('installment_rules_scope_uq').on(t.creditorId, t.portfolioId)]
);

// ---------------------------------------------------------------------------------------------
// Debtors and claims

export const debtors = sqliteTable(
	'debtors',
	{
		id: id(),
		kind: text('kind', { enum: ['person', 'company'] }).notNull(),
		name: text('name').notNull(),
		/** persons: 'YYYY-MM-DD', used for the identity check */
		birthDate: text('birth_date'),
		/** companies: Hungarian tax number 'xxxxxxxx-y-zz' */
		taxNumber: text('tax_number'),
		postalCode: text('postal_code').notNull(),
		city: text('city').notNull(),
		address: text('address').notNull(),
		email: text('email'),
		phone: text('phone'),
		language: text('language', { enum: ['hu', 'en'] })
			.notNull()
			.default('hu'),
		createdAt: createdAt(),
		/** set by the retention job (C13): personal fields are blanked, the row stays for the ledger */
		anonymizedAt: integer('anonymized_at')
	},
	(t) => [index('debtors_name_idx').on(t.name), index('debtors_tax_number_idx').on(t.taxNumber)]
);

export const claims = sqliteTable(
	'claims',
	{
		id: id(),
		creditorId: integer('creditor_id')
			.notNull()
			.references(() => creditors.id),
		portfolioId: integer('portfolio_id')
			.notNull()
			.references(() => portfolios.id),
		debtorId: integer('debtor_id')
			.notNull()
			.references(() => debtors.id),
		reference: text('reference').notNull(),
		description: text('description').notNull().default(''),
		currency: text('currency', { enum: currencies }).notNull(),
		placedDate: text('placed_date').notNull(),
		/** original due date of the debt; days past due count from here */
		dueDate: text('due_date').notNull(),
		stage: text('stage', { enum: stages }).notNull().default('new'),
		stageChangedAt: integer('stage_changed_at').notNull(),
		status: text('status', { enum: claimStatuses }).notNull().default('open'),
		/** balance at placement (reports: "placed amount") */
		placedMinor: integer('placed_minor').notNull(),
		/**
		 * Cached sum of the ledger, kept in the same transaction as every ledger post so that lists
		 * and reports need not sum a million ledgers. The ledger stays the source of truth.
		 */
		balanceMinor: integer('balance_minor').notNull(),
		/** payments less refunds, cached the same way */
		collectedMinor: integer('collected_minor').notNull().default(0),
		/** C9: when a plan was first offered to the debtor (required before a formal notice) */
		planOfferedAt: integer('plan_offered_at'),
		paidAt: integer('paid_at'),
		closedAt: integer('closed_at'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('claims_creditor_reference_uq').on(t.creditorId, t.reference),
		index('claims_debtor_idx').on(t.debtorId),
		index('claims_portfolio_idx').on(t.portfolioId),
		index('claims_creditor_status_idx').on(t.creditorId, t.status, t.dueDate),
		index('claims_creditor_stage_idx').on(t.creditorId, t.stage),
		index('claims_creditor_placed_idx').on(t.creditorId, t.placedDate),
		// creditor claim list sorts (issue 6)
		index('claims_creditor_balance_idx').on(t.creditorId, t.balanceMinor),
		index('claims_creditor_due_idx').on(t.creditorId, t.dueDate)
	]
);

/** Every stage a claim entered, so reports can tell what each stage ended in. */
export const claimStageEvents = sqliteTable(
	'claim_stage_events',
	{
		id: id(),
		claimId: integer('claim_id')
			.notNull()
			.references(() => claims.id),
		stage: text('stage', { enum: stages }).notNull(),
		enteredAt: integer('entered_at').notNull(),
		leftAt: integer('left_at'),
		/** paid | in_plan | disputed | moved_on | closed; null while the stage is current */
		outcome: text('outcome')
	},
	// one row per claim and stage: a stage the claim comes back to (after a broken plan, a rejected
	// dispute, a refund) is its row reopened, so the stage outcomes count each claim once per stage
	(t) => [
		index('claim_stage_events_claim_idx').on(t.claimId, t.enteredAt),
		uniqueIndex('claim_stage_events_claim_stage_uq').on(t.claimId, t.stage)
	]
);

/**
 * Append-only. Charges are positive, payments/write-offs negative, refunds positive (they give
 * money back, so the debt grows again). A mistake is fixed by a reversal row naming the original.
 */
export const ledgerEntries = sqliteTable(
	'ledger_entries',
	{
		id: id(),
		claimId: integer('claim_id')
			.notNull()
			.references(() => claims.id),
		component: text('component', { enum: components }).notNull(),
		kind: text('kind', { enum: ledgerKinds }).notNull(),
		amountMinor: integer('amount_minor').notNull(),
		/** calendar date the entry is effective (statement order) */
		effectiveDate: text('effective_date').notNull(),
		paymentId: integer('payment_id').references((): AnySQLiteColumn => payments.id),
		refundId: integer('refund_id').references((): AnySQLiteColumn => refunds.id),
		reversesId: integer('reverses_id').references((): AnySQLiteColumn => ledgerEntries.id),
		memo: text('memo').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [
		// a claim's entries in order; it also holds what the claim page reads of them (component,
		// kind, amount), so that page answers from the index without reading the table's rows
		index('ledger_claim_idx').on(t.claimId, t.id, t.component, t.kind, t.amountMinor),
		index('ledger_payment_idx').on(t.paymentId)
	]
);

// ---------------------------------------------------------------------------------------------
// Payments

export const payments = sqliteTable(
	'payments',
	{
		id: id(),
		claimId: integer('claim_id')
			.notNull()
			.references(() => claims.id),
		debtorId: integer('debtor_id')
			.notNull()
			.references(() => debtors.id),
		planId: integer('plan_id').references((): AnySQLiteColumn => plans.id),
		amountMinor: integer('amount_minor').notNull(),
		currency: text('currency', { enum: currencies }).notNull(),
		purpose: text('purpose', {
			enum: ['full', 'partial', 'installment', 'down_payment', 'manual']
		}).notNull(),
		gateway: text('gateway', { enum: ['stripe', 'demo', 'bank_transfer'] }).notNull(),
		/** pending -> succeeded | failed | expired; flagged when the provider's amount/currency disagreed */
		status: text('status', { enum: ['pending', 'succeeded', 'failed', 'expired', 'flagged'] })
			.notNull()
			.default('pending'),
		providerRef: text('provider_ref'),
		providerPaymentRef: text('provider_payment_ref'),
		refundedMinor: integer('refunded_minor').notNull().default(0),
		/** how much of it settled plan installments (a refund gives back at most this much from the plan) */
		planAppliedMinor: integer('plan_applied_minor').notNull().default(0),
		flagReason: text('flag_reason'),
		receiptNumber: text('receipt_number'),
		createdAt: createdAt(),
		completedAt: integer('completed_at')
	},
	(t) => [
		index('payments_claim_idx').on(t.claimId, t.createdAt),
		index('payments_status_idx').on(t.status, t.createdAt),
		uniqueIndex('payments_provider_ref_uq').on(t.gateway, t.providerRef),
		index('payments_completed_idx').on(t.completedAt)
	]
);

/** Every provider event we processed; the unique event id makes a repeated delivery a no-op. */
export const webhookEvents = sqliteTable('webhook_events', {
	id: id(),
	provider: text('provider', { enum: ['stripe', 'demo'] }).notNull(),
	eventId: text('event_id').notNull().unique(),
	type: text('type').notNull(),
	paymentId: integer('payment_id').references(() => payments.id),
	outcome: text('outcome').notNull(),
	receivedAt: integer('received_at').notNull()
});

export const refunds = sqliteTable(
	'refunds',
	{
		id: id(),
		paymentId: integer('payment_id')
			.notNull()
			.references(() => payments.id),
		amountMinor: integer('amount_minor').notNull(),
		reason: text('reason').notNull(),
		status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
		/** how much of it came off plan installments (given back to them if the refund fails) */
		planUnappliedMinor: integer('plan_unapplied_minor').notNull().default(0),
		providerRef: text('provider_ref'),
		createdBy: integer('created_by').references((): AnySQLiteColumn => staffUsers.id),
		createdAt: createdAt()
	},
	(t) => [index('refunds_payment_idx').on(t.paymentId)]
);

/** C11: an overpayment becomes a task for operators, due within 5 days. */
export const refundTasks = sqliteTable(
	'refund_tasks',
	{
		id: id(),
		claimId: integer('claim_id')
			.notNull()
			.references(() => claims.id),
		paymentId: integer('payment_id')
			.notNull()
			.references(() => payments.id),
		amountMinor: integer('amount_minor').notNull(),
		currency: text('currency', { enum: currencies }).notNull(),
		dueDate: text('due_date').notNull(),
		status: text('status', { enum: ['open', 'done'] })
			.notNull()
			.default('open'),
		refundId: integer('refund_id').references(() => refunds.id),
		createdAt: createdAt(),
		doneAt: integer('done_at')
	},
	(t) => [index('refund_tasks_status_idx').on(t.status, t.dueDate)]
);

/** C10: issued once when the balance reaches zero; the PDF is rendered from this row and the ledger. */
export const settlementCertificates = sqliteTable('settlement_certificates', {
	id: id(),
	claimId: integer('claim_id')
		.notNull()
		.unique()
		.references(() => claims.id),
	number: text('number').notNull().unique(),
	issuedAt: integer('issued_at').notNull()
});

// ---------------------------------------------------------------------------------------------
// Plans, promises, disputes

export const plans = sqliteTable(
	'plans',
	{
		id: id(),
		claimId: integer('claim_id')
			.notNull()
			.references(() => claims.id),
		debtorId: integer('debtor_id')
			.notNull()
			.references(() => debtors.id),
		/**
		 * proposed (waits for an operator) | countered (waits for the debtor) | active | completed |
		 * broken | rejected | declined | cancelled | lapsed (a counter-offer not accepted by its first due date)
		 */
		status: text('status', {
			enum: [
				'proposed',
				'countered',
				'active',
				'completed',
				'broken',
				'rejected',
				'declined',
				'cancelled',
				'lapsed'
			]
		}).notNull(),
		frequency: text('frequency', { enum: frequencies }).notNull(),
		downPaymentMinor: integer('down_payment_minor').notNull().default(0),
		installmentCount: integer('installment_count').notNull(),
		firstDueDate: text('first_due_date').notNull(),
		totalMinor: integer('total_minor').notNull(),
		currency: text('currency', { enum: currencies }).notNull(),
		/** the rules in force when the plan was proposed: later rule changes never touch it */
		rulesJson: text('rules_json').notNull(),
		autoApproved: integer('auto_approved', { mode: 'boolean' }).notNull().default(false),
		budgetIncomeMinor: integer('budget_income_minor'),
		budgetCostsMinor: integer('budget_costs_minor'),
		/** the plan this one counters */
		counterOfId: integer('counter_of_id').references((): AnySQLiteColumn => plans.id),
		decidedBy: integer('decided_by').references((): AnySQLiteColumn => staffUsers.id),
		decidedAt: integer('decided_at'),
		decisionReason: text('decision_reason'),
		createdAt: createdAt(),
		endedAt: integer('ended_at')
	},
	(t) => [
		index('plans_claim_idx').on(t.claimId, t.status),
		index('plans_status_idx').on(t.status, t.createdAt)
	]
);

export const installments = sqliteTable(
	'installments',
	{
		id: id(),
		planId: integer('plan_id')
			.notNull()
			.references(() => plans.id),
		seq: integer('seq').notNull(),
		dueDate: text('due_date').notNull(),
		amountMinor: integer('amount_minor').notNull(),
		paidMinor: integer('paid_minor').notNull().default(0),
		status: text('status', { enum: ['due', 'paid', 'late', 'missed'] })
			.notNull()
			.default('due'),
		paidAt: integer('paid_at'),
		/** when the payment that completed it arrived on or before the due date */
		paidOnTime: integer('paid_on_time', { mode: 'boolean' }),
		reminderQueuedAt: integer('reminder_queued_at')
	},
	(t) => [
		uniqueIndex('installments_plan_seq_uq').on(t.planId, t.seq),
		index('installments_due_idx').on(t.status, t.dueDate)
	]
);

export const promises = sqliteTable(
	'promises',
	{
		id: id(),
		claimId: integer('claim_id')
			.notNull()
			.references(() => claims.id),
		debtorId: integer('debtor_id')
			.notNull()
			.references(() => debtors.id),
		promisedDate: text('promised_date').notNull(),
		amountMinor: integer('amount_minor').notNull(),
		status: text('status', { enum: ['open', 'kept', 'broken', 'cancelled'] })
			.notNull()
			.default('open'),
		createdAt: createdAt(),
		resolvedAt: integer('resolved_at')
	},
	(t) => [
		index('promises_claim_idx').on(t.claimId),
		index('promises_status_idx').on(t.status, t.promisedDate)
	]
);

export const attachments = sqliteTable('attachments', {
	id: id(),
	mime: text('mime', { enum: ['application/pdf', 'image/jpeg', 'image/png'] }).notNull(),
	sizeBytes: integer('size_bytes').notNull(),
	sha256: text('sha256').notNull(),
	content: blob('content', { mode: 'buffer' }).notNull(),
	createdAt: createdAt()
});

export const disputes = sqliteTable(
	'disputes',
	{
		id: id(),
		claimId: integer('claim_id')
			.notNull()
			.references(() => claims.id),
		debtorId: integer('debtor_id')
			.notNull()
			.references(() => debtors.id),
		reason: text('reason', {
			enum: ['not_mine', 'already_paid', 'wrong_amount', 'statute_barred', 'other']
		}).notNull(),
		details: text('details').notNull().default(''),
		attachmentId: integer('attachment_id').references(() => attachments.id),
		status: text('status', { enum: ['open', 'upheld', 'rejected', 'withdrawn'] })
			.notNull()
			.default('open'),
		/** C7: operators answer within 30 days */
		answerDueDate: text('answer_due_date').notNull(),
		answer: text('answer'),
		answeredBy: integer('answered_by').references((): AnySQLiteColumn => staffUsers.id),
		answeredAt: integer('answered_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('disputes_claim_idx').on(t.claimId),
		index('disputes_status_idx').on(t.status, t.answerDueDate)
	]
);

// ---------------------------------------------------------------------------------------------
// Contact

export const contactPreferences = sqliteTable('contact_preferences', {
	debtorId: integer('debtor_id')
		.primaryKey()
		.references(() => debtors.id),
	preferredChannel: text('preferred_channel', { enum: channels }),
	/** 'HH:MM' local time; a documented request may widen the C1 window */
	preferredFrom: text('preferred_from'),
	preferredTo: text('preferred_to'),
	optOutSms: integer('opt_out_sms', { mode: 'boolean' }).notNull().default(false),
	optOutEmail: integer('opt_out_email', { mode: 'boolean' }).notNull().default(false),
	optOutCall: integer('opt_out_call', { mode: 'boolean' }).notNull().default(false),
	optOutLetter: integer('opt_out_letter', { mode: 'boolean' }).notNull().default(false),
	optOutVisit: integer('opt_out_visit', { mode: 'boolean' }).notNull().default(false),
	language: text('language', { enum: ['hu', 'en'] })
		.notNull()
		.default('hu'),
	updatedAt: integer('updated_at').notNull()
});

export const contactEvents = sqliteTable(
	'contact_events',
	{
		id: id(),
		claimId: integer('claim_id')
			.notNull()
			.references(() => claims.id),
		debtorId: integer('debtor_id')
			.notNull()
			.references(() => debtors.id),
		channel: text('channel', { enum: channels }).notNull(),
		stage: text('stage', { enum: stages }).notNull(),
		direction: text('direction', { enum: ['outbound', 'inbound'] })
			.notNull()
			.default('outbound'),
		/** sent | delivered | failed | no_answer | conversation | promise | refused | blocked */
		outcome: text('outcome').notNull(),
		/** why the engine refused it (C1, C2, C7, C8), when outcome = blocked */
		blockedReason: text('blocked_reason'),
		template: text('template'),
		recordingRef: text('recording_ref'),
		operatorId: integer('operator_id').references((): AnySQLiteColumn => staffUsers.id),
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
		debtorId: integer('debtor_id')
			.notNull()
			.references(() => debtors.id),
		claimId: integer('claim_id').references(() => claims.id),
		channel: text('channel', { enum: channels }).notNull(),
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

// ---------------------------------------------------------------------------------------------
// Access and people

export const accessLinks = sqliteTable(
	'access_links',
	{
		id: id(),
		debtorId: integer('debtor_id')
			.notNull()
			.references(() => debtors.id),
		/** hex SHA-256 of the token; the token itself is never stored */
		tokenHash: text('token_hash').notNull().unique(),
		question: text('question', { enum: identityChecks }).notNull(),
		expiresAt: integer('expires_at').notNull(),
		failedAttempts: integer('failed_attempts').notNull().default(0),
		lockedUntil: integer('locked_until'),
		lastUsedAt: integer('last_used_at'),
		revokedAt: integer('revoked_at'),
		createdAt: createdAt()
	},
	(t) => [index('access_links_debtor_idx').on(t.debtorId)]
);

/** Sliding counters for throttling by key ('ip:1.2.3.4:link', 'login:email-hash', ...). */
export const throttles = sqliteTable('throttles', {
	key: text('key').primaryKey(),
	count: integer('count').notNull(),
	windowStart: integer('window_start').notNull(),
	lockedUntil: integer('locked_until')
});

export const staffUsers = sqliteTable(
	'staff_users',
	{
		id: id(),
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		role: text('role', { enum: staffRoles }).notNull(),
		/** creditor users belong to exactly one creditor; null for admins and operators */
		creditorId: integer('creditor_id').references(() => creditors.id),
		passwordHash: text('password_hash').notNull(),
		totpKey: blob('totp_key', { mode: 'buffer' }),
		disabledAt: integer('disabled_at'),
		passwordChangedAt: integer('password_changed_at'),
		createdAt: createdAt()
	},
	(t) => [index('staff_users_creditor_idx').on(t.creditorId)]
);

/**
 * Sessions after Lucia's guide: the id is public, only a SHA-256 of the secret is stored. A debtor's
 * sessions are deleted by triggers (migration 0006) when the debtor is anonymised or deleted, so
 * a debtor session that exists belongs to a live debtor.
 */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		kind: text('kind', { enum: ['staff', 'debtor'] }).notNull(),
		userId: integer('user_id').references(() => staffUsers.id),
		debtorId: integer('debtor_id').references(() => debtors.id),
		/** staff with TOTP: false until the second factor is given */
		twoFactorVerified: integer('two_factor_verified', { mode: 'boolean' }).notNull().default(false),
		createdAt: createdAt(),
		lastSeenAt: integer('last_seen_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_debtor_idx').on(t.debtorId)]
);

/**
 * Append-only and hash-chained: hash = sha256(prev_hash | canonical row). `npm run audit:verify`
 * walks the chain. No personal data beyond ids goes into before/after.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: id(),
		at: integer('at').notNull(),
		actorKind: text('actor_kind', {
			enum: ['admin', 'operator', 'creditor', 'debtor', 'system', 'anonymous']
		}).notNull(),
		actorId: integer('actor_id'),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		beforeJson: text('before_json'),
		afterJson: text('after_json'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [
		index('audit_entity_idx').on(t.entity, t.entityId),
		index('audit_actor_idx').on(t.actorKind, t.actorId),
		index('audit_action_idx').on(t.action, t.at)
	]
);

/** Single-row bookkeeping for jobs (e.g. the last day the daily job ran). */
export const jobRuns = sqliteTable(
	'job_runs',
	{
		job: text('job').notNull(),
		day: text('day').notNull(),
		startedAt: integer('started_at').notNull(),
		finishedAt: integer('finished_at')
	},
	(t) => [primaryKey({ columns: [t.job, t.day] })]
);

// ---------------------------------------------------------------------------------------------
// Creditor reports (issue 6): rollups kept current by triggers in the same transaction as every
// change to claims, stage events, ledger, plans, installments, contacts and payments (see the
// `report_rollup_triggers` migration), so the dashboard reads hundreds of rows, not a million.
// Key: creditor, portfolio, placement month of the claim ('YYYY-MM') — the dashboard filters.

/** Claims by status: count, placed, collected and current balance (headline figures). */
export const reportClaims = sqliteTable(
	'report_claims',
	{
		creditorId: integer('creditor_id').notNull(),
		portfolioId: integer('portfolio_id').notNull(),
		placedMonth: text('placed_month').notNull(),
		currency: text('currency', { enum: currencies }).notNull(),
		status: text('status', { enum: claimStatuses }).notNull(),
		claims: integer('claims').notNull().default(0),
		placedMinor: integer('placed_minor').notNull().default(0),
		collectedMinor: integer('collected_minor').notNull().default(0),
		balanceMinor: integer('balance_minor').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.creditorId, t.portfolioId, t.placedMonth, t.currency, t.status] })
	]
);

/** Open balance (claims open, in a plan or disputed) by original due date, for aging buckets. */
export const reportAging = sqliteTable(
	'report_aging',
	{
		creditorId: integer('creditor_id').notNull(),
		portfolioId: integer('portfolio_id').notNull(),
		placedMonth: text('placed_month').notNull(),
		currency: text('currency', { enum: currencies }).notNull(),
		dueDate: text('due_date').notNull(),
		claims: integer('claims').notNull().default(0),
		openMinor: integer('open_minor').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.creditorId, t.portfolioId, t.placedMonth, t.currency, t.dueDate] })
	]
);

/** Collected (payments less refunds) by the ledger entry's month. */
export const reportCollected = sqliteTable(
	'report_collected',
	{
		creditorId: integer('creditor_id').notNull(),
		portfolioId: integer('portfolio_id').notNull(),
		placedMonth: text('placed_month').notNull(),
		currency: text('currency', { enum: currencies }).notNull(),
		month: text('month').notNull(),
		collectedMinor: integer('collected_minor').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.creditorId, t.portfolioId, t.placedMonth, t.currency, t.month] })
	]
);

/** Stage visits by how they ended ('open' while the stage is current). */
export const reportStageOutcomes = sqliteTable(
	'report_stage_outcomes',
	{
		creditorId: integer('creditor_id').notNull(),
		portfolioId: integer('portfolio_id').notNull(),
		placedMonth: text('placed_month').notNull(),
		stage: text('stage', { enum: stages }).notNull(),
		outcome: text('outcome').notNull(),
		events: integer('events').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.creditorId, t.portfolioId, t.placedMonth, t.stage, t.outcome] })]
);

export const reportPlans = sqliteTable(
	'report_plans',
	{
		creditorId: integer('creditor_id').notNull(),
		portfolioId: integer('portfolio_id').notNull(),
		placedMonth: text('placed_month').notNull(),
		status: text('status').notNull(),
		plans: integer('plans').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.creditorId, t.portfolioId, t.placedMonth, t.status] })]
);

/** Installments by status and paid_on_time (-1 while unknown). */
export const reportInstallments = sqliteTable(
	'report_installments',
	{
		creditorId: integer('creditor_id').notNull(),
		portfolioId: integer('portfolio_id').notNull(),
		placedMonth: text('placed_month').notNull(),
		status: text('status').notNull(),
		onTime: integer('on_time').notNull(),
		installments: integer('installments').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.creditorId, t.portfolioId, t.placedMonth, t.status, t.onTime] })]
);

/** Contacts (not blocked) per channel, and how many were followed by a payment within 14 days. */
export const reportContacts = sqliteTable(
	'report_contacts',
	{
		creditorId: integer('creditor_id').notNull(),
		portfolioId: integer('portfolio_id').notNull(),
		placedMonth: text('placed_month').notNull(),
		channel: text('channel', { enum: channels }).notNull(),
		contacts: integer('contacts').notNull().default(0),
		followed: integer('followed').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.creditorId, t.portfolioId, t.placedMonth, t.channel] })]
);

/** Contacts already counted as followed by a payment (so a second payment does not count them twice). */
export const reportContactFollowed = sqliteTable('report_contact_followed', {
	contactId: integer('contact_id').primaryKey()
});

/** A CSV placement: uploaded, validated in the background (progress polled), then placed or not. */
export const placementJobs = sqliteTable(
	'placement_jobs',
	{
		id: id(),
		creditorId: integer('creditor_id')
			.notNull()
			.references(() => creditors.id),
		userId: integer('user_id'),
		fileName: text('file_name').notNull(),
		portfolioName: text('portfolio_name').notNull(),
		content: blob('content', { mode: 'buffer' }).notNull(),
		/** validating -> ready | failed (file-level problem) -> placed | cancelled */
		status: text('status', {
			enum: ['validating', 'ready', 'failed', 'placed', 'cancelled']
		}).notNull(),
		totalRows: integer('total_rows').notNull().default(0),
		processedRows: integer('processed_rows').notNull().default(0),
		goodRows: integer('good_rows').notNull().default(0),
		badRows: integer('bad_rows').notNull().default(0),
		/** JSON [{line, field, key, params}] for the preview */
		errorsJson: text('errors_json').notNull().default('[]'),
		/** i18n key of a file-level problem (encoding, delimiter, missing columns) */
		fileErrorKey: text('file_error_key'),
		fileErrorParams: text('file_error_params'),
		portfolioId: integer('portfolio_id').references(() => portfolios.id),
		createdAt: createdAt(),
		finishedAt: integer('finished_at')
	},
	(t) => [index('placement_jobs_creditor_idx').on(t.creditorId, t.id)]
);
