/**
 * Bank transfers to the collection account (issue 19 item 5). An operator uploads the bank's
 * statement (camt.053 XML or the CSV form) at /ops/bank; the jobs worker reads it and handles its
 * entries in chunks of short transactions (`runBankImport`), resumable after a kill. Each credit
 * whose remittance text names one claim's reference unambiguously (case, spaces and `-./_` aside;
 * bank-match.ts: never a claim whose reference another creditor's contains, or is contained in) in the
 * claim's currency is posted through the same path as a card payment (reconcile.ts `settle`: 6:46
 * allocation, plan and promises, overpayment refund task, receipt, certificate at zero). The
 * bank's entry reference is unique (bank_entries.entry_ref, and the payment's provider_ref), so a
 * statement imported twice posts nothing twice; an entry the bank first reported pending is handled
 * once a later statement books it. What does not match waits for an operator, who
 * matches it to a claim by hand (`matchEntry`) or marks it "not ours" with a reason. A reversal
 * (the bank returning a transfer) is never a payment: one that takes back a transfer posted to a
 * claim waits there too, with that claim and payment, for the operator to put the payment right
 * (it is not reversed on the ledger by itself) and then set the entry aside.
 */
import { eq, sql } from 'drizzle-orm';
import { actorId, systemActor, type Actor } from '$lib/domain/actor';
import { parseStatement, sniffFormat, type StatementEntry } from '$lib/domain/bank-statement';
import { decodeUtf8, detectDelimiter, firstLine } from '$lib/domain/csv';
import { BANK_CSV_COLUMNS } from '$lib/domain/bank-statement';
import type { DB } from '../db/client';
import { bankEntries, bankImports } from '../db/schema';
import { clock } from '../clock';
import { logEvent } from '../log';
import { assertAgencyStaff } from './actor';
import { audit, insertAudited } from './audit';
import { ValidationError } from './errors';
import { writeTx } from './tx';
import { isSettledClaim, postToClaim } from './bank-posting';
import { findClaim, keyLengths, returnedPayment, widerFor, type Wider } from './bank-match';

export { markNotOurs, matchEntry, MAX_NOT_OURS_REASON } from './bank-posting';
export {
	bankEntry,
	bankImport,
	ENTRIES_SHOWN,
	matchCandidates,
	recentBankImports,
	unmatchedEntries,
	type BankEntryView,
	type BankImportView,
	type MatchCandidate
} from './bank-views';

/**
 * Entries per transaction. Posting one is a card payment's work (about 7 ms on a loaded 2-core
 * machine: allocation, plan, promises, the engine's re-evaluation), so a chunk holds the write
 * lock for a fraction of a second and webhooks and pages are answered between chunks.
 */
export const BANK_CHUNK = 25;
/** The largest statement accepted (bytes). */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

/** bank_entries.reason: these lists are the whole of it (the schema's comment predates some) */
export type UnmatchedReason =
	| 'no_reference'
	| 'unknown_reference'
	| 'ambiguous_reference'
	| 'wrong_currency'
	| 'claim_closed'
	| 'nothing_owed'
	/** a reversal taking back a transfer posted to the claim (bank-match.ts `returnedPayment`) */
	| 'returned';
export type SkippedReason = 'debit' | 'not_booked' | 'zero_amount' | 'reversal';

/**
 * Stores an uploaded statement for the worker. Only what can be told at once is checked here
 * (encoding, XML with a DOCTYPE or not a camt.053, a CSV without the columns); the worker reads
 * the entries and says on the import's page what it found.
 */
