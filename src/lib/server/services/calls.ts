/**
 * Calls (issue 18, item 3): the operators' worklist of call tasks, and the call itself.
 *
 * A call has three steps. "Call" (`startCall`) checks the contact rules (C1 window, C2 cap, no
 * call within days after a conversation, C8) and records the call as a contact (`dialing`) in the
 * SAME transaction, so two operators cannot both call past the cap: the second one is refused with
 * the reason (recorded as a blocked contact). Then the operator verifies the right party
 * (`verifyParty`: the name confirmed and the birth date, tax number or postal code the person gives
 * must match what is on file); only then does anything about the debt reach the page (C3). Last,
 * `finishCall` records the outcome, the duration, the recording reference and notes, captures a
 * promise, dispute or plan proposal with the existing services, plans a callback as a call task,
 * closes the claim's due call tasks and re-evaluates the claim, all in one transaction. A wrong
 * party keeps nothing about the debt in the contact's record.
 */
import { recordingLink } from '$lib/domain/timeline';
import type { Actor } from '$lib/domain/actor';
import { addDays, DAY_MS, instantAt, localDate } from '$lib/domain/clock';
import {
	allowedFrom,
	contactCheck,
	insideWindow,
	type ContactRefusal
} from '$lib/domain/contact-rules';
import type { Proposal } from '$lib/domain/plans';
import { STAGES, type ContactLimits, type Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { openDispute } from './disputes';
import { reevaluateClaim } from './engine';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { proposePlan } from './plan-debtor';
import { makePromise } from './promises';
import { limitsOf, recentContacts } from './tasks';
import { writeTx } from './tx';

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

export type VerifyQuestion = 'birth_date' | 'tax_number' | 'postal_code';

/** Whether the call may be made now, and if not why and from when (null: not by itself, C8). */
export interface Callable {
	refusal: ContactRefusal | null;
	allowedFrom: number | null;
}

interface ClaimCtx {
	claimId: number;
	debtorId: number;
	reference: string;
	stage: Stage;
	status: string;
	balanceMinor: number;
	currency: string;
	creditorName: string;
	debtorName: string;
	phone: string | null;
	birthDate: string | null;
	taxNumber: string | null;
	postalCode: string;
	limits: ContactLimits;
	optedOut: boolean;
}

function claimCtx(db: DB, claimId: number): ClaimCtx {
	const r = db.$client
		.prepare(
			`SELECT c.id AS claimId, c.debtor_id AS debtorId, c.reference, c.stage, c.status,
			        c.balance_minor AS balanceMinor, c.currency, cr.name AS creditorName,
			        d.name AS debtorName, d.phone, d.birth_date AS birthDate, d.tax_number AS taxNumber,
			        d.postal_code AS postalCode, s.contact_limits_json AS limitsJson,
			        p.opt_out_call AS optOut
			   FROM claims c
			   JOIN creditors cr ON cr.id = c.creditor_id
			   JOIN debtors d ON d.id = c.debtor_id
			   LEFT JOIN strategies s ON s.creditor_id = c.creditor_id
			   LEFT JOIN contact_preferences p ON p.debtor_id = c.debtor_id
			  WHERE c.id = ?`
		)
		.get(claimId) as
		| (Omit<ClaimCtx, 'limits' | 'optedOut'> & { limitsJson: string | null; optOut: number | null })
		| undefined;
	if (!r) throw new NotFoundError('claim');
	const { limitsJson, optOut, ...rest } = r;
	return { ...rest, limits: limitsOf(limitsJson), optedOut: !!optOut };
}

function callable(db: DB, ctx: ClaimCtx, now: number): Callable {
	const input = {
		now,
		channel: 'call' as const,
		limits: ctx.limits,
		optedOut: ctx.optedOut,
		recent: recentContacts(db, ctx.claimId, now)
	};
	const refusal = contactCheck(input);
	return { refusal, allowedFrom: refusal ? allowedFrom(input) : now };
}

const questionOf = (c: Pick<ClaimCtx, 'birthDate' | 'taxNumber'>): VerifyQuestion =>
	c.birthDate ? 'birth_date' : c.taxNumber ? 'tax_number' : 'postal_code';

// ---- the worklist -------------------------------------------------------------------------

export interface CallTask {
	taskId: number;
	claimId: number;
	reference: string;
	debtorName: string;
	phone: string | null;
	stage: Stage;
	balanceMinor: number;
	currency: string;
	dueDate: string;
	/** a callback the debtor asked for: the moment (null for the engine's call steps) */
	callbackAt: number | null;
	promiseBroken: boolean;
	callable: Callable;
}

interface TaskRow {
	id: number;
	claim_id: number;
	step: string;
	due_date: string;
	due_at: number | null;
	broken: number;
}

/**
 * The call tasks due today (the engine's call steps due today or earlier, callbacks asked for
 * today or earlier), one per claim, by priority: a callback whose time has come first, then a
 * broken promise, the later stage, the larger balance. Each says whether it may be called now.
 */
export function callList(db: DB, actor: Actor, o: { limit?: number } = {}): CallTask[] {
	assertAgencyStaff(actor);
	const now = clock().now();
	const today = localDate(now);
	const rows = db.$client
		.prepare(
			`SELECT a.id, a.claim_id, a.step, a.due_date, a.due_at,
			        EXISTS (SELECT 1 FROM promises pr WHERE pr.claim_id = a.claim_id AND pr.status = 'broken'
			                   AND pr.resolved_at > ?) AS broken
			   FROM planned_actions a
			  WHERE a.state = 'planned' AND a.kind = 'contact' AND a.channels_json LIKE '["call"%'
			    AND ((a.due_at IS NULL AND a.due_date <= ?) OR a.due_at < ?)
			  ORDER BY a.due_at IS NULL, a.due_at, a.due_date, a.id
			  LIMIT 2000`
		)
		.all(now - 30 * DAY_MS, today, instantAt(addDays(today, 1))) as TaskRow[];
	const byClaim = new Map<number, TaskRow>();
	for (const r of rows) if (!byClaim.has(r.claim_id)) byClaim.set(r.claim_id, r);
	const tasks: CallTask[] = [];
	for (const r of byClaim.values()) {
		const c = claimCtx(db, r.claim_id);
		tasks.push({
			taskId: r.id,
			claimId: c.claimId,
			reference: c.reference,
			debtorName: c.debtorName,
			phone: c.phone,
			stage: c.stage,
			balanceMinor: c.balanceMinor,
			currency: c.currency,
			dueDate: r.due_date,
			callbackAt: r.due_at,
			promiseBroken: !!r.broken,
			callable: callable(db, c, now)
		});
	}
	const rank = (t: CallTask) => [
		t.callbackAt !== null && t.callbackAt <= now ? 1 : 0,
		t.promiseBroken ? 1 : 0,
		STAGES.indexOf(t.stage),
		t.balanceMinor
	];
	tasks.sort((a, b) => {
		const x = rank(a);
		const y = rank(b);
		for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i] - x[i];
		return a.taskId - b.taskId;
	});
	return tasks.slice(0, o.limit ?? 200);
}

// ---- the call -----------------------------------------------------------------------------

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

function debtOf(c: ClaimCtx): CallDebt {
	return {
		reference: c.reference,
		creditorName: c.creditorName,
		balanceMinor: c.balanceMinor,
		currency: c.currency,
		stage: c.stage,
		status: c.status
	};
}

/** A started call (outcome still `dialing`) and its claim. */
function openCall(db: DB, callId: number) {
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

/** What the operator may tell the debtor once the right party is verified. */
export interface CallDebt {
	reference: string;
	creditorName: string;
	balanceMinor: number;
	currency: string;
	stage: Stage;
	status: string;
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

/** The recording's link from the telephony system's id or URL and the `RECORDING_URL_TEMPLATE`. */
export function recordingUrl(ref: string | null, template: string | undefined): string | null {
	return recordingLink(ref, template);
}

/** For the operators' home: callbacks whose time has come (asked for by debtors, not yet made). */
export function callbacksDue(db: DB, actor: Actor): number {
	assertAgencyStaff(actor);
	return db.$client
		.prepare(
			`SELECT count(*) FROM planned_actions
			  WHERE state = 'planned' AND kind = 'contact' AND step = 'callback' AND due_at <= ?`
		)
		.pluck()
		.get(clock().now()) as number;
}
