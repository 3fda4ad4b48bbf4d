/**
 * The operator search (issue 18 item 1): debtors by name (accent- and case-insensitive, in part),
 * phone, e-mail, birth date or tax number, and claims by the creditor's reference (prefix). The
 * trigram FTS5 indexes of migration search_index do the finding (fast on a million claims); the
 * plan of a query is domain/search.ts. Anonymised debtors are not in the index (C13).
 * Agency staff only: a creditor's users search their own claims on their own pages.
 */
import type { Actor } from '$lib/domain/actor';
import type { Currency } from '$lib/domain/money';
import type { ClaimStatus, Stage } from '$lib/domain/stages';
import { searchPlan } from '$lib/domain/search';
import { REFERENCE_KEY_SQL } from '$lib/domain/bank-statement';
import type { DB } from '../db/client';
import { assertAgencyStaff } from './actor';
import { normaliseBirthDate } from './access';

const KEY = REFERENCE_KEY_SQL('reference');

/** Names in Hungarian alphabetical order: Á with A, Cs after C, Zs after Z. */
const byName = new Intl.Collator('hu');

/** At most this many debtors and this many claims. */
export const SEARCH_LIMIT = 50;

export interface DebtorHit {
	id: number;
	name: string;
	city: string;
	claims: number;
	/** total open balance per currency, in minor units */
	balances: { currency: Currency; minor: number }[];
}

export interface ClaimHit {
	id: number;
	reference: string;
	creditor: string;
	debtorId: number;
	/** '' for an anonymised debtor */
	debtor: string;
	stage: Stage;
	status: ClaimStatus;
}

export interface SearchResult {
	query: string;
	tooShort: boolean;
	debtors: DebtorHit[];
	claims: ClaimHit[];
}

export function searchCases(db: DB, actor: Actor, q: string): SearchResult {
	assertAgencyStaff(actor);
	const plan = searchPlan(q, { birthDate: normaliseBirthDate(q) });
	const out: SearchResult = { query: plan.query, tooShort: plan.tooShort, debtors: [], claims: [] };
	const c = db.$client;

	if (plan.debtors) {
		const rows = c
			.prepare(
				`SELECT d.id, d.name, d.city FROM debtors d
				 WHERE d.id IN (SELECT rowid FROM search_debtors WHERE search_debtors MATCH ? LIMIT ${SEARCH_LIMIT})
				   AND d.anonymized_at IS NULL
				 ORDER BY d.id`
			)
			.all(plan.debtors) as { id: number; name: string; city: string }[];
		// at most SEARCH_LIMIT names: ordered here the Hungarian way (SQLite orders by code point)
		rows.sort((a, b) => byName.compare(a.name, b.name) || a.id - b.id);
		const byId = new Map<number, DebtorHit>();
		for (const r of rows) {
			const hit: DebtorHit = { ...r, claims: 0, balances: [] };
			byId.set(r.id, hit);
			out.debtors.push(hit);
		}
		if (rows.length > 0) {
			const sums = c
				.prepare(
					`SELECT debtor_id AS debtorId, currency, count(*) AS n, sum(balance_minor) AS minor
					 FROM claims WHERE debtor_id IN (SELECT value FROM json_each(?))
					 GROUP BY debtor_id, currency ORDER BY debtor_id, currency`
				)
				.all(JSON.stringify(rows.map((r) => r.id))) as {
				debtorId: number;
				currency: Currency;
				n: number;
				minor: number;
			}[];
			for (const s of sums) {
				const hit = byId.get(s.debtorId)!;
				hit.claims += s.n;
				hit.balances.push({ currency: s.currency, minor: s.minor });
			}
		}
	}

	if (plan.claims) {
		out.claims = c
			.prepare(
				`SELECT c.id, c.reference, cr.name AS creditor, c.debtor_id AS debtorId,
				        CASE WHEN d.anonymized_at IS NULL THEN d.name ELSE '' END AS debtor, c.stage, c.status
				 FROM claims c
				 JOIN creditors cr ON cr.id = c.creditor_id
				 JOIN debtors d ON d.id = c.debtor_id
				 WHERE c.id IN (SELECT rowid FROM search_claims WHERE search_claims MATCH ? LIMIT ${SEARCH_LIMIT})
				    OR c.id IN (SELECT id FROM claims WHERE ${KEY} >= ? AND ${KEY} < ? LIMIT ${SEARCH_LIMIT})
				 ORDER BY c.reference, c.id LIMIT ${SEARCH_LIMIT}`
			)
			// a key range on the reference key index (migration claims_reference_key): its prefix
			.all(plan.claims, plan.claimKey ?? '\uffff', (plan.claimKey ?? '') + '\uffff') as ClaimHit[];
	}
	return out;
}
