/** Plans, promises, disputes */
import {
	sqliteTable,
	integer,
	text,
	blob,
	index,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { id, createdAt, currency, counter, ref } from './columns';
import { FREQUENCIES } from '../../../domain/schedule-types';
import { HARDSHIP_REASONS } from '../../../domain/hardship';
import { byStaff, claimOfDebtor } from './refs';

export const plans = sqliteTable(
	'plans',
	{
		id: id(),
		...claimOfDebtor(),
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
		frequency: text('frequency', { enum: FREQUENCIES }).notNull(),
		downPaymentMinor: counter('down_payment_minor'),
		installmentCount: integer('installment_count').notNull(),
		firstDueDate: text('first_due_date').notNull(),
		totalMinor: integer('total_minor').notNull(),
		currency: currency(),
		/** the rules in force when the plan was proposed: later rule changes never touch it */
		rulesJson: text('rules_json').notNull(),
		autoApproved: integer('auto_approved', { mode: 'boolean' }).notNull().default(false),
		budgetIncomeMinor: integer('budget_income_minor'),
		budgetCostsMinor: integer('budget_costs_minor'),
		/** the plan this one counters */
		counterOfId: integer('counter_of_id').references((): AnySQLiteColumn => plans.id),
		decidedBy: byStaff('decided_by'),
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
		planId: ref('plan_id', () => plans.id),
		seq: integer('seq').notNull(),
		dueDate: text('due_date').notNull(),
		amountMinor: integer('amount_minor').notNull(),
		paidMinor: counter('paid_minor'),
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
		...claimOfDebtor(),
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
		...claimOfDebtor(),
		reason: text('reason', {
			enum: ['not_mine', 'already_paid', 'wrong_amount', 'statute_barred', 'other']
		}).notNull(),
		details: text('details').notNull().default(''),
		attachmentId: integer('attachment_id').references(() => attachments.id),
		status: text('status', { enum: ['open', 'upheld', 'corrected', 'rejected', 'withdrawn'] })
			.notNull()
			.default('open'),
		/** C7: operators answer within 30 days */
		answerDueDate: text('answer_due_date').notNull(),
		answer: text('answer'),
		answeredBy: byStaff('answered_by'),
		answeredAt: integer('answered_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('disputes_claim_idx').on(t.claimId),
		index('disputes_status_idx').on(t.status, t.answerDueDate)
	]
);

/**
 * A dispute is a thread (issue 19, bug 3): after the opening (the dispute row) and the operator's
 * first answer (disputes.answer), every further word from either side is a message here, the
 * debtor's with an optional document (checked by content, as the opening's).
 */
export const disputeMessages = sqliteTable(
	'dispute_messages',
	{
		id: id(),
		disputeId: ref('dispute_id', () => disputes.id),
		author: text('author', { enum: ['debtor', 'operator'] }).notNull(),
		staffUserId: byStaff('staff_user_id'),
		body: text('body').notNull().default(''),
		attachmentId: integer('attachment_id').references(() => attachments.id),
		createdAt: createdAt()
	},
	(t) => [index('dispute_messages_dispute_idx').on(t.disputeId, t.id)]
);

/**
 * "I can't pay now" (issue 19, item 9): the category of the reason, the debtor's words where they
 * may be kept (never for illness, C13: `note` stays null), the pause asked for, and the review.
 */
export const hardshipRequests = sqliteTable(
	'hardship_requests',
	{
		id: id(),
		...claimOfDebtor(),
		reason: text('reason', { enum: HARDSHIP_REASONS }).notNull(),
		note: text('note'),
		pauseDays: integer('pause_days').notNull(),
		status: text('status', { enum: ['pending', 'granted', 'declined'] })
			.notNull()
			.default('pending'),
		/** operators answer by this day */
		reviewDueDate: text('review_due_date').notNull(),
		/** granted: the first day the pause no longer holds */
		pauseEndDate: text('pause_end_date'),
		decisionNote: text('decision_note'),
		decidedBy: byStaff('decided_by'),
		decidedAt: integer('decided_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('hardship_claim_idx').on(t.claimId),
		index('hardship_status_idx').on(t.status, t.reviewDueDate)
	]
);
