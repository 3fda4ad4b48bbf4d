/**
 * Which claim a bank transfer's text names (bank.ts): the claims whose reference key occurs in the
 * text, and the one meant (domain/bank-statement.ts `pickMatch`), or none when that is not
 * certain. Before an import's entries are handled, `widerFor` reads once which other claims'
 * keys contain a key the statement's texts name, so that a reference that is the tail of
 * another creditor's ("2026-0000003" in "DB-2026-0000003") cannot take that creditor's transfers.
 * A claim placed while the import runs is not in that reading (nor in the key lengths).
 */
import { candidateKeys, pickMatch, REFERENCE_KEY_SQL, widerKeys } from '$lib/domain/bank-statement';
import type { Currency } from '$lib/domain/money';
import type { DB } from '../db/client';

export type ClaimRow = {
	id: number;
	creditorId: number;
	debtorId: number;
	reference: string;
	currency: Currency;
	status: string;
	balanceMinor: number;
	key: string;
};

const KEY = REFERENCE_KEY_SQL('reference');

/** The lengths of claim reference keys that exist (a handful), so candidates are few. */
export function keyLengths(db: DB): number[] {
	return (
		db.$client.prepare(`SELECT DISTINCT length(${KEY}) AS n FROM claims`).all() as { n: number }[]
	).map((r) => r.n);
}

/** The claims whose reference key occurs in the text (by the reference key index). */
function claimsNamed(db: DB, remittance: string, lengths: number[]): ClaimRow[] {
	const keys = candidateKeys(remittance, lengths);
	if (keys.length === 0) return [];
	return db.$client
		.prepare(
			`SELECT id, creditor_id AS creditorId, debtor_id AS debtorId, reference, currency, status,
			        balance_minor AS balanceMinor, ${KEY} AS key
			 FROM claims WHERE ${KEY} IN (SELECT value FROM json_each(?))`
		)
		.all(JSON.stringify(keys)) as ClaimRow[];
}

export type Wider = (key: string) => readonly number[];

/**
 * For the keys the texts name: the creditors of other claims whose longer key contains them. One
 * pass over the claims' keys (a covering read of the key index), outside any write transaction.
 */
export function widerFor(db: DB, remittances: readonly string[], lengths: number[]): Wider {
	const named = new Set<string>();
	for (const text of remittances) for (const c of claimsNamed(db, text, lengths)) named.add(c.key);
	if (named.size === 0) return () => [];
	const shortest = Math.min(...[...named].map((k) => k.length));
	const rows = db.$client
		.prepare(`SELECT ${KEY}, creditor_id FROM claims WHERE length(${KEY}) > ?`)
		.raw()
		.iterate(shortest) as Iterable<[string, number]>;
	const found = widerKeys(named, rows);
	return (key) => [...(found.get(key) ?? [])];
}

/** The claim the text names, or why none. */
export function findClaim(db: DB, remittance: string, lengths: number[], wider: Wider) {
	return pickMatch(claimsNamed(db, remittance, lengths), wider);
}

/**
 * The payment a returned transfer (the bank's reversal entry) takes back: the oldest bank transfer
 * posted to the claim its text names, of the same amount and currency, that no earlier return
 * has taken. None: nothing of ours was posted from it.
 */
export function returnedPayment(
	db: DB,
	e: { remittance: string; amountMinor: number; currency: string },
	lengths: number[],
	wider: Wider
): { claimId: number; paymentId: number } | null {
	const match = findClaim(db, e.remittance, lengths, wider);
	if (match.kind !== 'one') return null;
	const row = db.$client
		.prepare(
			`SELECT p.claim_id AS claimId, p.id AS paymentId FROM payments p
			  WHERE p.claim_id = ? AND p.gateway = 'bank_transfer' AND p.status = 'succeeded'
			    AND p.amount_minor = ? AND p.currency = ?
			    AND NOT EXISTS (SELECT 1 FROM bank_entries r WHERE r.payment_id = p.id AND r.reason = 'returned')
			  ORDER BY p.id LIMIT 1`
		)
		.get(match.claim.id, e.amountMinor, e.currency) as
		{ claimId: number; paymentId: number } | undefined;
	return row ?? null;
}
