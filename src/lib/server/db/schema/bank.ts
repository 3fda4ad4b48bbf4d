/** Bank statements of the collection account (issue 19 item 5): imports and their entries. */
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt, counter, ref } from './columns';
import { claims } from './claims';
import { payments } from './payments';
import { staffUsers } from './access';
import { byStaff } from './refs';

/**
 * One uploaded statement. The jobs worker reads it and handles its entries in chunks of short
 * transactions; `processed` (entries done, in file order) is saved with each chunk, so a killed
 * import resumes where it stopped.
 */
export const bankImports = sqliteTable(
	'bank_imports',
	{
		id: id(),
		fileName: text('file_name').notNull(),
		format: text('format', { enum: ['camt053', 'csv'] }).notNull(),
		/** the statement as uploaded (UTF-8 text), kept as the evidence of what was booked */
		content: text('content').notNull(),
		status: text('status', { enum: ['queued', 'processing', 'done', 'failed'] })
			.notNull()
			.default('queued'),
		/** why it failed (an i18n key), and the entry or line it is about */
		errorKey: text('error_key'),
		errorAt: integer('error_at'),
		account: text('account').notNull().default(''),
		totalEntries: counter('total_entries'),
		processed: counter('processed'),
		posted: counter('posted'),
		unmatched: counter('unmatched'),
		skipped: counter('skipped'),
		/** entries whose bank reference was already imported (earlier, or higher up in this file) */
		duplicates: counter('duplicates'),
		uploadedBy: ref('uploaded_by', () => staffUsers.id),
		createdAt: createdAt(),
		finishedAt: integer('finished_at')
	},
	(t) => [index('bank_imports_status_idx').on(t.status, t.id)]
);

/**
 * One entry of a statement, once: the bank's entry reference is unique, so importing a statement
 * twice (or an entry twice in one file) posts nothing twice. Credits are posted to the claim whose
 * reference the remittance text carries, or wait as 'unmatched' for an operator; debits are
 * 'skipped'.
 */
export const bankEntries = sqliteTable(
	'bank_entries',
	{
		id: id(),
		importId: ref('import_id', () => bankImports.id),
		entryRef: text('entry_ref').notNull().unique(),
		direction: text('direction', { enum: ['credit', 'debit'] }).notNull(),
		amountMinor: integer('amount_minor').notNull(),
		/** as the bank wrote it: may be a currency we do not collect in */
		currency: text('currency').notNull(),
		bookingDate: text('booking_date').notNull(),
		remittance: text('remittance').notNull().default(''),
		debtorName: text('debtor_name').notNull().default(''),
		status: text('status', { enum: ['posted', 'unmatched', 'skipped', 'not_ours'] }).notNull(),
		/**
		 * unmatched: no_reference | unknown_reference | ambiguous_reference | wrong_currency |
		 * claim_closed | nothing_owed; skipped: debit | not_booked | reversal
		 */
		reason: text('reason'),
		claimId: integer('claim_id').references(() => claims.id),
		paymentId: integer('payment_id').references(() => payments.id),
		/** how it was matched: by the reference in the text, or by an operator */
		matchedBy: text('matched_by', { enum: ['reference', 'operator'] }),
		/** "not ours": the operator's reason */
		note: text('note'),
		resolvedBy: byStaff('resolved_by'),
		resolvedAt: integer('resolved_at'),
		createdAt: createdAt()
	},
	(t) => [
		index('bank_entries_status_idx').on(t.status, t.id),
		index('bank_entries_import_idx').on(t.importId, t.id)
	]
);
