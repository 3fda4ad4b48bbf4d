/**
 * Claim status and stage changes, in one place so that the stage history the reports read
 * (claim_stage_events) and the audit trail never disagree with the claim row. Call inside a
 * writeTx; these do not check the actor's rights (the calling use case has done that).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { ClaimStatus, Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { claims, claimStageEvents } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';

/** What the current stage ended in when the claim leaves 'open' (DESIGN "Reports": stage outcomes). */
const OUTCOME: Partial<Record<ClaimStatus, string>> = {
	paid: 'paid',
	in_plan: 'in_plan',
	disputed: 'disputed',
	closed: 'closed'
};

export function changeStatus(db: DB, actor: Actor, claimId: number, to: ClaimStatus, why: string): void {
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
		// back into the reminder process (plan broken, dispute rejected): the stage is current again
		db.insert(claimStageEvents).values({ claimId, stage: claim.stage, enteredAt: now }).run();
	}
	audit(db, actor, { action: 'claim.status', entity: 'claim', entityId: claimId, before: { status: claim.status }, after: { status: to, why } });
}

export function enterStage(db: DB, actor: Actor, claimId: number, stage: Stage): void {
	const claim = db.select().from(claims).where(eq(claims.id, claimId)).get();
	if (!claim || claim.stage === stage) return;
	const now = clock().now();
	db.update(claimStageEvents)
		.set({ leftAt: now, outcome: 'moved_on' })
		.where(and(eq(claimStageEvents.claimId, claimId), isNull(claimStageEvents.leftAt)))
		.run();
	db.insert(claimStageEvents).values({ claimId, stage, enteredAt: now }).run();
	db.update(claims).set({ stage, stageChangedAt: now }).where(eq(claims.id, claimId)).run();
	audit(db, actor, { action: 'claim.stage', entity: 'claim', entityId: claimId, before: { stage: claim.stage }, after: { stage } });
}
