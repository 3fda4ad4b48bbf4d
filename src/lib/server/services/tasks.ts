/**
 * The operators' queue of calls and visits (issue 16, item 5): the contact actions the engine
 * planned whose first channel is a call or a visit, due today or earlier. An operator records
 * how it went; the contact rules are checked again at that moment (C1, C2, C8: contact-rules.ts),
 * a refusal is recorded as a blocked contact with its reason and the task stays in the queue; a
 * recorded contact closes the task and re-evaluates the claim at once.
 */
import type { Actor } from '$lib/domain/actor';
import { DAY_MS, localDate } from '$lib/domain/clock';
import { contactCheck, type ContactRefusal, type RecentContact } from '$lib/domain/contact-rules';
import {
	defaultContactLimits,
	type Channel,
	type ContactLimits,
	type Stage
} from '$lib/domain/stages';
import type { DB } from '../db/client';
import { stmt } from '../db/per-connection';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { reevaluateClaim } from './engine';
import { ConflictError, NotFoundError } from './errors';
import { writeTx } from './tx';

export const TASK_CHANNELS = ['call', 'visit'] as const;
export type TaskChannel = (typeof TASK_CHANNELS)[number];
/** What an operator can record of a call or a visit. */
export const TASK_OUTCOMES = ['conversation', 'no_answer', 'refused'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

export interface Task {
	id: number;
	claimId: number;
	debtorId: number;
	reference: string;
	debtorName: string;
	/** the phone for a call, the address for a visit */
	reach: string | null;
	channel: TaskChannel;
	stage: Stage;
	step: string;
	dueDate: string;
	balanceMinor: number;
	currency: string;
	/** why it may not be done right now (C1, C2, C8), or null */
	refusal: ContactRefusal | null;
}

interface Row {
	id: number;
	claim_id: number;
	debtor_id: number;
	reference: string;
	name: string;
	phone: string | null;
	postal_code: string;
	city: string;
	address: string;
	channels_json: string;
	stage: Stage;
	step: string;
	due_date: string;
	balance_minor: number;
	currency: string;
	limits_json: string | null;
	opt_out_call: number | null;
	opt_out_visit: number | null;
}

const TASK_SQL = `
	SELECT a.id, a.claim_id, c.debtor_id, c.reference, d.name, d.phone, d.postal_code, d.city, d.address,
	       a.channels_json, a.stage, a.step, a.due_date, c.balance_minor, c.currency,
	       s.contact_limits_json AS limits_json, p.opt_out_call, p.opt_out_visit
	  FROM planned_actions a
	  JOIN claims c ON c.id = a.claim_id
	  JOIN debtors d ON d.id = c.debtor_id
	  LEFT JOIN strategies s ON s.creditor_id = c.creditor_id
	  LEFT JOIN contact_preferences p ON p.debtor_id = c.debtor_id
	 WHERE a.state = 'planned' AND a.kind = 'contact'
	   AND (a.channels_json LIKE '["call"%' OR a.channels_json LIKE '["visit"%')`;

/** A strategy's contact limits (C1, C2) as stored; the defaults where none are kept or unreadable. */
export function limitsOf(json: string | null): ContactLimits {
	if (!json) return defaultContactLimits();
	try {
		return { ...defaultContactLimits(), ...(JSON.parse(json) as Partial<ContactLimits>) };
	} catch {
		return defaultContactLimits();
	}
}

/**
 * The claim's contacts of the `days` before `now`, oldest first, for the contact rules: 30 by
 * default, enough for the quiet days after a conversation before a call (C2).
 */
export function recentContacts(db: DB, claimId: number, now: number, days = 30): RecentContact[] {
	return stmt(
		db,
		`SELECT occurred_at AS at, channel, direction, outcome FROM contact_events
		  WHERE claim_id = ? AND occurred_at > ? ORDER BY occurred_at`
	).all(claimId, now - days * DAY_MS) as RecentContact[];
}

function toTask(db: DB, r: Row, now: number): Task {
	const channel = (JSON.parse(r.channels_json) as Channel[])[0] as TaskChannel;
	return {
		id: r.id,
		claimId: r.claim_id,
		debtorId: r.debtor_id,
		reference: r.reference,
		debtorName: r.name,
		reach: channel === 'call' ? r.phone : `${r.postal_code} ${r.city}, ${r.address}`,
		channel,
		stage: r.stage,
		step: r.step,
		dueDate: r.due_date,
		balanceMinor: r.balance_minor,
		currency: r.currency,
		refusal: contactCheck({
			now,
			channel,
			limits: limitsOf(r.limits_json),
			optedOut: !!(channel === 'call' ? r.opt_out_call : r.opt_out_visit),
			recent: recentContacts(db, r.claim_id, now)
		})
	};
}

/** Calls and visits due today or earlier, oldest first (at most `limit`). */
export function dueTasks(db: DB, actor: Actor, o: { channel?: TaskChannel; limit?: number } = {}) {
	assertAgencyStaff(actor);
	const now = clock().now();
	const channel = o.channel ? ` AND a.channels_json LIKE '["${o.channel}"%'` : '';
	const rows = db.$client
		.prepare(`${TASK_SQL}${channel} AND a.due_date <= ? ORDER BY a.due_date, a.id LIMIT ?`)
		.all(localDate(now), o.limit ?? 100) as Row[];
	return rows.map((r) => toTask(db, r, now));
}

/** A call or visit task done at `now` (the caller audits what was done). */
export function markTaskDone(db: DB, taskId: number, now: number): void {
	db.$client
		.prepare(`UPDATE planned_actions SET state = 'done', done_at = ? WHERE id = ?`)
		.run(now, taskId);
}

/**
 * Records how a call or visit went. Refused by the contact rules: a blocked contact is recorded
 * with the reason and ConflictError says why; the task stays planned for a later moment.
 */
export function recordTaskOutcome(
	db: DB,
	actor: Actor,
	input: { taskId: number; outcome: TaskOutcome }
): { claimId: number } {
	assertAgencyStaff(actor);
	const done = writeTx(db, () => {
		const now = clock().now();
		const r = db.$client.prepare(`${TASK_SQL} AND a.id = ?`).get(input.taskId) as Row | undefined;
		if (!r) throw new NotFoundError('task');
		const task = toTask(db, r, now);
		const contact = (outcome: string, reason: string | null) =>
			db.$client
				.prepare(
					`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, blocked_reason, template, operator_id, occurred_at)
					 VALUES (?, ?, ?, ?, 'outbound', ?, ?, ?, ?, ?)`
				)
				.run(
					r.claim_id,
					r.debtor_id,
					task.channel,
					r.stage,
					outcome,
					reason,
					r.step,
					actor.userId,
					now
				);
		if (task.refusal) {
			contact('blocked', task.refusal);
			audit(db, actor, {
				action: 'task.refused',
				entity: 'planned_action',
				entityId: r.id,
				after: { claimId: r.claim_id, channel: task.channel, reason: task.refusal }
			});
			return { refused: task.refusal, claimId: r.claim_id };
		}
		contact(input.outcome, null);
		markTaskDone(db, r.id, now);
		audit(db, actor, {
			action: 'task.done',
			entity: 'planned_action',
			entityId: r.id,
			before: { state: 'planned' },
			after: { state: 'done', claimId: r.claim_id, channel: task.channel, outcome: input.outcome }
		});
		// a call outcome re-evaluates the claim at once (issue 16, item 2)
		reevaluateClaim(db, actor, r.claim_id);
		return { refused: null, claimId: r.claim_id };
	});
	// the blocked contact stays recorded (C2: "refused with a recorded reason"); the operator is told why
	if (done.refused) throw new ConflictError(`ops.tasks.refused.${done.refused}`);
	return { claimId: done.claimId };
}
