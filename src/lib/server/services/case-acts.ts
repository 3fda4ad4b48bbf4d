/**
 * The operator's acts from the case page (case-file.ts) that have no service elsewhere: a note, an
 * escalation (C9 checked as the engine checks it), a visit scheduled for the field queue.
 */
import type { Actor } from '$lib/domain/actor';
import { addDays, isValidDate, localDate } from '$lib/domain/clock';
import { escalation, type EscalationRefusal } from '$lib/domain/escalation';
import type { Hold } from '$lib/domain/holds';
import { isBusinessDay } from '$lib/domain/holidays';
import type { Currency } from '$lib/domain/money';
import type { ClaimStatus, Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { enterStage, refuseIfEnded } from './claim-state';
import { loadClaim } from './engine-facts';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { reevaluateNow } from './holds';
import { claimEngineRow, versionBody } from './strategy-versions';
import { writeTx } from './tx';

export const NOTE_MAX = 2000;
export const ESCALATE_REASON_MIN = 5;
export const ESCALATE_REASON_MAX = 1000;
/** A scheduled visit is at most this many days ahead. */
export const VISIT_MAX_DAYS = 90;

function claimOf(db: DB, claimId: number) {
	const c = db.$client
		.prepare('SELECT id, debtor_id AS debtorId, status, stage FROM claims WHERE id = ?')
		.get(claimId) as
		{ id: number; debtorId: number; status: ClaimStatus; stage: Stage } | undefined;
	if (!c) throw new NotFoundError('claim');
	return c;
}

/** A note on the debtor, or on one of their claims. */
export function addNote(
	db: DB,
	actor: Actor,
	input: { debtorId: number; claimId: number | null; body: string }
): { id: number } {
	assertAgencyStaff(actor);
	const body = input.body.trim();
	if (body.length === 0) throw new ValidationError({ body: { key: 'form.required' } });
	if (body.length > NOTE_MAX)
		throw new ValidationError({ body: { key: 'form.tooLong', params: { max: NOTE_MAX } } });
	return writeTx(db, () => {
		const d = db.$client.prepare('SELECT id FROM debtors WHERE id = ?').get(input.debtorId);
		if (!d) throw new NotFoundError('debtor');
		if (input.claimId !== null && claimOf(db, input.claimId).debtorId !== input.debtorId)
			throw new NotFoundError('claim');
		const now = clock().now();
		const row = db.$client
			.prepare(
				`INSERT INTO case_notes (debtor_id, claim_id, body, created_by, created_at)
				 VALUES (?, ?, ?, ?, ?) RETURNING id`
			)
			.get(input.debtorId, input.claimId, body, actor.userId, now) as { id: number };
		// the text may name people: the audit keeps the fact, the note keeps the words
		audit(db, actor, {
			action: 'note.add',
			entity: 'case_note',
			entityId: row.id,
			after: { debtorId: input.debtorId, claimId: input.claimId, length: body.length }
		});
		return row;
	});
}

const ESCALATION_KEYS: Record<EscalationRefusal, string> = {
	not_open: 'casefile.escalate.refused.not_open',
	on_hold: 'casefile.escalate.refused.on_hold',
	last_stage: 'casefile.escalate.refused.last_stage',
	c9_plan_offer_first: 'casefile.escalate.refused.c9_plan_offer_first'
};

/**
 * Moves the claim to the next stage of its version now (domain/escalation.ts: never past a stage,
 * not on hold, C9). The stage history and audit go through claim-state's enterStage as the
 * engine's moves do; the claim is re-evaluated at once, so the new stage's first steps are planned.
 */
export function escalateClaim(
	db: DB,
	actor: Actor,
	input: { claimId: number; reason: string }
): { to: Stage } {
	assertAgencyStaff(actor);
	const reason = input.reason.trim();
	if (reason.length < ESCALATE_REASON_MIN)
		throw new ValidationError({ reason: { key: 'casefile.escalate.reasonShort' } });
	if (reason.length > ESCALATE_REASON_MAX)
		throw new ValidationError({
			reason: { key: 'form.tooLong', params: { max: ESCALATE_REASON_MAX } }
		});
	const r = writeTx(db, () => {
		const claim = claimOf(db, input.claimId);
		const loaded = loadClaim(db, claim.id);
		if (!loaded) throw new NotFoundError('claim');
		const today = localDate(clock().now());
		const v = versionBody(db, claimEngineRow(db, claim.id).versionId);
		const e = escalation(
			{
				status: loaded.facts.status,
				stage: loaded.facts.stage,
				holds: loaded.facts.holds as Hold[],
				planOffered: loaded.facts.planOffered,
				today
			},
			v
		);
		if (!e.ok) {
			// the refusal is a fact worth keeping (C12): who tried, and which rule said no
			audit(db, actor, {
				action: 'claim.escalate_refused',
				entity: 'claim',
				entityId: claim.id,
				after: { stage: claim.stage, refusal: e.refusal }
			});
			return e;
		}
		enterStage(db, actor, claim.id, e.to);
		// as the engine's own move: the stage starts today, what the old stage still planned is moot
		db.$client
			.prepare('UPDATE claim_engine SET stage_entered_on = ? WHERE claim_id = ?')
			.run(today, claim.id);
		db.$client
			.prepare(
				`UPDATE planned_actions SET state = 'cancelled', cancel_reason = 'moved_on'
				  WHERE claim_id = ? AND state = 'planned' AND stage <> ?`
			)
			.run(claim.id, e.to);
		audit(db, actor, {
			action: 'claim.escalate',
			entity: 'claim',
			entityId: claim.id,
			before: { stage: claim.stage },
			after: { stage: e.to, why: reason }
		});
		reevaluateNow(db, claim.id);
		return e;
	});
	if (!r.ok) throw new ConflictError(ESCALATION_KEYS[r.refusal]);
	return { to: r.to };
}

/**
 * A visit for the field queue: a planned contact whose channel is a visit, as the engine plans
 * them (services/tasks.ts lists it, the field agents' queue takes it up), on a business day from
 * today to VISIT_MAX_DAYS ahead. Refused for a claim that is paid or closed, or when the debtor
 * stopped visits (C8).
 */
export function scheduleVisit(
	db: DB,
	actor: Actor,
	input: { claimId: number; date: string }
): { id: number } {
	assertAgencyStaff(actor);
	const now = clock().now();
	const today = localDate(now);
	if (!isValidDate(input.date)) throw new ValidationError({ date: { key: 'form.invalidDate' } });
	if (input.date < today) throw new ValidationError({ date: { key: 'casefile.visit.error.past' } });
	if (input.date > addDays(today, VISIT_MAX_DAYS))
		throw new ValidationError({
			date: { key: 'casefile.visit.error.tooFar', params: { days: VISIT_MAX_DAYS } }
		});
	if (!isBusinessDay(input.date))
		throw new ValidationError({ date: { key: 'casefile.visit.error.notBusinessDay' } });
	return writeTx(db, () => {
		const claim = claimOf(db, input.claimId);
		refuseIfEnded(claim, 'casefile.visit.error.closed');
		const optedOut = db.$client
			.prepare('SELECT opt_out_visit AS o FROM contact_preferences WHERE debtor_id = ?')
			.get(claim.debtorId) as { o: number } | undefined;
		if (optedOut?.o) throw new ConflictError('casefile.visit.error.optedOut');
		const versionId = claimEngineRow(db, claim.id).versionId;
		// one operator visit per claim and day: the key says so (a second click plans nothing new)
		const key = `${claim.id}:operator:visit:${input.date}`;
		const row = db.$client
			.prepare(
				`INSERT INTO planned_actions (key, claim_id, version_id, run_id, kind, stage, step, occurrence,
				   due_date, channels_json, template, amount_minor, why_json, state, created_at)
				 VALUES (?, ?, ?, NULL, 'contact', ?, 'operator_visit', 0, ?, '["visit"]', NULL, NULL, ?, 'planned', ?)
				 ON CONFLICT(key) DO NOTHING RETURNING id`
			)
			.get(
				key,
				claim.id,
				versionId,
				claim.stage,
				input.date,
				JSON.stringify({ rule: 'operator_visit', facts: { by: actor.userId, scheduledOn: today } }),
				now
			) as { id: number } | undefined;
		if (!row) throw new ConflictError('casefile.visit.error.already');
		audit(db, actor, {
			action: 'visit.schedule',
			entity: 'planned_action',
			entityId: row.id,
			after: { claimId: claim.id, dueDate: input.date }
		});
		return row;
	});
}

/** The currency of a claim, for reading an amount typed about it (any claim: operators see all). */
export function claimCurrency(db: DB, actor: Actor, claimId: number): Currency {
	assertAgencyStaff(actor);
	const c = db.$client.prepare('SELECT currency FROM claims WHERE id = ?').get(claimId) as
		{ currency: Currency } | undefined;
	if (!c) throw new NotFoundError('claim');
	return c.currency;
}
