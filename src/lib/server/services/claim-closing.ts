/**
 * A claim closed before it was paid (a dispute upheld, a recall by its creditor): what was still
 * arranged on it ends with it. A plan waiting or running and an open promise are cancelled, their
 * holds ended, each audited, so no instalment reminder, broken-plan notice or promise check ever
 * acts on a closed claim. Runs inside the caller's writeTx; the caller re-evaluates the claim.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { plans, promises } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { changeStatus } from './claim-state';
import { endHoldsOf } from './holds';
import { OPEN_PLAN_STATUSES } from './plan-common';
import { cancelPromise } from './promises';

export function closeClaim(db: DB, actor: Actor, claimId: number, why: string): void {
	const now = clock().now();
	const day = localDate(now);
	changeStatus(db, actor, claimId, 'closed', why);
	const open = { reevaluate: false };
	for (const p of db
		.select({ id: plans.id, status: plans.status })
		.from(plans)
		.where(and(eq(plans.claimId, claimId), inArray(plans.status, [...OPEN_PLAN_STATUSES])))
		.all()) {
		db.update(plans).set({ status: 'cancelled', endedAt: now }).where(eq(plans.id, p.id)).run();
		audit(db, actor, {
			action: 'plan.cancel',
			entity: 'plan',
			entityId: p.id,
			before: { status: p.status },
			after: { status: 'cancelled', why }
		});
		endHoldsOf(db, actor, 'plan', p.id, 'closed', day, open);
	}
	for (const p of db
		.select({ id: promises.id })
		.from(promises)
		.where(and(eq(promises.claimId, claimId), eq(promises.status, 'open')))
		.all())
		cancelPromise(db, actor, p.id, { why }, 'closed', now);
}
