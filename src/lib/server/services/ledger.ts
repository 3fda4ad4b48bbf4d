/**
 * Posting to the ledger. The only code that inserts ledger rows for a single claim; it keeps the
 * claim's cached balance and collected amount in step in the same transaction. Call it inside a
 * `writeTx`. (The seed generator bulk-inserts with the same arithmetic for speed.)
 */
import { eq, asc } from 'drizzle-orm';
import type { Balances, Component, LedgerKind, LedgerLine } from '$lib/domain/ledger';
import { balancesOf, statementOf } from '$lib/domain/ledger';
import type { DB } from '../db/client';
import { claims, ledgerEntries } from '../db/schema';
import { clock } from '../clock';

export interface NewEntry {
	component: Component;
	kind: LedgerKind;
	/** signed: charges and refunds positive, payments and write-offs negative */
	amountMinor: number;
	effectiveDate: string;
	paymentId?: number | null;
	refundId?: number | null;
	reversesId?: number | null;
	memo?: string;
}

/** How an entry moves "collected" (payments less refunds, DESIGN "Reports"). */
export function collectedDelta(e: Pick<NewEntry, 'kind' | 'amountMinor'>): number {
	if (e.kind === 'payment') return -e.amountMinor;
	if (e.kind === 'refund') return -e.amountMinor;
	return 0;
}

export function postEntries(db: DB, claimId: number, entries: NewEntry[]): void {
	if (entries.length === 0) return;
	const now = clock().now();
	let balanceDelta = 0;
	let collected = 0;
	for (const e of entries) {
		if (!Number.isSafeInteger(e.amountMinor))
			throw new RangeError('ledger amounts are integer minor units');
		balanceDelta += e.amountMinor;
		collected += collectedDelta(e);
	}
	db.insert(ledgerEntries)
		.values(
			entries.map((e) => ({
				claimId,
				component: e.component,
				kind: e.kind,
				amountMinor: e.amountMinor,
				effectiveDate: e.effectiveDate,
				paymentId: e.paymentId ?? null,
				refundId: e.refundId ?? null,
				reversesId: e.reversesId ?? null,
				memo: e.memo ?? '',
				createdAt: now
			}))
		)
		.run();
	db.$client
		.prepare(
			'UPDATE claims SET balance_minor = balance_minor + ?, collected_minor = collected_minor + ? WHERE id = ?'
		)
		.run(balanceDelta, collected, claimId);
}

export function ledgerLines(db: DB, claimId: number) {
	return db
		.select()
		.from(ledgerEntries)
		.where(eq(ledgerEntries.claimId, claimId))
		.orderBy(asc(ledgerEntries.id))
		.all();
}

/** Open balance per component, from the ledger itself (never from the cache). */
export function openBalances(db: DB, claimId: number): Balances {
	return balancesOf(ledgerLines(db, claimId) as LedgerLine[]);
}

export function statementFor(db: DB, claimId: number) {
	return statementOf(ledgerLines(db, claimId) as LedgerLine[]);
}

/** Cached balance of a claim (fast path for lists); equals the ledger sum by construction. */
export function cachedBalance(db: DB, claimId: number): number | undefined {
	return db.select({ b: claims.balanceMinor }).from(claims).where(eq(claims.id, claimId)).get()?.b;
}
