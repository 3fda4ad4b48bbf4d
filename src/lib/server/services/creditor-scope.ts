/**
 * The scope a creditor's settings are edited in (installment rules, collection strategies): a
 * creditor, and optionally one of its portfolios. Creditor users always get their own creditor
 * (asking for another is "not found"); admins the one they ask for, else the first. And a
 * creditor's own row by id (`creditorRow`): another creditor's is "not found" too.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { creditors, portfolios } from '../db/schema';
import { assertAdmin } from './actor';
import { NotFoundError } from './errors';

export interface CreditorScope {
	/** admins choose; a creditor user always gets their own (asking for another is "not found") */
	creditorId?: number | null;
	/** a portfolio of that creditor, or null for the creditor-wide settings */
	portfolioId?: number | null;
}

/** Which creditor the actor may work on: a creditor user their own, an admin the one asked for (else the first). */
export function creditorFor(db: DB, actor: Actor, asked: number | null | undefined): number {
	if (actor.kind === 'creditor') {
		if (asked != null && asked !== actor.creditorId) throw new NotFoundError('creditor');
		return actor.creditorId;
	}
	assertAdmin(actor);
	const row =
		asked == null
			? db.select({ id: creditors.id }).from(creditors).orderBy(asc(creditors.id)).get()
			: db.select({ id: creditors.id }).from(creditors).where(eq(creditors.id, asked)).get();
	if (!row) throw new NotFoundError('creditor');
	return row.id;
}

/**
 * A creditor's own row by id (a claim, a portfolio, an API key, a webhook endpoint, a placement
 * job): another creditor's, or none, is NotFoundError(`what`), so its existence is not revealed.
 */
export function creditorRow<T extends SQLiteTable & { id: SQLiteColumn; creditorId: SQLiteColumn }>(
	db: DB,
	creditorId: number,
	table: T,
	id: number,
	what: string
): T['$inferSelect'] {
	const row = db
		.select()
		.from(table as SQLiteTable)
		.where(and(eq(table.id, id), eq(table.creditorId, creditorId)))
		.get() as T['$inferSelect'] | undefined;
	if (!row) throw new NotFoundError(what);
	return row;
}

/** The portfolio asked for if it is the creditor's (else "not found"); null for none. */
function portfolioOf(
	db: DB,
	creditorId: number,
	portfolioId: number | null | undefined
): number | null {
	if (portfolioId == null) return null;
	return creditorRow(db, creditorId, portfolios, portfolioId, 'portfolio').id;
}

export function resolveScope(db: DB, actor: Actor, scope: CreditorScope) {
	const creditorId = creditorFor(db, actor, scope.creditorId);
	return { creditorId, portfolioId: portfolioOf(db, creditorId, scope.portfolioId) };
}

/** WHERE of a table's rows saved in exactly this scope (no fallback from a portfolio to its creditor). */
export function inScope(
	t: { creditorId: SQLiteColumn; portfolioId: SQLiteColumn },
	creditorId: number,
	portfolioId: number | null
) {
	return and(
		eq(t.creditorId, creditorId),
		portfolioId === null ? isNull(t.portfolioId) : eq(t.portfolioId, portfolioId)
	);
}

/** The scope pickers of an editor: the creditor's portfolios and, for an admin, every creditor. */
export function scopePickers(db: DB, actor: Actor, creditorId: number) {
	return {
		portfolios: db
			.select({ id: portfolios.id, name: portfolios.name })
			.from(portfolios)
			.where(eq(portfolios.creditorId, creditorId))
			.orderBy(asc(portfolios.placedDate), asc(portfolios.id))
			.all(),
		creditors:
			actor.kind === 'admin'
				? db
						.select({ id: creditors.id, name: creditors.name })
						.from(creditors)
						.orderBy(asc(creditors.name))
						.all()
				: []
	};
}

/** The staff user who edits a creditor's settings (creditor user or admin), for `updated_by` columns. */
export const editorIdOf = (actor: Actor) =>
	actor.kind === 'creditor' || actor.kind === 'admin' ? actor.userId : null;
