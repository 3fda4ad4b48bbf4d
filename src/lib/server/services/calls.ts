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
 *
 * Here: the worklist. The first two steps are in call-steps.ts, the last in call-finish.ts, what
 * they all know of the claim in call-context.ts.
 */
import { recordingLink } from '$lib/domain/timeline';
import type { Actor } from '$lib/domain/actor';
import { addDays, DAY_MS, instantAt, localDate } from '$lib/domain/clock';
import { STAGES, type Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { callable, claimCtx, type Callable } from './call-context';

export type { Callable, CallDebt, VerifyQuestion } from './call-context';
export {
	CALL_OUTCOMES,
	CALLBACK_MAX_DAYS,
	finishCall,
	VERIFIED_OUTCOMES,
	type CallOutcome,
	type FinishInput
} from './call-finish';
export { callSheet, startCall, verifyParty, type CallSheet, type RecentCall } from './call-steps';

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
