/** Debtors and claims */
import { sql } from 'drizzle-orm';
import {
	sqliteTable,
	integer,
	text,
	index,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { id, createdAt, currency, language, counter, ref } from './columns';
import { CLAIM_STATUSES, STAGES } from '../../../domain/stages';
import { COMPONENTS, LEDGER_KINDS } from '../../../domain/ledger';
import { EMAIL_KEY_SQL } from '../../../domain/contact-keys';
import { creditorRef, portfolios } from './creditors';
import { debtorRef, claimRef, claimKey } from './refs';
import { payments, refunds } from './payments';

/** Who a debtor is and where to reach them: the debtor record, and each claim's copy of what its creditor supplied. */
const debtorIdentity = () => ({
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
	phone: text('phone')
});

export const debtors = sqliteTable(
	'debtors',
	{
		id: id(),
		...debtorIdentity(),
		language: language(),
		createdAt: createdAt(),
		/** set by the retention job (C13): personal fields are blanked, the row stays for the ledger */
		anonymizedAt: integer('anonymized_at')
	},
	(t) => [
		index('debtors_name_idx').on(t.name),
		index('debtors_tax_number_idx').on(t.taxNumber),
		// records sharing an address share its stops and bounces (dispatcher-claim.ts); the phone's
		// key (PHONE_KEY_SQL) is indexed as debtors_phone_key_idx by migration 0036 itself: its
		// commas are more than drizzle-kit can write into an index
		index('debtors_email_key_idx').on(sql.raw(EMAIL_KEY_SQL()))
	]
);

export const claims = sqliteTable(
	'claims',
	{
		id: id(),
		creditorId: creditorRef(),
		portfolioId: ref('portfolio_id', () => portfolios.id),
		debtorId: debtorRef(),
		reference: text('reference').notNull(),
		description: text('description').notNull().default(''),
		currency: currency(),
		placedDate: text('placed_date').notNull(),
		/** original due date of the debt; days past due count from here */
		dueDate: text('due_date').notNull(),
		stage: text('stage', { enum: STAGES }).notNull().default('new'),
		stageChangedAt: integer('stage_changed_at').notNull(),
		status: text('status', { enum: CLAIM_STATUSES }).notNull().default('open'),
		/** balance at placement (reports: "placed amount") */
		placedMinor: integer('placed_minor').notNull(),
		/**
		 * Cached sum of the ledger, kept in the same transaction as every ledger post so that lists
		 * and reports need not sum a million ledgers. The ledger stays the source of truth.
		 */
		balanceMinor: integer('balance_minor').notNull(),
		/** payments less refunds, cached the same way */
		collectedMinor: counter('collected_minor'),
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

/**
 * What the creditor supplied about the debtor with this claim, as it supplied it (issue 15 item 2).
 * A placed row whose identity matches a known debtor joins that debtor record (one person, one
 * sign-in, all their claims), but the record's data may come from another creditor: creditor
 * pages, exports and search read only this row, never `debtors`, so a creditor sees the data it
 * supplied and cannot tell that the person is known to the agency. Triggers (migration
 * claim_debtors_backfill) start each new claim's row from the debtor record and blank it when the
 * debtor is anonymised; a placement writes what the creditor supplied over it.
 */
export const claimDebtors = sqliteTable(
	'claim_debtors',
	{
		claimId: claimKey(),
		creditorId: creditorRef(),
		...debtorIdentity()
	},
	// the creditor's search by debtor name (prefix ranges)
	(t) => [index('claim_debtors_creditor_name_idx').on(t.creditorId, t.name)]
);

/** Every stage a claim entered, so reports can tell what each stage ended in. */
export const claimStageEvents = sqliteTable(
	'claim_stage_events',
	{
		id: id(),
		claimId: claimRef(),
		stage: text('stage', { enum: STAGES }).notNull(),
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
		claimId: claimRef(),
		component: text('component', { enum: COMPONENTS }).notNull(),
		kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
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
		index('ledger_payment_idx').on(t.paymentId),
		// the remittance statement reads a period's money lines (payments, refunds, reversals)
		index('ledger_money_date_idx')
			.on(t.effectiveDate, t.claimId)
			.where(sql`payment_id IS NOT NULL`),
		// the creditor report's discounts given (settlement offers): only those few rows
		index('ledger_settlement_idx')
			.on(t.claimId)
			.where(sql`kind = 'settlement_discount'`)
	]
);
