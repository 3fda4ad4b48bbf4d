/**
 * The call's first steps (calls.ts tells the story): the form before the right party is verified,
 * starting a call inside the contact rules, and the right-party check.
 */
import type { Actor } from '$lib/domain/actor';
import { DAY_MS } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { writeTx } from './tx';
import { promiseLimitsOf, type PromiseLimits } from './promises';
import {
	callable,
	claimCtx,
	debtOf,
	questionOf,
	type Callable,
	type CallDebt,
	type ClaimCtx,
	type VerifyQuestion
} from './call-context';

/** What the call form shows before the right party is verified: nothing about the debt (C3). */
export interface CallSheet {
	claimId: number;
	debtorName: string;
	phone: string | null;
	question: VerifyQuestion;
	callable: Callable;
	/** this operator's started call on the claim that has no outcome yet */
	openCall: { id: number; verified: boolean } | null;
	/** the debt's details: only once the right party is verified on the open call */
	debt: CallDebt | null;
	/** the claim's earlier calls (only once verified: a note may speak of the debt) */
	recent: RecentCall[];
	/** what a promise taken on the call may be (only once verified), stated on the form first */
	promise: PromiseLimits | null;
}

export interface RecentCall {
	id: number;
	at: number;
	outcome: string;
	durationSeconds: number | null;
	recordingRef: string | null;
	note: string | null;
}

export function callSheet(db: DB, actor: Actor, claimId: number): CallSheet {
	assertAgencyStaff(actor);
	const now = clock().now();
	const c = claimCtx(db, claimId);
	const open = db.$client
		.prepare(
			`SELECT id, verified_at AS verifiedAt FROM contact_events
			  WHERE claim_id = ? AND channel = 'call' AND outcome = 'dialing' AND operator_id = ?
			    AND occurred_at > ? ORDER BY id DESC LIMIT 1`
		)
		.get(claimId, actor.userId, now - DAY_MS) as
		{ id: number; verifiedAt: number | null } | undefined;
	const verified = !!open?.verifiedAt;
	return {
		claimId: c.claimId,
		debtorName: c.debtorName,
		phone: c.phone,
		question: questionOf(c),
		callable: callable(db, c, now),
		openCall: open ? { id: open.id, verified } : null,
		debt: verified ? debtOf(c) : null,
		promise: verified ? promiseLimitsOf(db, c.claimId) : null,
		recent: verified
			? (db.$client
					.prepare(
						`SELECT id, occurred_at AS at, outcome, duration_seconds AS durationSeconds,
						        recording_ref AS recordingRef, note FROM contact_events
						  WHERE claim_id = ? AND channel = 'call' AND outcome NOT IN ('dialing', 'blocked')
						  ORDER BY occurred_at DESC LIMIT 10`
					)
					.all(c.claimId) as RecentCall[])
			: []
	};
}

/** A started call (outcome still `dialing`) and its claim. */
export function openCall(db: DB, callId: number) {
	const call = db.$client
		.prepare(
			`SELECT id, claim_id AS claimId, outcome, verified_at AS verifiedAt FROM contact_events
			  WHERE id = ? AND channel = 'call'`
		)
		.get(callId) as
		{ id: number; claimId: number; outcome: string; verifiedAt: number | null } | undefined;
	if (!call) throw new NotFoundError('call');
	if (call.outcome !== 'dialing') throw new ConflictError('calls.error.notOpen');
	return call;
}

/** Starts a call: checked against the contact rules and counted in one transaction. */
export function startCall(db: DB, actor: Actor, input: { claimId: number }): { callId: number } {
	assertAgencyStaff(actor);
	const out = writeTx(db, () => {
		const now = clock().now();
		const c = claimCtx(db, input.claimId);
		const check = callable(db, c, now);
		const outcome = check.refusal ? 'blocked' : 'dialing';
		const callId = Number(
			db.$client
				.prepare(
					`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, blocked_reason, operator_id, occurred_at)
					 VALUES (?, ?, 'call', ?, 'outbound', ?, ?, ?, ?)`
				)
				.run(c.claimId, c.debtorId, c.stage, outcome, check.refusal, actor.userId, now)
				.lastInsertRowid
		);
		audit(db, actor, {
			action: check.refusal ? 'call.refused' : 'call.start',
			entity: 'contact_event',
			entityId: callId,
			after: { claimId: c.claimId, reason: check.refusal }
		});
		return { callId, check };
	});
	// the refused attempt stays recorded (C2: "refused with a recorded reason"); the operator is told why
	if (out.check.refusal) throw new ConflictError(`ops.tasks.refused.${out.check.refusal}`);
	return { callId: out.callId };
}

const normal = (s: string) => s.replace(/[\s.\-/]/g, '').toLowerCase();

function verified(
	c: ClaimCtx,
	v: { nameConfirmed: boolean; answer: string }
): Record<string, { key: string }> | null {
	const errors: Record<string, { key: string }> = {};
	if (!v.nameConfirmed) errors.nameConfirmed = { key: 'calls.verify.error.name' };
	const expected =
		questionOf(c) === 'birth_date' ? c.birthDate : c.taxNumber ? c.taxNumber : c.postalCode;
	if (!v.answer.trim()) errors.answer = { key: 'form.required' };
	else if (!expected || normal(v.answer) !== normal(expected))
		errors.answer = { key: 'calls.verify.error.mismatch' };
	return Object.keys(errors).length ? errors : null;
}

/**
 * The right-party check on a started call: the name confirmed and the answer matching what is on
 * file. Recorded on the call; only then does the form show the debt. A mismatch is a
 * ValidationError next to the answer (nothing disclosed).
 */
export function verifyParty(
	db: DB,
	actor: Actor,
	input: { callId: number; nameConfirmed: boolean; answer: string }
): CallDebt {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const call = openCall(db, input.callId);
		const c = claimCtx(db, call.claimId);
		const errors = verified(c, input);
		if (errors) throw new ValidationError(errors);
		db.$client
			.prepare(`UPDATE contact_events SET verified_at = ? WHERE id = ?`)
			.run(clock().now(), call.id);
		audit(db, actor, {
			action: 'call.verified',
			entity: 'contact_event',
			entityId: call.id,
			after: { claimId: c.claimId, question: questionOf(c) }
		});
		return debtOf(c);
	});
}
