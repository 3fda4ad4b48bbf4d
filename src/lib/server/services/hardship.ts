/**
 * "I can't pay now" (issue 19, item 9). The debtor says why (a category; their own words only
 * where they may be kept, never for illness: C13) and asks for a pause. The claim goes on hold at
 * once, for review (a 'hardship' hold with no end), and into the operators' queue with a review
 * deadline. The operator grants the pause (the hold then runs for the days asked, from the
 * decision) or declines it (the hold ends and the claim goes on).
 */
import { asc, count, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import {
	HARDSHIP_NOTE_MAX,
	hardshipReasonsFor,
	hardshipReviewDue,
	isHardshipPause,
	isHardshipReason,
	keptHardshipNote,
	type HardshipReason
} from '$lib/domain/hardship';
import type { DB } from '../db/client';
import { claims, debtors, hardshipRequests } from '../db/schema';
import { clock } from '../clock';
import { audit, updateAudited } from './audit';
import { assertAgencyStaff, assertDebtor } from './actor';
import { debtorClaim, latestRequest, refuseIfEnded, refuseIfWaiting } from './claim-state';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { endHoldsOf, startHold } from './holds';
import { refuseWhilePlanWaits } from './plan-common';
import { pagedSelect } from './paging';
import { writeTx } from './tx';

type Errors = ConstructorParameters<typeof ValidationError>[0];

export interface HardshipInput {
	claimId: number;
	reason: string;
	note: string;
	pauseDays: number;
}

/** The reasons this debtor may give: a person's (job, illness) or a company's (revenue, customers). */
export function hardshipReasonsOf(db: DB, actor: Actor): readonly HardshipReason[] {
	assertDebtor(actor);
	const d = db
		.select({ kind: debtors.kind })
		.from(debtors)
		.where(eq(debtors.id, actor.debtorId))
		.get();
	if (!d) throw new NotFoundError();
	return hardshipReasonsFor(d.kind);
}

export function requestHardship(db: DB, actor: Actor, input: HardshipInput) {
	assertDebtor(actor);
	const errors: Errors = {};
	if (!isHardshipReason(input.reason) || !hardshipReasonsOf(db, actor).includes(input.reason))
		errors.reason = { key: 'hardship.error.reason' };
	if (!isHardshipPause(input.pauseDays)) errors.pauseDays = { key: 'hardship.error.pause' };
	// an illness note is dropped unread, so its length is never a reason to refuse the request
	if (input.reason !== 'illness' && input.note.trim().length > HARDSHIP_NOTE_MAX)
		errors.note = { key: 'form.tooLong', params: { max: HARDSHIP_NOTE_MAX } };
	if (Object.keys(errors).length) throw new ValidationError(errors);
	const reason = input.reason as Parameters<typeof keptHardshipNote>[0];
	return writeTx(db, () => {
		const claim = debtorClaim(db, actor, input.claimId);
		refuseIfEnded(claim, 'hardship.error.closed');
		refuseIfWaiting(db, hardshipRequests, claim.id, 'pending', 'hardship.error.pending');
		// a plan proposal or a counter-offer waiting for a decision: no pause beside it
		refuseWhilePlanWaits(db, claim.id);
		const now = clock().now();
		const today = localDate(now);
		const row = db
			.insert(hardshipRequests)
			.values({
				claimId: claim.id,
				debtorId: actor.debtorId,
				reason,
				note: keptHardshipNote(reason, input.note),
				pauseDays: input.pauseDays,
				reviewDueDate: hardshipReviewDue(today),
				createdAt: now
			})
			.returning()
			.get();
		// the audit trail names the category and the pause only, never the debtor's words
		audit(db, actor, {
			action: 'hardship.request',
			entity: 'hardship',
			entityId: row.id,
			after: { claimId: claim.id, reason, pauseDays: row.pauseDays, due: row.reviewDueDate }
		});
		startHold(db, actor, { claimId: claim.id, kind: 'hardship', start: today, sourceId: row.id });
		return row;
	});
}

/** The claim's latest request, for the debtor's page. */
export function hardshipForDebtor(db: DB, actor: Actor, claimId: number) {
	assertDebtor(actor);
	const claim = debtorClaim(db, actor, claimId);
	return latestRequest(db, hardshipRequests, claim.id);
}

/** Requests on a page of the operators' queue. */
export const HARDSHIP_PAGE_SIZE = 50;

/** The operators' queue, a page at a time: pending requests, the nearest review deadline first. */
export function hardshipQueue(db: DB, actor: Actor, input: { page?: number } = {}) {
	assertAgencyStaff(actor);
	const pending = eq(hardshipRequests.status, 'pending');
	const total = db.select({ n: count() }).from(hardshipRequests).where(pending).get()?.n ?? 0;
	const queue = db
		.select({
			id: hardshipRequests.id,
			claimId: hardshipRequests.claimId,
			reference: claims.reference,
			debtorName: debtors.name,
			reason: hardshipRequests.reason,
			note: hardshipRequests.note,
			pauseDays: hardshipRequests.pauseDays,
			reviewDueDate: hardshipRequests.reviewDueDate,
			createdAt: hardshipRequests.createdAt
		})
		.from(hardshipRequests)
		.innerJoin(claims, eq(claims.id, hardshipRequests.claimId))
		.innerJoin(debtors, eq(debtors.id, hardshipRequests.debtorId))
		.where(pending)
		.orderBy(asc(hardshipRequests.reviewDueDate), asc(hardshipRequests.id))
		.$dynamic();
	return pagedSelect(input.page, HARDSHIP_PAGE_SIZE, total, queue);
}

/**
 * An operator's decision. Granted: the review hold ends and a hold for the pause asked starts
 * today. Declined: the hold ends and the claim goes on. A short note says why (C12).
 */
export function decideHardship(
	db: DB,
	actor: Actor,
	input: { requestId: number; decision: string; note: string }
) {
	assertAgencyStaff(actor);
	const note = input.note.trim();
	const errors: Errors = {};
	if (input.decision !== 'grant' && input.decision !== 'decline')
		errors.decision = { key: 'form.required' };
	if (note.length < 5) errors.note = { key: 'ops.hardship.error.note' };
	else if (note.length > HARDSHIP_NOTE_MAX)
		errors.note = { key: 'form.tooLong', params: { max: HARDSHIP_NOTE_MAX } };
	if (Object.keys(errors).length) throw new ValidationError(errors);
	const grant = input.decision === 'grant';
	return writeTx(db, () => {
		const r = db
			.select()
			.from(hardshipRequests)
			.where(eq(hardshipRequests.id, input.requestId))
			.get();
		if (!r) throw new NotFoundError('hardship');
		if (r.status !== 'pending') throw new ConflictError('ops.hardship.error.decided');
		const now = clock().now();
		const today = localDate(now);
		const pauseEnd = grant ? addDays(today, r.pauseDays) : null;
		updateAudited(db, actor, hardshipRequests, r.id, {
			set: {
				status: grant ? 'granted' : 'declined',
				pauseEndDate: pauseEnd,
				decisionNote: note,
				decidedBy: 'userId' in actor ? actor.userId : null,
				decidedAt: now
			},
			audit: {
				action: grant ? 'hardship.granted' : 'hardship.declined',
				entity: 'hardship',
				before: { status: 'pending' },
				after: { status: grant ? 'granted' : 'declined', pauseEnd }
			}
		});
		endHoldsOf(db, actor, 'hardship', r.id, grant ? 'pause granted' : 'declined', today, {
			reevaluate: !grant
		});
		if (grant)
			startHold(db, actor, {
				claimId: r.claimId,
				kind: 'hardship',
				start: today,
				end: pauseEnd,
				sourceId: r.id
			});
		return {
			...r,
			status: grant ? ('granted' as const) : ('declined' as const),
			pauseEndDate: pauseEnd
		};
	});
}
