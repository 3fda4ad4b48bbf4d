/**
 * Where each claim on /my stands from the debtor's side (issue 19, bug 2): a plan waiting for
 * review, a counter-offer waiting for her answer, a living plan's next installment, an open
 * promise, an open dispute's answer deadline. One query per kind for all of the debtor's claims.
 */
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DB } from '../db/client';
import { disputes, installments, plans, promises } from '../db/schema';

export type CardState =
	| { kind: 'dispute'; answerDueDate: string }
	| { kind: 'counter' }
	| { kind: 'proposed' }
	| { kind: 'plan'; nextMinor: number; nextDate: string }
	| { kind: 'promise'; promisedDate: string; amountMinor: number };

/** The state each of the debtor's claims shows, by claim id (claims with nothing to say are absent). */
export function cardStates(db: DB, debtorId: number, claimIds: number[]): Map<number, CardState> {
	const out = new Map<number, CardState>();
	if (claimIds.length === 0) return out;
	const mine = <T extends typeof plans | typeof promises | typeof disputes>(t: T) =>
		and(eq(t.debtorId, debtorId), inArray(t.claimId, claimIds));
	const set = (claimId: number, s: CardState) => {
		if (!out.has(claimId)) out.set(claimId, s);
	};
	// the first state set for a claim wins: a dispute, then what waits for someone, then the rest
	for (const d of db
		.select({ claimId: disputes.claimId, answerDueDate: disputes.answerDueDate })
		.from(disputes)
		.where(and(mine(disputes), eq(disputes.status, 'open')))
		.all())
		set(d.claimId, { kind: 'dispute', answerDueDate: d.answerDueDate });
	const live = db
		.select({ id: plans.id, claimId: plans.claimId, status: plans.status })
		.from(plans)
		.where(and(mine(plans), inArray(plans.status, ['proposed', 'countered', 'active'])))
		.orderBy(desc(plans.id))
		.all();
	for (const p of live)
		if (p.status === 'countered') set(p.claimId, { kind: 'counter' });
		else if (p.status === 'proposed') set(p.claimId, { kind: 'proposed' });
	const active = live.filter((p) => p.status === 'active');
	if (active.length > 0) {
		const due = db
			.select({
				planId: installments.planId,
				dueDate: installments.dueDate,
				openMinor: sql<number>`${installments.amountMinor} - ${installments.paidMinor}`
			})
			.from(installments)
			.where(
				and(
					inArray(
						installments.planId,
						active.map((p) => p.id)
					),
					lt(installments.paidMinor, installments.amountMinor)
				)
			)
			.orderBy(asc(installments.seq))
			.all();
		for (const p of active) {
			const next = due.find((i) => i.planId === p.id);
			if (next) set(p.claimId, { kind: 'plan', nextMinor: next.openMinor, nextDate: next.dueDate });
		}
	}
	for (const p of db
		.select({
			claimId: promises.claimId,
			promisedDate: promises.promisedDate,
			amountMinor: promises.amountMinor
		})
		.from(promises)
		.where(and(mine(promises), eq(promises.status, 'open')))
		.orderBy(desc(promises.id))
		.all())
		set(p.claimId, { kind: 'promise', promisedDate: p.promisedDate, amountMinor: p.amountMinor });
	return out;
}
