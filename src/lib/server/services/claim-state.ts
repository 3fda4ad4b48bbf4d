/**
 * Claim status and stage changes, in one place so that the stage history the reports read
 * (claim_stage_events) and the audit trail never disagree with the claim row. Call inside a
 * writeTx; these do not check the actor's rights (the calling use case has done that).
 */
import { inRegionSql } from '$lib/domain/address';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Actor } from '$lib/domain/actor';
import type { ClaimStatus, Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { claims, claimStageEvents } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { debtorRow } from './owned';
import { ConflictError, ForbiddenError, NotFoundError } from './errors';

export type ClaimRow = typeof claims.$inferSelect;

/** The debtor's own claim (anyone else's: NotFoundError, so its existence is not revealed). */
export function debtorClaim(db: DB, actor: Actor, claimId: number): ClaimRow {
	return debtorRow(db, actor, 'claim', claimId);
}

/**
 * The claim a promise, dispute or plan is made for: the debtor's own (claimed as `debtorClaim`), or,
 * for the agency's staff acting on the debtor's behalf during a call or a visit, any claim; a field
 * agent's only in their own region. Anyone else: ForbiddenError; no such claim: NotFoundError.
 */
export function actingClaim(db: DB, actor: Actor, claimId: number): ClaimRow {
	if (actor.kind === 'debtor') return debtorClaim(db, actor, claimId);
	if (actor.kind !== 'operator' && actor.kind !== 'admin' && actor.kind !== 'field_agent')
		throw new ForbiddenError();
	const row = db.select().from(claims).where(eq(claims.id, claimId)).get();
	if (!row) throw new NotFoundError('claim');
	if (actor.kind === 'field_agent' && !inRegionOf(db, actor.userId, row.debtorId))
		throw new NotFoundError('claim');
	return row;
}

/**
 * A paid or closed claim takes nothing new (a dispute, a hardship request, a hold, a visit):
 * ConflictError with the caller's message key.
 */
export function refuseIfEnded(claim: { status: string }, key: string): void {
	if (isEnded(claim)) throw new ConflictError(key);
}

/** Paid or closed: what refuseIfEnded refuses, for a page to say so before its form. */
export function isEnded(claim: { status: string }): boolean {
	return claim.status === 'paid' || claim.status === 'closed';
}

/**
 * One request of a kind waits per claim (a dispute while 'open', a hardship request while
 * 'pending'): another one still in that status refuses a new one, ConflictError with `key`.
 */
export function refuseIfWaiting<
	T extends SQLiteTable & { id: SQLiteColumn; claimId: SQLiteColumn; status: SQLiteColumn }
>(db: DB, table: T, claimId: number, status: string, key: string): void {
	const waiting = db
		.select({ id: table.id })
		.from(table)
		.where(and(eq(table.claimId, claimId), eq(table.status, status)))
		.get();
	if (waiting) throw new ConflictError(key);
}

/** The claim's latest request of a kind (a dispute, a promise, a hardship request), or null. */
export function latestRequest<T extends SQLiteTable & { id: SQLiteColumn; claimId: SQLiteColumn }>(
	db: DB,
	table: T,
	claimId: number
): T['$inferSelect'] | null {
	const row = db
		.select()
		.from(table as SQLiteTable)
		.where(eq(table.claimId, claimId))
		.orderBy(desc(table.id))
		.limit(1)
		.get() as T['$inferSelect'] | undefined;
	return row ?? null;
}

/** Whether the debtor's postal code lies in one of the field agent's regions. */
export function inRegionOf(db: DB, agentId: number, debtorId: number): boolean {
	return !!db.$client
		.prepare(
			`SELECT 1 FROM field_regions r JOIN debtors d ON d.id = ?
			  WHERE r.agent_id = ? AND ${inRegionSql('d.postal_code', 'r')}`
		)
		.get(debtorId, agentId);
}

/** What the current stage ended in when the claim leaves 'open' (DESIGN "Reports": stage outcomes). */
const OUTCOME: Partial<Record<ClaimStatus, string>> = {
	paid: 'paid',
	in_plan: 'in_plan',
	disputed: 'disputed',
	closed: 'closed'
};

export function changeStatus(
	db: DB,
	actor: Actor,
	claimId: number,
	to: ClaimStatus,
	why: string
): void {
	const claim = db.select().from(claims).where(eq(claims.id, claimId)).get();
	if (!claim || claim.status === to) return;
	const now = clock().now();
	db.update(claims)
		.set({
			status: to,
			paidAt: to === 'paid' ? now : claim.paidAt,
			closedAt: to === 'closed' ? now : claim.closedAt
		})
		.where(eq(claims.id, claimId))
		.run();
	const outcome = OUTCOME[to];
	if (outcome) {
		// the stage the claim is in records how it ended; a claim back to 'open' keeps its stage row open
		db.update(claimStageEvents)
			.set({ leftAt: now, outcome })
			.where(and(eq(claimStageEvents.claimId, claimId), isNull(claimStageEvents.leftAt)))
			.run();
	} else if (to === 'open') {
		// back into the reminder process (plan broken, dispute rejected, refunded): the stage is current again
		openStage(db, claimId, claim.stage, now);
	}
	audit(db, actor, {
		action: 'claim.status',
		entity: 'claim',
		entityId: claimId,
		before: { status: claim.status },
		after: { status: to, why }
	});
}

/** The statements of a stage change, prepared once per connection (the engine moves thousands a day). */
const stageSql = perConnection((c) => ({
	stage: c.prepare('SELECT stage FROM claims WHERE id = ?'),
	leave: c.prepare(
		`UPDATE claim_stage_events SET left_at = ?, outcome = 'moved_on' WHERE claim_id = ? AND left_at IS NULL`
	),
	reopen: c.prepare(
		'UPDATE claim_stage_events SET left_at = NULL, outcome = NULL WHERE claim_id = ? AND stage = ?'
	),
	insert: c.prepare(
		'INSERT INTO claim_stage_events (claim_id, stage, entered_at) VALUES (?, ?, ?)'
	),
	move: c.prepare('UPDATE claims SET stage = ?, stage_changed_at = ? WHERE id = ?')
}));

export function enterStage(db: DB, actor: Actor, claimId: number, stage: Stage): void {
	const s = stageSql(db);
	const claim = s.stage.get(claimId) as { stage: Stage } | undefined;
	if (!claim || claim.stage === stage) return;
	const now = clock().now();
	s.leave.run(now, claimId);
	openStage(db, claimId, stage, now);
	s.move.run(stage, now, claimId);
	audit(db, actor, {
		action: 'claim.stage',
		entity: 'claim',
		entityId: claimId,
		before: { stage: claim.stage },
		after: { stage }
	});
}

/**
 * One row per claim and stage (a unique index holds it): a stage the claim comes back to is its
 * row reopened, keeping the day it was first entered, so the stage outcomes count each claim once
 * per stage, by how it last left it. The rollup triggers move the count from the old outcome.
 */
function openStage(db: DB, claimId: number, stage: Stage, now: number): void {
	const s = stageSql(db);
	if (s.reopen.run(claimId, stage).changes === 0) s.insert.run(claimId, stage, now);
}
