/** Creditors and what they placed */
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt, ref } from './columns';
import { IDENTITY_QUESTIONS } from '../../../domain/actor';
import { STAGES } from '../../../domain/stages';

export const creditors = sqliteTable('creditors', {
	id: id(),
	name: text('name').notNull(),
	shortName: text('short_name').notNull(),
	sector: text('sector', { enum: ['bank', 'utility', 'telecom', 'other'] }).notNull(),
	taxNumber: text('tax_number').notNull(),
	/** What a debtor of this creditor answers before seeing anything (persons; companies always give a tax number). */
	identityCheck: text('identity_check', { enum: IDENTITY_QUESTIONS })
		.notNull()
		.default('birth_date'),
	/** Whether the contract lets payments be allocated otherwise than Civil Code 6:46 (C6). */
	allocationOrder: text('allocation_order').notNull().default('cost,fee,interest,principal'),
	/** Months personal data of closed cases is kept before anonymisation (C13). */
	retentionMonths: integer('retention_months').notNull().default(60),
	/** The creditor's administrator requires a second factor of all its users (issue 20). */
	requireTotp: integer('require_totp', { mode: 'boolean' }).notNull().default(false),
	/** Whether the contract lets stage fees be charged to debtors (issue 16: a stage's fee needs it). */
	feesAllowed: integer('fees_allowed', { mode: 'boolean' }).notNull().default(false),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	createdAt: createdAt()
});

/** The creditor a row belongs to (required). */
export const creditorRef = () => ref('creditor_id', () => creditors.id);

export const portfolios = sqliteTable(
	'portfolios',
	{
		id: id(),
		creditorId: creditorRef(),
		name: text('name').notNull(),
		placedDate: text('placed_date').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('portfolios_creditor_idx').on(t.creditorId, t.placedDate)]
);

/** A creditor's contact strategy: when each stage starts and which channels it uses, plus C1/C2 limits. */
export const strategies = sqliteTable('strategies', {
	id: id(),
	creditorId: creditorRef().unique(),
	/** JSON: { friendly_reminder: {afterDays, channels[]}, firm_reminder: ..., formal_notice: ..., legal: {afterDays} } */
	stagesJson: text('stages_json').notNull(),
	/** JSON: contact window and frequency caps (C1, C2); defaults in lib/domain/contact.ts */
	contactLimitsJson: text('contact_limits_json').notNull(),
	updatedAt: integer('updated_at').notNull()
});

/**
 * The scope of a creditor's settings (rules, strategy versions, experiments): the creditor, and
 * one of its portfolios or none (the creditor-wide row).
 */
export const settingsScope = () => ({
	creditorId: creditorRef(),
	portfolioId: integer('portfolio_id').references(() => portfolios.id)
});

/**
 * Installment and portal rules. One row per creditor (portfolio_id null) plus optional overrides
 * per portfolio. Plans copy the rules they were agreed under, so a change never alters them.
 */
export const installmentRules = sqliteTable(
	'installment_rules',
	{
		id: id(),
		...settingsScope(),
		/** JSON validated by lib/domain/rules.ts */
		rulesJson: text('rules_json').notNull(),
		version: integer('version').notNull().default(1),
		updatedAt: integer('updated_at').notNull(),
		updatedBy: integer('updated_by')
	},
	(t) => [uniqueIndex('installment_rules_scope_uq').on(t.creditorId, t.portfolioId)]
);

/**
 * The agency's commission by the creditor's contract (issue 20): a rate for the creditor, or one of
 * its portfolios, or one stage, in force from a day. Rows are never changed: a new rate is a new
 * row from a later day, so a statement for a past period is computed with the terms of its time.
 */
export const commissionTerms = sqliteTable(
	'commission_terms',
	{
		id: id(),
		...settingsScope(),
		stage: text('stage', { enum: STAGES }),
		/** basis points: 1500 = 15 % */
		rateBp: integer('rate_bp').notNull(),
		validFrom: text('valid_from').notNull(),
		createdBy: integer('created_by'),
		createdAt: createdAt()
	},
	(t) => [index('commission_terms_creditor_idx').on(t.creditorId, t.validFrom)]
);
