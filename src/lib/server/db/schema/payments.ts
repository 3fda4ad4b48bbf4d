/** Payments */
import { sql } from 'drizzle-orm';
import {
	sqliteTable,
	integer,
	text,
	index,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { id, createdAt, currency, counter, ref } from './columns';
import { byStaff, claimOfDebtor, claimRef } from './refs';
import { plans } from './plans';

export const payments = sqliteTable(
	'payments',
	{
		id: id(),
		...claimOfDebtor(),
		planId: integer('plan_id').references((): AnySQLiteColumn => plans.id),
		amountMinor: integer('amount_minor').notNull(),
		currency: currency(),
		purpose: text('purpose', {
			enum: ['full', 'partial', 'installment', 'down_payment', 'manual', 'settlement']
		}).notNull(),
		gateway: text('gateway', { enum: ['stripe', 'demo', 'bank_transfer', 'direct'] }).notNull(),
		/** pending -> succeeded | failed | expired; flagged when the provider's amount/currency disagreed */
		status: text('status', { enum: ['pending', 'succeeded', 'failed', 'expired', 'flagged'] })
			.notNull()
			.default('pending'),
		providerRef: text('provider_ref'),
		providerPaymentRef: text('provider_payment_ref'),
		refundedMinor: counter('refunded_minor'),
		/** how much of it settled plan installments (a refund gives back at most this much from the plan) */
		planAppliedMinor: counter('plan_applied_minor'),
		flagReason: text('flag_reason'),
		receiptNumber: text('receipt_number'),
		createdAt: createdAt(),
		completedAt: integer('completed_at'),
		/**
		 * The day the money arrived when that was before the day it was posted (a bank transfer's
		 * booking day; the statement comes a day or two later); null: the day of `completed_at`.
		 * A promise or an instalment is met by the day the money arrived.
		 */
		arrivedOn: text('arrived_on')
	},
	(t) => [
		index('payments_claim_idx').on(t.claimId, t.createdAt),
		index('payments_status_idx').on(t.status, t.createdAt),
		uniqueIndex('payments_provider_ref_uq').on(t.gateway, t.providerRef),
		index('payments_completed_idx').on(t.completedAt),
		// the creditor's count of claims paid to them directly reads only these rows
		index('payments_direct_idx')
			.on(t.claimId)
			.where(sql`gateway = 'direct'`)
	]
);

/** Every provider event we processed; the unique event id makes a repeated delivery a no-op. */
export const webhookEvents = sqliteTable(
	'webhook_events',
	{
		id: id(),
		provider: text('provider', { enum: ['stripe', 'demo', 'direct'] }).notNull(),
		eventId: text('event_id').notNull().unique(),
		type: text('type').notNull(),
		paymentId: integer('payment_id').references(() => payments.id),
		outcome: text('outcome').notNull(),
		receivedAt: integer('received_at').notNull()
	},
	// a pending payment's answers so far (is its money in flight? see services/payments pendingOf)
	(t) => [index('webhook_events_payment_idx').on(t.paymentId)]
);

export const refunds = sqliteTable(
	'refunds',
	{
		id: id(),
		paymentId: ref('payment_id', () => payments.id),
		amountMinor: integer('amount_minor').notNull(),
		reason: text('reason').notNull(),
		status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
		/** how much of it came off plan installments (given back to them if the refund fails) */
		planUnappliedMinor: counter('plan_unapplied_minor'),
		providerRef: text('provider_ref'),
		createdBy: byStaff('created_by'),
		createdAt: createdAt()
	},
	(t) => [index('refunds_payment_idx').on(t.paymentId)]
);

/** C11: an overpayment becomes a task for operators, due within 5 days. */
export const refundTasks = sqliteTable(
	'refund_tasks',
	{
		id: id(),
		claimId: claimRef(),
		paymentId: ref('payment_id', () => payments.id),
		amountMinor: integer('amount_minor').notNull(),
		currency: currency(),
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
	claimId: claimRef().unique(),
	number: text('number').notNull().unique(),
	issuedAt: integer('issued_at').notNull()
});

/**
 * A card payment the cardholder disputed with their bank (a chargeback; Stripe's `charge.dispute.*`
 * events). Open while the bank decides: operators answer it with evidence in the provider's
 * dashboard by `evidence_due_by`. Lost: the bank took the money back, booked as a refund
 * (`refund_id`, reason `chargeback`), so the debt is owed again. Won: nothing moved.
 */
export const cardDisputes = sqliteTable(
	'card_disputes',
	{
		id: id(),
		paymentId: ref('payment_id', () => payments.id),
		/** the provider's dispute id (du_…) */
		providerRef: text('provider_ref').notNull().unique(),
		amountMinor: integer('amount_minor').notNull(),
		currency: currency(),
		status: text('status', { enum: ['open', 'won', 'lost'] })
			.notNull()
			.default('open'),
		/** the bank's reason code as the provider reports it (fraudulent, duplicate, …) */
		reason: text('reason'),
		evidenceDueBy: integer('evidence_due_by'),
		refundId: integer('refund_id').references(() => refunds.id),
		createdAt: createdAt(),
		closedAt: integer('closed_at')
	},
	(t) => [index('card_disputes_status_idx').on(t.status, t.evidenceDueBy)]
);
