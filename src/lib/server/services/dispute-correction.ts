/**
 * A dispute partly upheld (disputes.ts answerDispute, outcome 'corrected'): the amounts taken off
 * are write-offs in the ledger, one per component, their memo naming the dispute
 * (domain/dispute-correction.ts). A write-off lowers the balance; it is not money collected
 * (ledger.ts collectedDelta, the report_collected trigger and remittances count payments and
 * refunds only). What was taken off, and what stayed owed, is read back from those lines.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { COMPONENTS, zeroBalances, type Balances, type Component } from '$lib/domain/ledger';
import {
	correctionLines,
	correctionMemo,
	correctionProblems
} from '$lib/domain/dispute-correction';
import type { Currency } from '$lib/domain/money';
import type { DB } from '../db/client';
import { claims, disputes, ledgerEntries } from '../db/schema';
import { assertAgencyStaff } from './actor';
import { NotFoundError } from './errors';
import { openBalances, postEntries } from './ledger';

/** SQL: what a dispute (alias `d`) took off its claim, positive; NULL when nothing. */
export const writtenOffSql = (d: string) =>
	`(SELECT -sum(l.amount_minor) FROM ledger_entries l WHERE l.claim_id = ${d}.claim_id
	   AND l.kind = 'write_off' AND l.memo = 'dispute ' || ${d}.id)`;

/** The currency of a dispute's claim (the operator's amounts are typed in it), or NotFoundError. */
export function disputeCurrency(db: DB, actor: Actor, disputeId: number): Currency {
	assertAgencyStaff(actor);
	const row = db
		.select({ currency: claims.currency })
		.from(disputes)
		.innerJoin(claims, eq(claims.id, disputes.claimId))
		.where(eq(disputes.id, disputeId))
		.get();
	if (!row) throw new NotFoundError('dispute');
	return row.currency;
}

/** What is outstanding per component on each of the claims, from the ledger. */
export function outstandingOf(db: DB, claimIds: number[]): Map<number, Balances> {
	const out = new Map<number, Balances>();
	if (!claimIds.length) return out;
	const rows = db
		.select({
			claimId: ledgerEntries.claimId,
			component: ledgerEntries.component,
			sum: sql<number>`sum(${ledgerEntries.amountMinor})`
		})
		.from(ledgerEntries)
		.where(inArray(ledgerEntries.claimId, claimIds))
		.groupBy(ledgerEntries.claimId, ledgerEntries.component)
		.all();
	for (const id of claimIds) out.set(id, zeroBalances());
	for (const r of rows) out.get(r.claimId)![r.component] = r.sum;
	return out;
}

/** Why `off` cannot be taken off the claim as its ledger stands; {} when it can. */
export function correctionRefusals(db: DB, claimId: number, off: Balances) {
	return correctionProblems(openBalances(db, claimId), off);
}

/** Takes `off` off the claim (inside the answer's writeTx, after `correctionRefusals`). */
export function postCorrection(
	db: DB,
	d: { id: number; claimId: number },
	off: Balances,
	day: string
): void {
	postEntries(
		db,
		d.claimId,
		correctionLines(off).map((l) => ({
			...l,
			kind: 'write_off' as const,
			effectiveDate: day,
			memo: correctionMemo(d.id)
		}))
	);
}

/** A correction as the thread shows it: what was taken off, per component, and what stayed owed. */
export interface Correction {
	lines: { component: Component; amountMinor: number }[];
	totalMinor: number;
	/** the claim's balance right after the correction */
	balanceAfterMinor: number;
}

export function correctionOf(db: DB, d: { id: number; claimId: number }): Correction | null {
	const c = db.$client;
	const rows = c
		.prepare(
			`SELECT id, component, amount_minor AS amountMinor FROM ledger_entries
			  WHERE claim_id = ? AND kind = 'write_off' AND memo = ? ORDER BY id`
		)
		.all(d.claimId, correctionMemo(d.id)) as {
		id: number;
		component: Component;
		amountMinor: number;
	}[];
	if (!rows.length) return null;
	const balanceAfterMinor = c
		.prepare(
			'SELECT coalesce(sum(amount_minor), 0) FROM ledger_entries WHERE claim_id = ? AND id <= ?'
		)
		.pluck()
		.get(d.claimId, rows[rows.length - 1].id) as number;
	const lines = COMPONENTS.flatMap((component) => {
		const amountMinor = -rows
			.filter((r) => r.component === component)
			.reduce((a, r) => a + r.amountMinor, 0);
		return amountMinor ? [{ component, amountMinor }] : [];
	});
	return {
		lines,
		totalMinor: lines.reduce((a, l) => a + l.amountMinor, 0),
		balanceAfterMinor
	};
}
