/**
 * A debtor's own row, by id: a claim, payment or plan whose `debtor_id` is theirs. Anyone else's
 * is a NotFoundError (so its existence is not revealed); an actor who is not a debtor, Forbidden.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { claims, payments, plans } from '../db/schema';
import { assertDebtor } from './actor';
import { NotFoundError } from './errors';

const OWNED = { claim: claims, payment: payments, plan: plans };
type Owned = typeof OWNED;

export function debtorRow<K extends keyof Owned>(
	db: DB,
	actor: Actor,
	what: K,
	id: number
): Owned[K]['$inferSelect'] {
	assertDebtor(actor);
	// one query for the three tables (each has `id` and `debtor_id`); the row is typed by `what`
	const table = OWNED[what] as Owned['claim'];
	const row = db
		.select()
		.from(table)
		.where(and(eq(table.id, id), eq(table.debtorId, actor.debtorId)))
		.get();
	if (!row) throw new NotFoundError(what);
	return row;
}
