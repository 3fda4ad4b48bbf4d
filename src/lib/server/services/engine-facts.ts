/**
 * The facts the evaluator reads, loaded for a chunk of claims in a few statements (the daily run
 * evaluates every open claim, so nothing here is per claim). Prepared statements are kept per
 * connection.
 */
import { localDate } from '$lib/domain/clock';
import type { ClaimFacts } from '$lib/domain/engine';
import { lumpSumKey } from '$lib/domain/engine';
import type { Hold, HoldEffect, HoldKind } from '$lib/domain/holds';
import { lumpSumInHufMinor } from '$lib/domain/stage-fees';
import type { ClaimStatus, Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { hufPerEur } from './rules';

export interface LoadedClaim {
	facts: ClaimFacts;
	versionId: number | null;
	creditorId: number;
	portfolioId: number;
}

interface ClaimRow {
	id: number;
	due_date: string;
	balance_minor: number;
	currency: string;
	status: ClaimStatus;
	stage: Stage;
	stage_changed_at: number;
	plan_offered_at: number | null;
	creditor_id: number;
	portfolio_id: number;
	kind: 'person' | 'company';
	fees_allowed: number;
	version_id: number | null;
	cycle: number | null;
	stage_entered_on: string | null;
}

/** Claims the engine works on: everything not paid or closed. */
export const WORKED = `c.status IN ('open', 'in_plan', 'disputed')`;

const SELECT_CLAIMS = `
	SELECT c.id, c.due_date, c.balance_minor, c.currency, c.status, c.stage, c.stage_changed_at,
	       c.plan_offered_at, c.creditor_id, c.portfolio_id, d.kind, cr.fees_allowed,
	       ce.version_id, ce.cycle, ce.stage_entered_on
	  FROM claims c
	  JOIN debtors d ON d.id = c.debtor_id
	  JOIN creditors cr ON cr.id = c.creditor_id
	  LEFT JOIN claim_engine ce ON ce.claim_id = c.id`;

const stmts = perConnection((c) => ({
	range: c.prepare(`${SELECT_CLAIMS} WHERE c.id > ? AND ${WORKED} ORDER BY c.id LIMIT ?`),
	one: c.prepare(`${SELECT_CLAIMS} WHERE c.id = ?`),
	holds: c.prepare(
		`SELECT claim_id, kind, start_date, end_date, effect_json FROM holds
		  WHERE claim_id BETWEEN ? AND ? ORDER BY claim_id, start_date`
	),
	// keys that stop a step being planned again: everything but what was cancelled (a step
	// cancelled by a hold may be planned again when the hold ends, under its missed-days
	// policy); and, in the same pass over the rows, C9: a written reminder that went out links
	// to the plan page, so it is a plan offer
	keys: c.prepare(
		`SELECT claim_id, key,
		        kind = 'contact' AND state = 'done'
		          AND (channels_json LIKE '%"sms"%' OR channels_json LIKE '%"email"%' OR channels_json LIKE '%"letter"%') AS offer
		   FROM planned_actions
		  WHERE claim_id BETWEEN ? AND ? AND state <> 'cancelled'`
	)
}));

/** The next chunk of worked claims after `afterId`, in id order. */
export function loadChunk(db: DB, afterId: number, limit: number): LoadedClaim[] {
	const rows = stmts(db).range.all(afterId, limit) as ClaimRow[];
	return withDetails(db, rows);
}

/** One claim, whatever its status (a re-evaluation after a payment must see it paid). */
export function loadClaim(db: DB, claimId: number): LoadedClaim | undefined {
	const rows = stmts(db).one.all(claimId) as ClaimRow[];
	return withDetails(db, rows)[0];
}

const lumpSumHuf = () => lumpSumInHufMinor(process.env.RENDEZ_EUR_HUF_RATE);

function withDetails(db: DB, rows: ClaimRow[]): LoadedClaim[] {
	if (rows.length === 0) return [];
	const lo = rows[0].id;
	const hi = rows[rows.length - 1].id;
	const s = stmts(db);
	const holds = new Map<number, Hold[]>();
	for (const h of s.holds.all(lo, hi) as {
		claim_id: number;
		kind: HoldKind;
		start_date: string;
		end_date: string | null;
		effect_json: string;
	}[]) {
		const list = holds.get(h.claim_id) ?? [];
		list.push({
			kind: h.kind,
			start: h.start_date,
			end: h.end_date,
			effect: JSON.parse(h.effect_json) as HoldEffect
		});
		holds.set(h.claim_id, list);
	}
	const keys = new Map<number, Set<string>>();
	const offered = new Set<number>();
	for (const k of s.keys.all(lo, hi) as { claim_id: number; key: string; offer: number }[]) {
		const set = keys.get(k.claim_id);
		if (set) set.add(k.key);
		else keys.set(k.claim_id, new Set([k.key]));
		if (k.offer) offered.add(k.claim_id);
	}
	const huf = lumpSumHuf();
	const rate = hufPerEur();
	return rows.map((r) => {
		const plannedKeys = keys.get(r.id) ?? new Set<string>();
		return {
			versionId: r.version_id,
			creditorId: r.creditor_id,
			portfolioId: r.portfolio_id,
			facts: {
				claimId: r.id,
				dueDate: r.due_date,
				balanceMinor: r.balance_minor,
				currency: r.currency,
				debtorKind: r.kind,
				status: r.status,
				stage: r.stage,
				// a claim staged before the engine existed (demo data, imports) entered on its stage date
				stageEnteredOn:
					r.stage === 'new' ? null : (r.stage_entered_on ?? localDate(r.stage_changed_at)),
				holds: holds.get(r.id) ?? [],
				planOffered: r.plan_offered_at !== null || offered.has(r.id),
				plannedKeys,
				cycle: r.cycle ?? 0,
				contractAllowsFees: r.fees_allowed === 1,
				hufPerEur: rate,
				lumpSumInCurrencyMinor: r.currency === 'HUF' ? huf : null,
				lumpSumCharged: plannedKeys.has(lumpSumKey(r.id))
			}
		};
	});
}
