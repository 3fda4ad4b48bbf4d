/**
 * Field visits (issue 18, item 4). Visit tasks are the engine's contact steps whose first channel
 * is a visit (or ones an operator schedules); each goes to the field agent whose region (an
 * inclusive range of postal codes, set by admins) holds the debtor's postal code. An agent sees
 * only their region's visits, in route order (by postal code, then town and street: the order a
 * day's round takes). The outcome is recorded in one transaction with the contact rules' check
 * (C1 window, C2 cap, C8): a refusal is recorded as a blocked contact with its reason. The agent
 * may attach the signed acknowledgement of debt (a photo or a PDF, checked by its content like a
 * dispute's document) and propose an installment plan on the spot (the portal's rules and
 * evaluator; an operator approves it).
 */
import { inRegionSql } from '$lib/domain/address';
import { createHash } from 'node:crypto';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { latestFirstDueDate, minDownPayment, type Proposal } from '$lib/domain/plans';
import { bandFor } from '$lib/domain/rules';
import type { Currency } from '$lib/domain/money';
import type { Frequency } from '$lib/domain/schedule-types';
import type { Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { assertAdmin, assertAgencyStaff } from './actor';
import { audit } from './audit';
import type { Callable } from './calls';
import { contactableNow } from './call-context';
import { MAX_ATTACHMENT_BYTES, sniffMime } from './disputes';
import { reevaluateClaim } from './engine';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors';
import { proposePlan } from './plan-debtor';
import { claimRules } from './rules';
import { limitsOf, markTaskDone } from './tasks';
import { writeTx } from './tx';

export const VISIT_OUTCOMES = ['met', 'not_home', 'moved', 'refused'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
/** How a visit's outcome is kept among the claim's contacts (C2 counts them all). */
const CONTACT_OUTCOME: Record<VisitOutcome, string> = {
	met: 'conversation',
	not_home: 'no_answer',
	moved: 'moved',
	refused: 'refused'
};

type Agent = Extract<Actor, { kind: 'field_agent' }>;

function assertFieldAgent(actor: Actor): asserts actor is Agent {
	if (actor.kind !== 'field_agent') throw new ForbiddenError();
}

export interface Visit {
	taskId: number;
	claimId: number;
	reference: string;
	creditorName: string;
	debtorName: string;
	postalCode: string;
	city: string;
	address: string;
	stage: Stage;
	balanceMinor: number;
	currency: string;
	dueDate: string;
	callable: Callable;
	/** the creditor's plan rules for this claim, said on the form before the agent proposes */
	planLimits: PlanLimits;
}

export interface PlanLimits {
	minDownMinor: number;
	maxInstallments: number;
	latestFirstDueDate: string;
	frequencies: Frequency[];
}

/** A visit as VISIT_SQL reads it: what the agent sees, and what the contact rules need. */
type VisitRow = Omit<Visit, 'callable' | 'planLimits'> & {
	debtorId: number;
	creditorId: number;
	portfolioId: number | null;
	limitsJson: string | null;
	optOut: number | null;
};

const VISIT_SQL = `
	SELECT a.id AS taskId, c.id AS claimId, c.debtor_id AS debtorId, c.creditor_id AS creditorId,
	       c.portfolio_id AS portfolioId, c.reference, cr.name AS creditorName,
	       d.name AS debtorName, d.postal_code AS postalCode, d.city, d.address, c.stage,
	       c.balance_minor AS balanceMinor, c.currency, a.due_date AS dueDate,
	       s.contact_limits_json AS limitsJson, p.opt_out_visit AS optOut
	  FROM planned_actions a
	  JOIN claims c ON c.id = a.claim_id
	  JOIN creditors cr ON cr.id = c.creditor_id
	  JOIN debtors d ON d.id = c.debtor_id
	  LEFT JOIN strategies s ON s.creditor_id = c.creditor_id
	  LEFT JOIN contact_preferences p ON p.debtor_id = c.debtor_id
	 WHERE a.state = 'planned' AND a.kind = 'contact' AND a.channels_json LIKE '["visit"%'
	   AND EXISTS (SELECT 1 FROM field_regions r WHERE r.agent_id = ?
	                  AND ${inRegionSql('d.postal_code', 'r')})`;

function toVisit(db: DB, r: VisitRow, now: number): Visit {
	const { debtorId: _d, creditorId: _c, portfolioId: _p, limitsJson, optOut, ...shown } = r;
	const limits = limitsOf(limitsJson);
	const c = { claimId: r.claimId, channel: 'visit' as const, limits, optedOut: !!optOut };
	const rules = claimRules(db, r);
	const balance = { balanceMinor: r.balanceMinor, currency: r.currency as Currency };
	return {
		...shown,
		callable: contactableNow(db, c, now),
		planLimits: {
			minDownMinor: minDownPayment(rules, balance),
			maxInstallments: bandFor(rules, r.balanceMinor).maxInstallments,
			latestFirstDueDate: latestFirstDueDate(rules, localDate(now)),
			frequencies: [...rules.frequencies]
		}
	};
}

/** The agent's visits due today or earlier, in their region only, in route order. */
export function myVisits(db: DB, actor: Actor): Visit[] {
	assertFieldAgent(actor);
	const now = clock().now();
	const rows = db.$client
		.prepare(
			`${VISIT_SQL} AND a.due_date <= ? ORDER BY d.postal_code, d.city, d.address, a.id LIMIT 200`
		)
		.all(actor.userId, localDate(now)) as VisitRow[];
	return rows.map((r) => toVisit(db, r, now));
}

export interface VisitInput {
	taskId: number;
	outcome: VisitOutcome;
	note: string;
	/** the signed acknowledgement of debt: a photo or a PDF */
	file?: Uint8Array | null;
	/**
	 * a plan proposed on the spot, on the debtor's behalf: inside the creditor's rules (else refused
	 * next to its field, nothing recorded); goes to an operator for approval
	 */
	plan?: Proposal | null;
	/** language of the amounts in a refusal's params */
	lang?: 'hu' | 'en';
}

/** Records a visit of the agent's region: checked and counted in one transaction. */
export function recordVisit(db: DB, actor: Actor, input: VisitInput): { claimId: number } {
	assertFieldAgent(actor);
	const file = input.file && input.file.length > 0 ? input.file : null;
	let mime: ReturnType<typeof sniffMime> = null;
	if (file) {
		if (file.length > MAX_ATTACHMENT_BYTES)
			throw new ValidationError({
				file: {
					key: 'portal.dispute.error.fileTooBig',
					params: { mb: MAX_ATTACHMENT_BYTES / (1024 * 1024) }
				}
			});
		if (!(mime = sniffMime(file)))
			throw new ValidationError({ file: { key: 'portal.dispute.error.fileType' } });
		if (input.outcome !== 'met') throw new ValidationError({ file: { key: 'field.error.notMet' } });
	}
	if (input.plan && input.outcome !== 'met')
		throw new ValidationError({ installmentCount: { key: 'field.error.notMet' } });
	const done = writeTx(db, () => {
		const now = clock().now();
		const r = db.$client.prepare(`${VISIT_SQL} AND a.id = ?`).get(actor.userId, input.taskId) as
			VisitRow | undefined;
		if (!r) throw new NotFoundError('visit');
		const v = toVisit(db, r, now);
		const insert = db.$client.prepare(
			`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, blocked_reason, note, attachment_id, operator_id, occurred_at)
			 VALUES (?, ?, 'visit', ?, 'outbound', ?, ?, ?, ?, ?, ?)`
		);
		if (v.callable.refusal) {
			const id = insert.run(
				r.claimId,
				r.debtorId,
				r.stage,
				'blocked',
				v.callable.refusal,
				null,
				null,
				actor.userId,
				now
			).lastInsertRowid;
			audit(db, actor, {
				action: 'visit.refused',
				entity: 'contact_event',
				entityId: Number(id),
				after: { claimId: r.claimId, reason: v.callable.refusal }
			});
			return { refused: v.callable.refusal, claimId: r.claimId };
		}
		let attachmentId: number | null = null;
		if (file && mime)
			attachmentId = Number(
				db.$client
					.prepare(
						`INSERT INTO attachments (mime, size_bytes, sha256, content, created_at) VALUES (?, ?, ?, ?, ?)`
					)
					.run(
						mime,
						file.length,
						createHash('sha256').update(file).digest('hex'),
						Buffer.from(file),
						now
					).lastInsertRowid
			);
		const contactId = Number(
			insert.run(
				r.claimId,
				r.debtorId,
				r.stage,
				CONTACT_OUTCOME[input.outcome],
				null,
				input.note.trim() || null,
				attachmentId,
				actor.userId,
				now
			).lastInsertRowid
		);
		const planId =
			input.plan && input.outcome === 'met'
				? proposePlan(db, actor, {
						claimId: r.claimId,
						proposal: input.plan,
						mode: 'review',
						withinRules: true,
						lang: input.lang
					}).id
				: null;
		markTaskDone(db, r.taskId, now);
		audit(db, actor, {
			action: 'visit.logged',
			entity: 'contact_event',
			entityId: contactId,
			after: {
				claimId: r.claimId,
				taskId: r.taskId,
				outcome: input.outcome,
				attachmentId,
				planId
			}
		});
		reevaluateClaim(db, actor, r.claimId);
		return { refused: null, claimId: r.claimId };
	});
	if (done.refused) throw new ConflictError(`ops.tasks.refused.${done.refused}`);
	return { claimId: done.claimId };
}

// ---- regions (admins) ---------------------------------------------------------------------

export interface RegionRow {
	id: number;
	agentId: number;
	agentName: string;
	postalFrom: string;
	postalTo: string;
}

export function fieldRegions(db: DB, actor: Actor) {
	assertAdmin(actor);
	const regions = db.$client
		.prepare(
			`SELECT r.id, r.agent_id AS agentId, u.name AS agentName, r.postal_from AS postalFrom,
			        r.postal_to AS postalTo
			   FROM field_regions r JOIN staff_users u ON u.id = r.agent_id
			  ORDER BY r.postal_from, r.id`
		)
		.all() as RegionRow[];
	const agents = db.$client
		.prepare(
			`SELECT id, name FROM staff_users WHERE role = 'field_agent' AND disabled_at IS NULL ORDER BY name`
		)
		.all() as { id: number; name: string }[];
	return { regions, agents };
}

const POSTAL = /^\d{4}$/;

export function addRegion(
	db: DB,
	actor: Actor,
	input: { agentId: number; postalFrom: string; postalTo: string }
): { id: number } {
	assertAdmin(actor);
	const errors: Record<string, { key: string }> = {};
	if (!POSTAL.test(input.postalFrom)) errors.postalFrom = { key: 'admin.regions.error.postal' };
	if (!POSTAL.test(input.postalTo)) errors.postalTo = { key: 'admin.regions.error.postal' };
	else if (POSTAL.test(input.postalFrom) && input.postalTo < input.postalFrom)
		errors.postalTo = { key: 'admin.regions.error.order' };
	return writeTx(db, () => {
		const agent = db.$client
			.prepare(`SELECT id FROM staff_users WHERE id = ? AND role = 'field_agent'`)
			.get(input.agentId);
		if (!agent) errors.agentId = { key: 'form.required' };
		if (Object.keys(errors).length) throw new ValidationError(errors);
		const id = Number(
			db.$client
				.prepare(
					`INSERT INTO field_regions (agent_id, postal_from, postal_to, created_at) VALUES (?, ?, ?, ?)`
				)
				.run(input.agentId, input.postalFrom, input.postalTo, clock().now()).lastInsertRowid
		);
		audit(db, actor, {
			action: 'region.add',
			entity: 'field_region',
			entityId: id,
			after: { agentId: input.agentId, from: input.postalFrom, to: input.postalTo }
		});
		return { id };
	});
}

export function removeRegion(db: DB, actor: Actor, input: { regionId: number }): void {
	assertAdmin(actor);
	writeTx(db, () => {
		const row = db.$client
			.prepare(
				`SELECT agent_id AS agentId, postal_from AS postalFrom, postal_to AS postalTo FROM field_regions WHERE id = ?`
			)
			.get(input.regionId);
		if (!row) throw new NotFoundError('region');
		db.$client.prepare(`DELETE FROM field_regions WHERE id = ?`).run(input.regionId);
		audit(db, actor, {
			action: 'region.remove',
			entity: 'field_region',
			entityId: input.regionId,
			before: row as Record<string, unknown>
		});
	});
}

/** For the operators' home: visits due by today, and those no agent's region covers. */
export function visitCounts(db: DB, actor: Actor): { due: number; unassigned: number } {
	assertAgencyStaff(actor);
	const r = db.$client
		.prepare(
			`SELECT count(*) AS due,
			        coalesce(sum(NOT EXISTS (SELECT 1 FROM field_regions r
			                   WHERE ${inRegionSql('d.postal_code', 'r')})), 0) AS unassigned
			   FROM planned_actions a
			   JOIN claims c ON c.id = a.claim_id
			   JOIN debtors d ON d.id = c.debtor_id
			  WHERE a.state = 'planned' AND a.kind = 'contact' AND a.channels_json LIKE '["visit"%'
			    AND a.due_date <= ?`
		)
		.get(localDate(clock().now())) as { due: number; unassigned: number };
	return r;
}
