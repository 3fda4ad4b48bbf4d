/**
 * What the bank pages show (bank.ts tells the story): the imports, their entries, the queue of
 * unmatched credits and the claims an operator may match one to.
 */
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { StatementEntry } from '$lib/domain/bank-statement';
import type { Currency } from '$lib/domain/money';
import type { DB } from '../db/client';
import { bankEntries, bankImports, claims } from '../db/schema';
import { assertAgencyStaff } from './actor';
import { isSettledClaim } from './bank-posting';
import { NotFoundError } from './errors';
import { searchCases } from './search';

const importColumns = {
	id: bankImports.id,
	fileName: bankImports.fileName,
	format: bankImports.format,
	status: bankImports.status,
	errorKey: bankImports.errorKey,
	errorAt: bankImports.errorAt,
	account: bankImports.account,
	totalEntries: bankImports.totalEntries,
	processed: bankImports.processed,
	posted: bankImports.posted,
	unmatched: bankImports.unmatched,
	skipped: bankImports.skipped,
	duplicates: bankImports.duplicates,
	createdAt: bankImports.createdAt,
	finishedAt: bankImports.finishedAt
};

export type BankImportView = {
	[K in keyof typeof importColumns]: (typeof bankImports.$inferSelect)[K];
};

export function recentBankImports(db: DB, actor: Actor, limit = 20): BankImportView[] {
	assertAgencyStaff(actor);
	return db
		.select(importColumns)
		.from(bankImports)
		.orderBy(desc(bankImports.id))
		.limit(limit)
		.all();
}

const entryColumns = {
	id: bankEntries.id,
	importId: bankEntries.importId,
	entryRef: bankEntries.entryRef,
	direction: bankEntries.direction,
	amountMinor: bankEntries.amountMinor,
	currency: bankEntries.currency,
	bookingDate: bankEntries.bookingDate,
	remittance: bankEntries.remittance,
	debtorName: bankEntries.debtorName,
	status: bankEntries.status,
	reason: bankEntries.reason,
	claimId: bankEntries.claimId,
	claimReference: claims.reference,
	paymentId: bankEntries.paymentId,
	matchedBy: bankEntries.matchedBy,
	note: bankEntries.note
};

export type BankEntryView = Pick<
	StatementEntry,
	'direction' | 'amountMinor' | 'currency' | 'bookingDate' | 'remittance' | 'debtorName'
> & {
	id: number;
	importId: number;
	entryRef: string;
	status: 'posted' | 'unmatched' | 'skipped' | 'not_ours';
	reason: string | null;
	claimId: number | null;
	claimReference: string | null;
	paymentId: number | null;
	matchedBy: 'reference' | 'operator' | null;
	note: string | null;
};

/** Entries as the pages show them, with their claim's reference. */
const entryViews = (db: DB) =>
	db.select(entryColumns).from(bankEntries).leftJoin(claims, eq(claims.id, bankEntries.claimId));

/** At most this many entries on an import's page (a statement may have thousands). */
export const ENTRIES_SHOWN = 500;

/** One import and its first entries. */
export function bankImport(
	db: DB,
	actor: Actor,
	importId: number
): { imp: BankImportView; entries: BankEntryView[] } {
	assertAgencyStaff(actor);
	const imp = db.select(importColumns).from(bankImports).where(eq(bankImports.id, importId)).get();
	if (!imp) throw new NotFoundError();
	const entries = entryViews(db)
		.where(eq(bankEntries.importId, importId))
		.orderBy(bankEntries.id)
		.limit(ENTRIES_SHOWN)
		.all();
	return { imp, entries };
}

/** The queue: credits waiting for an operator, oldest first. */
export function unmatchedEntries(db: DB, actor: Actor, limit = 200): BankEntryView[] {
	assertAgencyStaff(actor);
	return entryViews(db)
		.where(eq(bankEntries.status, 'unmatched'))
		.orderBy(bankEntries.id)
		.limit(limit)
		.all();
}

export function bankEntry(db: DB, actor: Actor, entryId: number): BankEntryView {
	assertAgencyStaff(actor);
	const e = entryViews(db).where(eq(bankEntries.id, entryId)).get();
	if (!e) throw new NotFoundError();
	return e;
}

export interface MatchCandidate {
	id: number;
	reference: string;
	creditor: string;
	debtor: string;
	currency: Currency;
	balanceMinor: number;
	status: string;
	/** nothing owed on it (paid, closed, zero): a transfer posted to it all goes back */
	settled: boolean;
}

/**
 * Claims an operator may match a transfer to: the operator search (services/search.ts) by
 * reference, and the claims of the debtors it finds by name, phone, e-mail and the like.
 */
export function matchCandidates(
	db: DB,
	actor: Actor,
	q: string
): { tooShort: boolean; claims: MatchCandidate[] } {
	const found = searchCases(db, actor, q);
	const ids = new Set(found.claims.map((c) => c.id));
	const debtorIds = found.debtors.map((d) => d.id);
	const rows = db.$client
		.prepare(
			`SELECT c.id, c.reference, cr.name AS creditor,
			        CASE WHEN d.anonymized_at IS NULL THEN d.name ELSE '' END AS debtor,
			        c.currency, c.balance_minor AS balanceMinor, c.status
			 FROM claims c JOIN creditors cr ON cr.id = c.creditor_id JOIN debtors d ON d.id = c.debtor_id
			 WHERE c.id IN (SELECT value FROM json_each(?))
			    OR c.debtor_id IN (SELECT value FROM json_each(?))
			 ORDER BY c.reference, c.id LIMIT 100`
		)
		.all(JSON.stringify([...ids]), JSON.stringify(debtorIds)) as Omit<MatchCandidate, 'settled'>[];
	return {
		tooShort: found.tooShort,
		claims: rows.map((c) => ({ ...c, settled: isSettledClaim(c) }))
	};
}
