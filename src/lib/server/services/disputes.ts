/**
 * Disputes (C7): the debtor says why, optionally with a document (PDF/JPEG/PNG up to 5 MB, checked
 * by its first bytes, not its name: dispute-files.ts); the claim goes on hold until an operator
 * answers (30 days). The replies that follow, and the thread both sides read: dispute-thread.ts.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { totalOf, type Component } from '$lib/domain/ledger';
import {
	DISPUTE_OUTCOMES,
	upheldWriteOff,
	writeOffOf,
	type DisputeOutcome
} from '$lib/domain/dispute-correction';
import { addDays, localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { disputes } from '../db/schema';
import { clock } from '../clock';
import { insertAudited, updateAudited } from './audit';
import { ConflictError, ValidationError } from './errors';
import { writeTx } from './tx';
import { actingClaim, changeStatus, refuseIfEnded, refuseIfWaiting } from './claim-state';
import { assertAgencyStaff } from './actor';
import { endHoldsOf, holdForDispute } from './holds';
import { checkFile, storeAttachment } from './dispute-files';
import { disputeById, disputesForQueue, notifyAnswered } from './dispute-thread';
import { correctionRefusals, postCorrection } from './dispute-correction';
import { cachedBalance, openBalances } from './ledger';
import { closeClaim } from './claim-closing';
import { reducePlan } from './plan-settlement';
import { openPlanOf } from './plan-common';

export { disputeAttachment, MAX_ATTACHMENT_BYTES, sniffMime } from './dispute-files';
export {
	DISPUTES_PAGE_SIZE,
	disputesForOps,
	disputeThreadForDebtor,
	operatorReply,
	replyToDispute,
	type ThreadEntry
} from './dispute-thread';

export const DISPUTE_REASONS = [
	'not_mine',
	'already_paid',
	'wrong_amount',
	'statute_barred',
	'other'
] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export const ANSWER_DAYS = 30;

export interface DisputeInput {
	claimId: number;
	reason: string;
	details: string;
	file?: Uint8Array | null;
}

export function openDispute(db: DB, actor: Actor, input: DisputeInput) {
	// the debtor, or staff recording a dispute raised on a call (actingClaim below checks who)
	if (actor.kind !== 'debtor') assertAgencyStaff(actor);
	const errors: ConstructorParameters<typeof ValidationError>[0] = {};
	const reason = DISPUTE_REASONS.find((r) => r === input.reason);
	const details = input.details.trim();
	if (!reason) errors.reason = { key: 'portal.dispute.error.reason' };
	if (details.length > 4000) errors.details = { key: 'portal.dispute.error.tooLong' };
	else if (reason === 'other' && details.length < 5)
		errors.details = { key: 'portal.dispute.error.explain' };
	const { file, mime } = checkFile(input.file, errors);
	if (Object.keys(errors).length) throw new ValidationError(errors);
	return writeTx(db, () => {
		const claim = actingClaim(db, actor, input.claimId);
		refuseIfEnded(claim, 'portal.dispute.error.closed');
		refuseIfWaiting(db, disputes, claim.id, 'open', 'portal.dispute.error.alreadyOpen');
		const now = clock().now();
		const attachmentId = storeAttachment(db, file, mime, now);
		const row = insertAudited(db, actor, disputes, {
			values: {
				claimId: claim.id,
				debtorId: claim.debtorId,
				reason: reason!,
				details,
				attachmentId,
				answerDueDate: addDays(localDate(now), ANSWER_DAYS),
				createdAt: now
			},
			audit: {
				action: 'dispute.open',
				entity: 'dispute',
				after: { claimId: claim.id, reason, attachmentId }
			}
		});
		changeStatus(db, actor, claim.id, 'disputed', `dispute ${row.id}`);
		holdForDispute(db, actor, claim.id, row.id);
		return row;
	});
}

export function openDisputesForOps(db: DB, actor: Actor) {
	assertAgencyStaff(actor);
	return disputesForQueue(db, eq(disputes.status, 'open')).map(({ d, summary }) => ({
		...summary,
		details: d.details,
		attachmentId: d.attachmentId
	}));
}

/**
 * What the operator's answer does to the claim: upheld closes it (and what was arranged on it);
 * otherwise it goes back to where it was: paid if it was paid meanwhile, its running plan if it
 * has one, else the reminder process.
 */
function claimAfter(db: DB, actor: Actor, d: { id: number; claimId: number }, o: DisputeOutcome) {
	const why = `dispute ${d.id} ${o}`;
	if (o === 'upheld') return closeClaim(db, actor, d.claimId, why);
	// paid in full while the dispute waited: it stays paid, not back into the process at nothing
	if ((cachedBalance(db, d.claimId) ?? 0) <= 0)
		return changeStatus(db, actor, d.claimId, 'paid', why);
	const running = openPlanOf(db, d.claimId)?.status === 'active';
	changeStatus(db, actor, d.claimId, running ? 'in_plan' : 'open', why);
}

/**
 * The operator's answer: upheld writes off what is still owed (write-off lines like a correction's,
 * never counted as collected) and closes the claim; rejected puts it back into the process;
 * corrected (partly upheld) takes `writeOff` off the claim, per component (dispute-correction.ts),
 * and puts it back into the process with what stays owed.
 */
export function answerDispute(
	db: DB,
	actor: Actor,
	input: {
		disputeId: number;
		outcome: string;
		answer: string;
		writeOff?: Partial<Record<Component, number>>;
	}
) {
	assertAgencyStaff(actor);
	const answer = input.answer.trim();
	const outcome = DISPUTE_OUTCOMES.find((o) => o === input.outcome);
	const errors: ConstructorParameters<typeof ValidationError>[0] = {};
	if (!outcome) errors.outcome = { key: 'form.required' };
	if (answer.length < 5) errors.answer = { key: 'portal.dispute.error.answer' };
	if (!outcome) throw new ValidationError(errors);
	return writeTx(db, () => {
		const d = disputeById(db, input.disputeId);
		// withdrawn: its claim was closed meanwhile (claim-closing.ts), there is nothing to decide
		if (d.status === 'withdrawn') throw new ConflictError('portal.dispute.ops.error.withdrawn');
		if (d.status !== 'open') throw new ConflictError('portal.dispute.error.answered');
		const now = clock().now();
		const off =
			outcome === 'upheld'
				? upheldWriteOff(openBalances(db, d.claimId))
				: writeOffOf(outcome === 'corrected' ? input.writeOff : undefined);
		// the amounts are checked against the ledger as it stands, all refusals at once
		if (outcome === 'corrected') Object.assign(errors, correctionRefusals(db, d.claimId, off));
		if (Object.keys(errors).length) throw new ValidationError(errors);
		if (totalOf(off) > 0) postCorrection(db, d, off, localDate(now));
		// a correction on a claim in a running plan takes the amount off the plan's last instalments
		if (outcome === 'corrected') reducePlan(db, d.claimId, totalOf(off), now);
		updateAudited(db, actor, disputes, d.id, {
			set: {
				status: outcome,
				answer,
				answeredBy: 'userId' in actor ? actor.userId : null,
				answeredAt: now
			},
			audit: {
				action: `dispute.${outcome}`,
				entity: 'dispute',
				before: { status: 'open' },
				after:
					totalOf(off) > 0
						? { status: outcome, writtenOffMinor: totalOf(off), writtenOff: off }
						: { status: outcome }
			}
		});
		claimAfter(db, actor, d, outcome);
		endHoldsOf(db, actor, 'dispute', d.id, outcome);
		notifyAnswered(db, d, 'answer', now);
		return { ...d, status: outcome };
	});
}
