/**
 * A debtor's own row, by id: a claim, payment or plan whose `debtor_id` is theirs. Anyone else's
 * is a NotFoundError (so its existence is not revealed); an actor who is not a debtor, Forbidden.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { claims, payments, plans } from '../db/schema';
import { assertDebtor, debtorIdOf } from './actor';
import { NotFoundError } from './errors';

const OWNED = { claim: claims, payment: payments, plan: plans };
type Owned = typeof OWNED;

/** One query for the three tables (each has `id` and `debtor_id`), prepared once per connection:
 * every debtor page asks it, and drizzle would otherwise build and prepare it on each request. */
function ownedQuery(db: DB, what: keyof Owned) {
	const table = OWNED[what] as Owned['claim'];
	return db
		.select()
		.from(table)
		.where(
			and(eq(table.id, sql.placeholder('id')), eq(table.debtorId, sql.placeholder('debtorId')))
		)
		.prepare();
}
const queries = perConnection((_client, db) => ({
	claim: ownedQuery(db, 'claim'),
	payment: ownedQuery(db, 'payment'),
	plan: ownedQuery(db, 'plan')
}));

export function debtorRow<K extends keyof Owned>(
	db: DB,
	actor: Actor,
	what: K,
	id: number
): Owned[K]['$inferSelect'] {
	assertDebtor(actor);
	// the row is typed by `what`
	const row = queries(db)[what].get({ id, debtorId: actor.debtorId }) as
		Owned[K]['$inferSelect'] | undefined;
	if (!row) throw new NotFoundError(what);
	// a session signed in by a claim reference: that creditor's claims only (assertInScope)
	if (actor.onlyCreditorId != null) {
		const claimId = 'claimId' in row ? row.claimId : row.id;
		if (claimId != null) assertInScope(db, actor, 'claim', claimId);
	}
	return row;
}

/**
 * A debtor session signed in by a claim reference (actor.onlyCreditorId) reaches only that
 * creditor's claims, and the payments on them: another's is a NotFoundError. A link session: all.
 */
export function assertInScope(db: DB, actor: Actor, what: 'claim' | 'payment', id: number): void {
	assertDebtor(actor);
	if (actor.onlyCreditorId == null) return;
	const creditorId = db.$client
		.prepare(
			what === 'claim'
				? 'SELECT creditor_id FROM claims WHERE id = ?'
				: 'SELECT c.creditor_id FROM payments p JOIN claims c ON c.id = p.claim_id WHERE p.id = ?'
		)
		.pluck()
		.get(id);
	if (creditorId !== actor.onlyCreditorId) throw new NotFoundError(what);
}

/**
 * The debtor's id, for a use case that reads one of their claims or payments with its own query
 * (which filters by this id): the record must be in the session's scope (assertInScope).
 */
export function debtorInScope(db: DB, actor: Actor, what: 'claim' | 'payment', id: number): number {
	const debtorId = debtorIdOf(actor);
	assertInScope(db, actor, what, id);
	return debtorId;
}
