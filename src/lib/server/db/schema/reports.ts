/**
 * Creditor reports (issue 6): rollups kept current by triggers in the same transaction as every
 * change to claims, stage events, ledger, plans, installments, contacts and payments (see the
 * `report_rollup_triggers` migration), so the dashboard reads hundreds of rows, not a million.
 * Key: creditor, portfolio, placement month of the claim ('YYYY-MM') — the dashboard filters.
 */
import {
	sqliteTable,
	integer,
	text,
	blob,
	index,
	primaryKey,
	type SQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { id, createdAt, currency, counter, keyRef } from './columns';
import { CHANNELS, CLAIM_STATUSES, STAGES } from '../../../domain/stages';
import { creditorRef, portfolios } from './creditors';

/** The dashboard's filters, which lead every rollup's key (no foreign keys: triggers write these). */
const rollupKey = () => ({
	creditorId: integer('creditor_id').notNull(),
	portfolioId: integer('portfolio_id').notNull(),
	placedMonth: text('placed_month').notNull()
});
type RollupKey = { [K in keyof ReturnType<typeof rollupKey>]: SQLiteColumn };
/** A rollup's primary key: the filters, then what the rollup counts by. */
const rollupPk = (t: RollupKey, ...by: SQLiteColumn[]) =>
	primaryKey({ columns: [t.creditorId, t.portfolioId, t.placedMonth, ...by] });

/** Claims by status: count, placed, collected and current balance (headline figures). */
export const reportClaims = sqliteTable(
	'report_claims',
	{
		...rollupKey(),
		currency: currency(),
		status: text('status', { enum: CLAIM_STATUSES }).notNull(),
		claims: counter('claims'),
		placedMinor: counter('placed_minor'),
		collectedMinor: counter('collected_minor'),
		balanceMinor: counter('balance_minor')
	},
	(t) => [rollupPk(t, t.currency, t.status)]
);

/** Open balance (claims open, in a plan or disputed) by original due date, for aging buckets. */
export const reportAging = sqliteTable(
	'report_aging',
	{
		...rollupKey(),
		currency: currency(),
		dueDate: text('due_date').notNull(),
		claims: counter('claims'),
		openMinor: counter('open_minor')
	},
	(t) => [rollupPk(t, t.currency, t.dueDate)]
);

/** Collected (payments less refunds) by the ledger entry's month. */
export const reportCollected = sqliteTable(
	'report_collected',
	{
		...rollupKey(),
		currency: currency(),
		month: text('month').notNull(),
		collectedMinor: counter('collected_minor')
	},
	(t) => [rollupPk(t, t.currency, t.month)]
);

/** Stage visits by how they ended ('open' while the stage is current). */
export const reportStageOutcomes = sqliteTable(
	'report_stage_outcomes',
	{
		...rollupKey(),
		stage: text('stage', { enum: STAGES }).notNull(),
		outcome: text('outcome').notNull(),
		events: counter('events')
	},
	(t) => [rollupPk(t, t.stage, t.outcome)]
);

export const reportPlans = sqliteTable(
	'report_plans',
	{
		...rollupKey(),
		status: text('status').notNull(),
		plans: counter('plans')
	},
	(t) => [rollupPk(t, t.status)]
);

/** Installments by status and paid_on_time (-1 while unknown). */
export const reportInstallments = sqliteTable(
	'report_installments',
	{
		...rollupKey(),
		status: text('status').notNull(),
		onTime: integer('on_time').notNull(),
		installments: counter('installments')
	},
	(t) => [rollupPk(t, t.status, t.onTime)]
);

/** Contacts (not blocked) per channel, and how many were followed by a payment within 14 days. */
export const reportContacts = sqliteTable(
	'report_contacts',
	{
		...rollupKey(),
		channel: text('channel', { enum: CHANNELS }).notNull(),
		contacts: counter('contacts'),
		followed: counter('followed')
	},
	(t) => [rollupPk(t, t.channel)]
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
		creditorId: creditorRef(),
		userId: integer('user_id'),
		fileName: text('file_name').notNull(),
		portfolioName: text('portfolio_name').notNull(),
		/**
		 * validating -> ready | failed (file-level problem) -> placing -> placed (or failed when
		 * nothing was left to place) | cancelled
		 */
		status: text('status', {
			enum: ['validating', 'ready', 'failed', 'placing', 'placed', 'cancelled']
		}).notNull(),
		totalRows: counter('total_rows'),
		processedRows: counter('processed_rows'),
		goodRows: counter('good_rows'),
		badRows: counter('bad_rows'),
		/** JSON [{line, field, key, params}] for the preview */
		errorsJson: text('errors_json').notNull().default('[]'),
		/** i18n key of a file-level problem (encoding, delimiter, missing columns) */
		fileErrorKey: text('file_error_key'),
		fileErrorParams: text('file_error_params'),
		portfolioId: integer('portfolio_id').references(() => portfolios.id),
		/**
		 * Placing progress, written in the same transaction as each chunk of rows: every good row
		 * up to this file line is placed (or was skipped), so a restart resumes after it.
		 */
		placedLine: counter('placed_line'),
		placedRows: counter('placed_rows'),
		/** good rows whose reference the creditor had meanwhile placed otherwise: skipped */
		existingRows: counter('existing_rows'),
		debtorsCreated: counter('debtors_created'),
		debtorsMatched: counter('debtors_matched'),
		createdAt: createdAt(),
		finishedAt: integer('finished_at')
	},
	(t) => [index('placement_jobs_creditor_idx').on(t.creditorId, t.id)]
);

/**
 * The uploaded file of a placement job, apart from the job row: SQLite rewrites a whole row on
 * every update, so progress updates of the job would copy a 50 MB file each time.
 */
export const placementFiles = sqliteTable('placement_files', {
	jobId: keyRef('job_id', () => placementJobs.id),
	content: blob('content', { mode: 'buffer' }).notNull()
});