export function uploadStatement(
	db: DB,
	actor: Actor,
	input: { fileName: string; bytes: Uint8Array }
): number {
	assertAgencyStaff(actor);
	const refuse = (key: string, params?: Record<string, number>): never => {
		throw new ValidationError({ file: { key, params } });
	};
	if (input.bytes.length === 0) refuse('bank.err.noFile');
	if (input.bytes.length > MAX_STATEMENT_BYTES)
		refuse('bank.err.tooLarge', { mb: MAX_STATEMENT_BYTES / 1024 / 1024 });
	const decoded = decodeUtf8(input.bytes);
	if (!decoded.ok) return refuse('bank.err.encoding');
	const text = decoded.text;
	const format = sniffFormat(text);
	if (format === 'camt053') {
		if (/<!DOCTYPE|<!ENTITY/i.test(text)) refuse('bank.err.xmlDoctype');
		if (!text.includes('BkToCstmrStmt')) refuse('bank.err.notCamt');
	} else {
		const header = firstLine(text);
		if (header.trim() === '') refuse('bank.err.empty');
		if (!detectDelimiter(header, BANK_CSV_COLUMNS).ok) refuse('bank.err.csvHeader');
	}
	return writeTx(db, () => {
		const now = clock().now();
		const row = insertAudited(db, actor, bankImports, {
			values: {
				fileName: input.fileName.slice(0, 200),
				format,
				content: text,
				uploadedBy: actorId(actor)!,
				createdAt: now
			},
			audit: {
				action: 'bank_import.upload',
				entity: 'bank_import',
				after: { fileName: input.fileName.slice(0, 200), format, bytes: input.bytes.length }
			}
		});
		return row.id;
	});
}

/** Imports the worker has still to read or finish (a kill leaves one 'processing'). */
export function unfinishedBankImports(db: DB): number[] {
	return db
		.select({ id: bankImports.id })
		.from(bankImports)
		.where(sql`${bankImports.status} IN ('queued', 'processing')`)
		.orderBy(bankImports.id)
		.all()
		.map((r) => r.id);
}

export interface ImportOptions {
	chunkEntries?: number;
	/** called after each committed chunk (tests stop here) */
	afterChunk?: (chunk: number) => void;
}

/**
 * The worker's part: reads the statement and handles its entries from where it stopped, in
 * chunks of short transactions, each saving how far it got. A statement that cannot be read is
 * marked failed with the reason (shown on its page).
 */
export function runBankImport(db: DB, importId: number, opts: ImportOptions = {}): void {
	const actor = systemActor('bank-import');
	const imp = db.select().from(bankImports).where(eq(bankImports.id, importId)).get();
	if (!imp || imp.status === 'done' || imp.status === 'failed') return;
	/** Ends the import as done or failed, audited with what `after` says (read in the same transaction). */
	const finish = (
		set: { status: 'done' | 'failed'; errorKey?: string; errorAt?: number | null },
		after: () => Record<string, unknown>
	) =>
		writeTx(db, () => {
			const found = after();
			db.update(bankImports)
				.set({ ...set, finishedAt: clock().now() })
				.where(eq(bankImports.id, importId))
				.run();
			audit(db, actor, {
				action: `bank_import.${set.status}`,
				entity: 'bank_import',
				entityId: importId,
				after: found
			});
		});
	const parsed = parseStatement(imp.content);
	if (!parsed.ok) {
		const at = parsed.at ?? null;
		finish({ status: 'failed', errorKey: parsed.key, errorAt: at }, () => ({
			key: parsed.key,
			at
		}));
		return;
	}
	const entries = parsed.entries;
	if (imp.status === 'queued')
		writeTx(db, () => {
			db.update(bankImports)
				.set({ status: 'processing', totalEntries: entries.length, account: parsed.account })
				.where(eq(bankImports.id, importId))
				.run();
		});
	const lengths = keyLengths(db);
	const wider = widerFor(
		db,
		entries.slice(imp.processed).map((e) => e.remittance),
		lengths
	);
	const size = opts.chunkEntries ?? BANK_CHUNK;
	let chunk = 0;
	for (let i = imp.processed; i < entries.length; i += size) {
		writeTx(db, () => {
			const counts = { posted: 0, unmatched: 0, skipped: 0, duplicates: 0 };
			for (const e of entries.slice(i, i + size)) {
				const r = processEntry(db, actor, importId, e, lengths, wider);
				if (r === 'duplicate') counts.duplicates++;
				else counts[r]++;
			}
			db.$client
				.prepare(
					`UPDATE bank_imports SET processed = ?, posted = posted + ?, unmatched = unmatched + ?,
					   skipped = skipped + ?, duplicates = duplicates + ? WHERE id = ?`
				)
				.run(
					Math.min(i + size, entries.length),
					counts.posted,
					counts.unmatched,
					counts.skipped,
					counts.duplicates,
					importId
				);
		});
		opts.afterChunk?.(++chunk);
	}
	finish({ status: 'done' }, () => {
		const done = db.select().from(bankImports).where(eq(bankImports.id, importId)).get()!;
		return {
			entries: done.totalEntries,
			posted: done.posted,
			unmatched: done.unmatched,
			skipped: done.skipped,
			duplicates: done.duplicates
		};
	});
	logEvent('info', 'bank_import', { importId, entries: entries.length });
}

