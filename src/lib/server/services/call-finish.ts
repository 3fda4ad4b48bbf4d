/**
 * The call's last step (calls.ts tells the story): how it went, what was agreed, the callback
 * asked for, all in one transaction with the claim re-evaluated.
 */
import type { Actor } from '$lib/domain/actor';
import { DAY_MS, localDate } from '$lib/domain/clock';
import { insideWindow } from '$lib/domain/contact-rules';
import type { Proposal } from '$lib/domain/plans';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { openDispute } from './disputes';
import { reevaluateClaim } from './engine';
import { ConflictError, ValidationError } from './errors';
import { proposePlan } from './plan-debtor';
import { makePromise } from './promises';
import { writeTx } from './tx';
import { claimCtx } from './call-context';
import { openCall } from './call-steps';

export const CALL_OUTCOMES = [
	'conversation',
	'promise',
	'dispute',
	'plan',
	'callback',
	'refused',
	'wrong_party',
	'no_answer',
	'voicemail',
	'busy'
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
/** Outcomes that need the right party verified first: they speak about the debt. */
export const VERIFIED_OUTCOMES: readonly CallOutcome[] = [
	'conversation',
	'promise',
	'dispute',
	'plan'
];
/** A callback is asked for at most this many days ahead. */
export const CALLBACK_MAX_DAYS = 30;

export interface FinishInput {
	callId: number;
	outcome: CallOutcome;
	durationSeconds: number | null;
	recordingRef: string;
	note: string;
	/** outcome 'callback': when to call back */
	callbackAt?: number | null;
	promise?: { promisedDate: string; amountMinor: number | null } | null;
	dispute?: { reason: string; details: string } | null;
	plan?: Proposal | null;
	/** the task the call was opened from (closed with the claim's other due call tasks) */
	taskId?: number | null;
}

/** Records how the call went, with what was agreed; re-evaluates the claim. */
export function finishCall(db: DB, actor: Actor, input: FinishInput): { claimId: number } {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const now = clock().now();
		const call = openCall(db, input.callId);
		const c = claimCtx(db, call.claimId);
		const o = input.outcome;
		const wrongParty = o === 'wrong_party';
		// nothing about the debt is said to anyone not verified as the debtor (C3)
		if (VERIFIED_OUTCOMES.includes(o) && !call.verifiedAt)
			throw new ConflictError('calls.error.notVerified');
		const errors: Record<string, { key: string; params?: Record<string, string | number> }> = {};
		if (input.recordingRef.length > 300) errors.recordingRef = { key: 'form.invalid' };
		let callbackAt: number | null = null;
		if (o === 'callback') {
			callbackAt = input.callbackAt ?? null;
			if (callbackAt === null) errors.callbackAt = { key: 'form.required' };
			else if (callbackAt <= now) errors.callbackAt = { key: 'calls.error.callbackPast' };
			else if (callbackAt > now + CALLBACK_MAX_DAYS * DAY_MS)
				errors.callbackAt = {
					key: 'calls.error.callbackFar',
					params: { days: CALLBACK_MAX_DAYS }
				};
			else if (!insideWindow(callbackAt, c.limits))
				errors.callbackAt = { key: 'calls.error.callbackWindow' };
		}
		if (o === 'promise' && (!input.promise || input.promise.amountMinor == null))
			errors.amount = { key: 'form.required' };
		if (o === 'plan' && !input.plan) errors.installmentCount = { key: 'form.required' };
		if (Object.keys(errors).length) throw new ValidationError(errors);

		let captured: { promiseId?: number; disputeId?: number; planId?: number } = {};
		if (o === 'promise' && input.promise && input.promise.amountMinor != null)
			captured = {
				promiseId: makePromise(db, actor, {
					claimId: c.claimId,
					promisedDate: input.promise.promisedDate,
					amountMinor: input.promise.amountMinor
				}).id
			};
		if (o === 'dispute')
			captured = {
				disputeId: openDispute(db, actor, {
					claimId: c.claimId,
					reason: input.dispute?.reason ?? '',
					details: input.dispute?.details ?? ''
				}).id
			};
		if (o === 'plan' && input.plan)
			captured = {
				planId: proposePlan(db, actor, { claimId: c.claimId, proposal: input.plan, mode: 'review' })
					.id
			};
		// a wrong party: nothing about the debt in the record (C3), not even the operator's note
		db.$client
			.prepare(
				`UPDATE contact_events SET outcome = ?, duration_seconds = ?, recording_ref = ?, note = ?,
				        template = NULL WHERE id = ?`
			)
			.run(
				o,
				input.durationSeconds,
				input.recordingRef.trim() || null,
				wrongParty ? null : input.note.trim() || null,
				call.id
			);
		if (callbackAt !== null) {
			db.$client
				.prepare(
					`INSERT INTO planned_actions (key, claim_id, kind, stage, step, due_date, due_at, channels_json, why_json, state, created_at)
					 VALUES (?, ?, 'contact', ?, 'callback', ?, ?, '["call"]', ?, 'planned', ?)`
				)
				.run(
					`callback:${call.id}`,
					c.claimId,
					c.stage,
					localDate(callbackAt),
					callbackAt,
					JSON.stringify({ rule: 'callback_requested', facts: { contactEventId: call.id } }),
					now
				);
		}
		// the call done: the claim's call tasks due by now are done (the one it was opened from too)
		const closed = db.$client
			.prepare(
				`UPDATE planned_actions SET state = 'done', done_at = ?
				  WHERE claim_id = ? AND state = 'planned' AND kind = 'contact' AND channels_json LIKE '["call"%'
				    AND (id = ? OR (due_at IS NULL AND due_date <= ?) OR due_at <= ?)`
			)
			.run(now, c.claimId, input.taskId ?? 0, localDate(now), now).changes;
		audit(db, actor, {
			action: 'call.logged',
			entity: 'contact_event',
			entityId: call.id,
			before: { outcome: 'dialing' },
			after: wrongParty
				? { outcome: o }
				: {
						claimId: c.claimId,
						outcome: o,
						durationSeconds: input.durationSeconds,
						recording: !!input.recordingRef.trim(),
						callbackAt,
						tasksDone: closed,
						...captured
					}
		});
		reevaluateClaim(db, actor, c.claimId);
		return { claimId: c.claimId };
	});
}
