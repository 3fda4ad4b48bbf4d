/**
 * A claim closed before it was paid (a dispute upheld, a recall by its creditor): what was still
 * arranged on it ends with it. A plan waiting or running and an open promise are cancelled, a
 * dispute still open (the creditor recalled the claim meanwhile) is withdrawn, their holds ended,
 * each audited, and messages not yet sent about it go nowhere: no reminder, broken-plan notice,
 * promise check or answer ever acts on a closed claim. Runs inside the caller's writeTx; the caller
 * re-evaluates the claim.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { disputes, messages, outbox, plans, promises } from '../db/schema';
import { clock } from '../clock';
import { updateAudited } from './audit';
import { changeStatus } from './claim-state';
import { endHoldsOf } from './holds';
import { OPEN_PLAN_STATUSES } from './plan-common';
import { endPlan } from './plan-lifecycle';
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
		endPlan(db, actor, p, { to: 'cancelled', action: 'plan.cancel', now, note: { why } });
		endHoldsOf(db, actor, 'plan', p.id, 'closed', day, open);
	}
	for (const p of db
		.select({ id: promises.id })
		.from(promises)
		.where(and(eq(promises.claimId, claimId), eq(promises.status, 'open')))
		.all())
		cancelPromise(db, actor, p.id, { why }, 'closed', now);
	for (const d of db
		.select({ id: disputes.id })
		.from(disputes)
		.where(and(eq(disputes.claimId, claimId), eq(disputes.status, 'open')))
		.all()) {
		updateAudited(db, actor, disputes, d.id, {
			set: { status: 'withdrawn' },
			audit: {
				action: 'dispute.withdrawn',
				entity: 'dispute',
				before: { status: 'open' },
				after: { status: 'withdrawn', why }
			}
		});
		endHoldsOf(db, actor, 'dispute', d.id, 'closed', day, open);
	}
	cancelQueuedMessages(db, claimId, now);
}

/** Messages not yet sent about the claim go nowhere once it has left the agency or is paid. */
export function cancelQueuedMessages(db: DB, claimId: number, now: number): void {
	db.update(messages)
		.set({ status: 'cancelled', statusReason: 'c7_closed', updatedAt: now })
		.where(and(eq(messages.claimId, claimId), inArray(messages.status, ['queued'])))
		.run();
	db.update(outbox)
		.set({ status: 'cancelled' })
		.where(and(eq(outbox.claimId, claimId), eq(outbox.status, 'queued')))
		.run();
}