/** One entry, in the chunk's transaction. */
function processEntry(
	db: DB,
	actor: Actor,
	importId: number,
	e: StatementEntry,
	lengths: number[],
	wider: Wider
): 'posted' | 'unmatched' | 'skipped' | 'duplicate' {
	const seen = db
		.select({ id: bankEntries.id, reason: bankEntries.reason })
		.from(bankEntries)
		.where(eq(bankEntries.entryRef, e.ref))
		.get();
	// an entry the bank reported pending was no money then: booked on a later statement, it is
	// handled now, on its row (which then is no longer 'not_booked', so never twice)
	if (seen && !(e.booked && seen.reason === 'not_booked')) return 'duplicate';
	const now = clock().now();
	const insert = (
		status: 'posted' | 'unmatched' | 'skipped',
		reason: UnmatchedReason | SkippedReason | null,
		claimId: number | null = null,
		paymentId: number | null = null
	) => {
		const values = {
			importId,
			direction: e.direction,
			amountMinor: e.amountMinor,
			currency: e.currency,
			bookingDate: e.bookingDate,
			remittance: e.remittance,
			debtorName: e.debtorName,
			status,
			reason,
			claimId,
			paymentId
		};
		if (seen) {
			db.update(bankEntries).set(values).where(eq(bankEntries.id, seen.id)).run();
			return seen.id;
		}
		return db
			.insert(bankEntries)
			.values({ ...values, entryRef: e.ref, createdAt: now })
			.returning({ id: bankEntries.id })
			.get().id;
	};
	if (!e.booked) {
		insert('skipped', 'not_booked');
		return 'skipped';
	}
	// a reversal is never a payment; one that takes back a transfer we posted is an operator's task
	if (e.reversal) {
		const back = returnedPayment(db, e, lengths, wider);
		if (!back) {
			insert('skipped', 'reversal');
			return 'skipped';
		}
		const id = insert('unmatched', 'returned', back.claimId, back.paymentId);
		audit(db, actor, {
			action: 'bank_entry.returned',
			entity: 'bank_entry',
			entityId: id,
			after: { claimId: back.claimId, paymentId: back.paymentId, amountMinor: e.amountMinor }
		});
		return 'unmatched';
	}
	if (e.direction === 'debit') {
		insert('skipped', 'debit');
		return 'skipped';
	}
	// nothing to post: no payment, no receipt
	if (e.amountMinor <= 0) {
		insert('skipped', 'zero_amount');
		return 'skipped';
	}
	const match = findClaim(db, e.remittance, lengths, wider);
	if (match.kind !== 'one') {
		const reason: UnmatchedReason =
			match.kind === 'ambiguous'
				? 'ambiguous_reference'
				: e.remittance.trim() === ''
					? 'no_reference'
					: 'unknown_reference';
		insert('unmatched', reason);
		return 'unmatched';
	}
	const claim = match.claim;
	const refused: UnmatchedReason | null =
		claim.currency !== e.currency
			? 'wrong_currency'
			: claim.status === 'closed'
				? 'claim_closed'
				: isSettledClaim(claim)
					? 'nothing_owed'
					: null;
	if (refused) {
		// the claim it seems to be for is kept, to help the operator
		insert('unmatched', refused, claim.id);
		return 'unmatched';
	}
	const entryId = insert('posted', null, claim.id);
	postToClaim(db, actor, entryId, e, claim, 'reference', now);
	return 'posted';
}
