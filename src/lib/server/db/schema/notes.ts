/** The operators' notes on a debtor's case (issue 18 item 2): on the debtor, or on one claim. */
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt, ref } from './columns';
import { claims } from './claims';
import { debtorRef } from './refs';
import { staffUsers } from './access';

/** Never changed or deleted (C12): a correction is another note. */
export const caseNotes = sqliteTable(
	'case_notes',
	{
		id: id(),
		debtorId: debtorRef(),
		/** the claim the note is about; null for the debtor as a whole */
		claimId: integer('claim_id').references(() => claims.id),
		body: text('body').notNull(),
		createdBy: ref('created_by', () => staffUsers.id),
		createdAt: createdAt()
	},
	(t) => [index('case_notes_debtor_idx').on(t.debtorId, t.createdAt)]
);
