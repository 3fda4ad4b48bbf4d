/**
 * The case page (issue 18 item 2): one debtor, every claim they have with the agency (all
 * creditors: operators see them all), and one timeline of everything that happened on them. The
 * rows of each kind are loaded by the debtor's claim ids through their indexes (a few statements
 * per page whatever the history); domain/timeline.ts merges, filters and cuts them.
 *
 * And the operator's acts from that page that have no service elsewhere: a note, an escalation
 * (C9 checked as the engine checks it), a visit scheduled for the field queue.
 */
import type { Actor } from '$lib/domain/actor';
import { addDays, instantAt, isValidDate, localDate } from '$lib/domain/clock';
import { escalation, type EscalationRefusal } from '$lib/domain/escalation';
import type { Hold, HoldKind } from '$lib/domain/holds';
import { isBusinessDay } from '$lib/domain/holidays';
import type { Currency } from '$lib/domain/money';
import type { ClaimStatus, Stage } from '$lib/domain/stages';
import {
	buildTimeline,
	recordingLink,
	type TimelineEvent,
	type TimelineFilter,
	type TimelinePage
} from '$lib/domain/timeline';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { enterStage } from './claim-state';
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
/** Rows of one kind read at most (a debtor with a longer history sees its newest). */
const PER_KIND = 2000;

export interface CaseDebtor {
	id: number;
	kind: 'person' | 'company';
	name: string;
	birthDate: string | null;
	taxNumber: string | null;
	postalCode: string;
	city: string;
	address: string;
	email: string | null;
	phone: string | null;
	language: 'hu' | 'en';
	anonymised: boolean;
}

export interface CasePreferences {
	preferredChannel: string | null;
	preferredFrom: string | null;
	preferredTo: string | null;
	language: 'hu' | 'en' | null;
	optOut: { sms: boolean; email: boolean; call: boolean; letter: boolean; visit: boolean };
	invalid: { email: boolean; phone: boolean; postal: boolean };
}

export interface CaseHold {
	id: number;
	kind: HoldKind;
	start: string;
	/** the last day held, null: until ended */
	lastDay: string | null;
	note: string;
	/** an operator's hold (the page offers to end it) */
	operator: boolean;
}

export interface CaseClaim {
	id: number;
	reference: string;
	creditor: string;
	description: string;
	currency: Currency;
	placedMinor: number;
	balanceMinor: number;
	stage: Stage;
	status: ClaimStatus;
	dueDate: string;
	/** holds in force today */
	holds: CaseHold[];
	openPlan: { id: number; status: string } | null;
	openPromise: { date: string; amountMinor: number } | null;
	openDisputes: number;
}

export interface CaseFile {
	debtor: CaseDebtor;
	preferences: CasePreferences;
	claims: CaseClaim[];
	/** open balance per currency over every claim */
	totals: { currency: Currency; minor: number }[];
	timeline: TimelinePage;
	filter: TimelineFilter;
	/** planned visits not yet made (the field queue's), newest first */
	plannedVisits: { id: number; claimId: number; dueDate: string }[];
}

const OPERATOR_HOLDS = new Set<string>([
	'deceased',
	'insolvency',
	'vulnerability',
	'legal_representation'
]);

// ---- the statements, prepared once per connection ------------------------------------------

const IDS = `(SELECT value FROM json_each(?))`;

const q = perConnection((c) => ({
	debtor: c.prepare(
		`SELECT id, kind, name, birth_date AS birthDate, tax_number AS taxNumber, postal_code AS postalCode,
		        city, address, email, phone, language, anonymized_at AS anonymizedAt
		   FROM debtors WHERE id = ?`
	),
	prefs: c.prepare(`SELECT * FROM contact_preferences WHERE debtor_id = ?`),
	claims: c.prepare(
		`SELECT c.id, c.reference, cr.name AS creditor, c.description, c.currency, c.placed_minor AS placedMinor,
		        c.balance_minor AS balanceMinor, c.stage, c.status, c.due_date AS dueDate
		   FROM claims c JOIN creditors cr ON cr.id = c.creditor_id
		  WHERE c.debtor_id = ? ORDER BY c.placed_date DESC, c.id DESC`
	),
	holds: c.prepare(
		`SELECT id, claim_id AS claimId, kind, start_date AS start, end_date AS "end", note
		   FROM holds WHERE claim_id IN ${IDS} AND start_date <= ? AND (end_date IS NULL OR end_date > ?)
		  ORDER BY start_date`
	),
	openPlans: c.prepare(
		`SELECT id, claim_id AS claimId, status FROM plans
		  WHERE claim_id IN ${IDS} AND status IN ('proposed', 'countered', 'active') ORDER BY id`
	),
	openPromises: c.prepare(
		`SELECT claim_id AS claimId, promised_date AS date, amount_minor AS amountMinor FROM promises
		  WHERE claim_id IN ${IDS} AND status = 'open' ORDER BY id`
	),
	openDisputes: c.prepare(
		`SELECT claim_id AS claimId, count(*) AS n FROM disputes
		  WHERE claim_id IN ${IDS} AND status = 'open' GROUP BY claim_id`
	),
	plannedVisits: c.prepare(
		`SELECT id, claim_id AS claimId, due_date AS dueDate FROM planned_actions
		  WHERE claim_id IN ${IDS} AND state = 'planned' AND kind = 'contact'
		    AND channels_json LIKE '["visit"%' ORDER BY due_date DESC, id DESC`
	),
	// ---- the timeline's kinds
	stages: c.prepare(
		`SELECT id, claim_id AS claimId, stage, entered_at AS at FROM claim_stage_events
		  WHERE claim_id IN ${IDS} ORDER BY entered_at DESC LIMIT ${PER_KIND}`
	),
	messages: c.prepare(
		`SELECT id, claim_id AS claimId, channel, template_key AS template, status, status_reason AS reason,
		        coalesce(sent_at, created_at) AS at
		   FROM messages WHERE debtor_id = ? ORDER BY created_at DESC LIMIT ${PER_KIND}`
	),
	contacts: c.prepare(
		`SELECT e.id, e.claim_id AS claimId, e.channel, e.direction, e.outcome, e.blocked_reason AS reason,
		        e.template, e.recording_ref AS recordingRef, s.name AS byName, e.occurred_at AS at
		   FROM contact_events e LEFT JOIN staff_users s ON s.id = e.operator_id
		  WHERE e.claim_id IN ${IDS} ORDER BY e.occurred_at DESC LIMIT ${PER_KIND}`
	),
	payments: c.prepare(
		`SELECT id, claim_id AS claimId, amount_minor AS amountMinor, currency, purpose, gateway, status,
		        refunded_minor AS refundedMinor, coalesce(completed_at, created_at) AS at
		   FROM payments WHERE claim_id IN ${IDS} ORDER BY created_at DESC LIMIT ${PER_KIND}`
	),
	refunds: c.prepare(
		`SELECT r.id, p.claim_id AS claimId, r.amount_minor AS amountMinor, p.currency, r.status, r.reason,
		        s.name AS byName, r.created_at AS at
		   FROM refunds r JOIN payments p ON p.id = r.payment_id
		   LEFT JOIN staff_users s ON s.id = r.created_by
		  WHERE p.claim_id IN ${IDS} ORDER BY r.created_at DESC LIMIT ${PER_KIND}`
	),
	plans: c.prepare(
		`SELECT p.id, p.claim_id AS claimId, p.status, p.total_minor AS amountMinor, p.currency,
		        p.installment_count AS count, p.first_due_date AS firstDue, p.created_at AS createdAt,
		        p.decided_at AS decidedAt, p.decision_reason AS decisionReason, p.ended_at AS endedAt,
		        p.counter_of_id AS counterOf, s.name AS byName
		   FROM plans p LEFT JOIN staff_users s ON s.id = p.decided_by
		  WHERE p.claim_id IN ${IDS} ORDER BY p.created_at DESC LIMIT ${PER_KIND}`
	),
	installments: c.prepare(
		`SELECT i.id, p.claim_id AS claimId, i.seq, i.due_date AS dueDate, i.amount_minor AS amountMinor,
		        i.paid_minor AS paidMinor, p.currency, i.status, i.paid_at AS paidAt
		   FROM installments i JOIN plans p ON p.id = i.plan_id
		  WHERE p.claim_id IN ${IDS} AND (i.paid_at IS NOT NULL OR i.due_date <= ?)
		  ORDER BY i.due_date DESC LIMIT ${PER_KIND}`
	),
	promises: c.prepare(
		`SELECT id, claim_id AS claimId, promised_date AS date, amount_minor AS amountMinor, status,
		        created_at AS createdAt, resolved_at AS resolvedAt
		   FROM promises WHERE claim_id IN ${IDS} ORDER BY created_at DESC LIMIT ${PER_KIND}`
	),
	disputes: c.prepare(
		`SELECT d.id, d.claim_id AS claimId, d.reason, d.details, d.status, d.answer_due_date AS dueDate,
		        d.answer, d.answered_at AS answeredAt, d.created_at AS createdAt, s.name AS byName
		   FROM disputes d LEFT JOIN staff_users s ON s.id = d.answered_by
		  WHERE d.claim_id IN ${IDS} ORDER BY d.created_at DESC LIMIT ${PER_KIND}`
	),
	notes: c.prepare(
		`SELECT n.id, n.claim_id AS claimId, n.body, s.name AS byName, n.created_at AS at
		   FROM case_notes n JOIN staff_users s ON s.id = n.created_by
		  WHERE n.debtor_id = ? ORDER BY n.created_at DESC LIMIT ${PER_KIND}`
	),
	// staff's acts on the debtor, the claims and the records that belong to them (audit_entity_idx)
	staff: c.prepare(
		`SELECT a.id, a.action, a.entity, a.entity_id AS entityId, a.after_json AS afterJson, a.at,
		        s.name AS byName
		   FROM audit_log a LEFT JOIN staff_users s ON s.id = a.actor_id
		  WHERE a.actor_kind IN ('operator', 'admin') AND a.action <> 'note.add' AND (
		        (a.entity = 'debtor' AND a.entity_id = ?)
		     OR (a.entity = 'claim' AND a.entity_id IN ${IDS})
		     OR (a.entity = 'hold' AND a.entity_id IN ${IDS})
		     OR (a.entity = 'plan' AND a.entity_id IN ${IDS})
		     OR (a.entity = 'promise' AND a.entity_id IN ${IDS})
		     OR (a.entity = 'dispute' AND a.entity_id IN ${IDS})
		     OR (a.entity = 'payment' AND a.entity_id IN ${IDS})
		     OR (a.entity = 'refund' AND a.entity_id IN ${IDS})
		     OR (a.entity = 'planned_action' AND a.entity_id IN ${IDS}))
		  ORDER BY a.id DESC LIMIT ${PER_KIND}`
	),
	holdIds: c.prepare(`SELECT id FROM holds WHERE claim_id IN ${IDS}`),
	actionIds: c.prepare(
		`SELECT id FROM planned_actions WHERE claim_id IN ${IDS} AND kind = 'contact'
		    AND (channels_json LIKE '["call"%' OR channels_json LIKE '["visit"%')`
	)
}));

const json = (ids: readonly (number | string)[]) => JSON.stringify(ids.map(String));

/** Where a call's recording can be listened to (the telephony system's address, with `{ref}`). */
const recordingTemplate = () => process.env.RECORDING_URL_TEMPLATE ?? null;

// ---- the case file -------------------------------------------------------------------------

/**
 * The case page's data. `filterOf` turns the claim ids into the timeline filter (the page reads it
 * from its address; an unknown claim or kind is dropped there).
 */
export function caseFile(
	db: DB,
	actor: Actor,
	debtorId: number,
	filterOf: (claimIds: number[]) => TimelineFilter
): CaseFile {
	assertAgencyStaff(actor);
	const s = q(db);
	const d = s.debtor.get(debtorId) as
		(Omit<CaseDebtor, 'anonymised'> & { anonymizedAt: number | null }) | undefined;
	if (!d) throw new NotFoundError('debtor');
	const { anonymizedAt, ...debtor } = d;
	const claimRows = s.claims.all(debtorId) as Omit<
		CaseClaim,
		'holds' | 'openPlan' | 'openPromise' | 'openDisputes'
	>[];
	const ids = claimRows.map((c) => c.id);
	const idsJson = json(ids);
	const today = localDate(clock().now());

	const holdsOf = new Map<number, CaseHold[]>();
	for (const h of s.holds.all(idsJson, today, today) as {
		id: number;
		claimId: number;
		kind: HoldKind;
		start: string;
		end: string | null;
		note: string;
	}[]) {
		const list = holdsOf.get(h.claimId) ?? [];
		list.push({
			id: h.id,
			kind: h.kind,
			start: h.start,
			lastDay: h.end === null ? null : addDays(h.end, -1),
			note: h.note,
			operator: OPERATOR_HOLDS.has(h.kind)
		});
		holdsOf.set(h.claimId, list);
	}
	const plans = new Map(
		(s.openPlans.all(idsJson) as { id: number; claimId: number; status: string }[]).map((p) => [
			p.claimId,
			{ id: p.id, status: p.status }
		])
	);
	const promises = new Map(
		(s.openPromises.all(idsJson) as { claimId: number; date: string; amountMinor: number }[]).map(
			(p) => [p.claimId, { date: p.date, amountMinor: p.amountMinor }]
		)
	);
	const disputes = new Map(
		(s.openDisputes.all(idsJson) as { claimId: number; n: number }[]).map((r) => [r.claimId, r.n])
	);
	const claims: CaseClaim[] = claimRows.map((c) => ({
		...c,
		holds: holdsOf.get(c.id) ?? [],
		openPlan: plans.get(c.id) ?? null,
		openPromise: promises.get(c.id) ?? null,
		openDisputes: disputes.get(c.id) ?? 0
	}));
	const totals = new Map<Currency, number>();
	for (const c of claims)
		if (c.status !== 'paid' && c.status !== 'closed')
			totals.set(c.currency, (totals.get(c.currency) ?? 0) + c.balanceMinor);

	const filter = filterOf(ids);
	return {
		debtor: { ...debtor, anonymised: anonymizedAt !== null },
		preferences: preferencesOf(s.prefs.get(debtorId) as PrefRow | undefined),
		claims,
		totals: [...totals].map(([currency, minor]) => ({ currency, minor })),
		timeline: buildTimeline(timelineEvents(db, debtorId, ids, today), filter),
		filter,
		plannedVisits: s.plannedVisits.all(idsJson) as CaseFile['plannedVisits']
	};
}

interface PrefRow {
	preferred_channel: string | null;
	preferred_from: string | null;
	preferred_to: string | null;
	language: 'hu' | 'en';
	opt_out_sms: number;
	opt_out_email: number;
	opt_out_call: number;
	opt_out_letter: number;
	opt_out_visit: number;
	email_invalid: number;
	phone_invalid: number;
	postal_invalid: number;
}

function preferencesOf(r: PrefRow | undefined): CasePreferences {
	return {
		preferredChannel: r?.preferred_channel ?? null,
		preferredFrom: r?.preferred_from ?? null,
		preferredTo: r?.preferred_to ?? null,
		language: r?.language ?? null,
		optOut: {
			sms: !!r?.opt_out_sms,
			email: !!r?.opt_out_email,
			call: !!r?.opt_out_call,
			letter: !!r?.opt_out_letter,
			visit: !!r?.opt_out_visit
		},
		invalid: { email: !!r?.email_invalid, phone: !!r?.phone_invalid, postal: !!r?.postal_invalid }
	};
}

/** Every event of the debtor's claims (and the debtor's own), unordered: buildTimeline orders them. */
export function timelineEvents(
	db: DB,
	debtorId: number,
	claimIds: readonly number[],
	today: string
): TimelineEvent[] {
	const s = q(db);
	const ids = json(claimIds);
	const out: TimelineEvent[] = [];
	const push = (e: TimelineEvent) => out.push(e);
	type R = Record<string, unknown>;
	const all = (stmt: { all: (...a: unknown[]) => unknown[] }, ...a: unknown[]) =>
		stmt.all(...a) as R[];

	for (const r of all(s.stages, ids))
		push({
			kind: 'stage',
			at: r.at as number,
			key: `stage:${r.id}`,
			claimId: r.claimId as number,
			what: r.stage as string
		});

	for (const r of all(s.messages, debtorId))
		push({
			kind: 'message',
			at: r.at as number,
			key: `message:${r.id}`,
			claimId: (r.claimId as number | null) ?? null,
			what: r.status as string,
			channel: r.channel as string,
			template: r.template as string,
			reason: (r.reason as string | null) ?? null
		});

	const tpl = recordingTemplate();
	for (const r of all(s.contacts, ids)) {
		const channel = r.channel as string;
		const kind = channel === 'call' ? 'call' : channel === 'visit' ? 'visit' : 'message';
		const ref = (r.recordingRef as string | null) ?? null;
		push({
			kind,
			at: r.at as number,
			key: `contact:${r.id}`,
			claimId: r.claimId as number,
			what: r.outcome as string,
			channel,
			template: (r.template as string | null) ?? null,
			reason: (r.reason as string | null) ?? null,
			by: (r.byName as string | null) ?? null,
			recordingRef: ref,
			recordingUrl: recordingLink(ref, tpl)
		});
	}

	for (const r of all(s.payments, ids))
		push({
			kind: 'payment',
			at: r.at as number,
			key: `payment:${r.id}`,
			claimId: r.claimId as number,
			what: r.status as string,
			channel: r.gateway as string,
			template: r.purpose as string,
			amountMinor: r.amountMinor as number,
			currency: r.currency as string
		});

	for (const r of all(s.refunds, ids))
		push({
			kind: 'refund',
			at: r.at as number,
			key: `refund:${r.id}`,
			claimId: r.claimId as number,
			what: r.status as string,
			amountMinor: r.amountMinor as number,
			currency: r.currency as string,
			text: r.reason as string,
			by: (r.byName as string | null) ?? null
		});

	for (const r of all(s.plans, ids)) {
		const base = {
			kind: 'plan' as const,
			claimId: r.claimId as number,
			amountMinor: r.amountMinor as number,
			currency: r.currency as string,
			date: r.firstDue as string
		};
		// made (a proposal, or an operator's counter-offer), then decided, then ended
		push({
			...base,
			at: r.createdAt as number,
			key: `plan:${r.id}`,
			what: r.counterOf ? 'countered' : 'proposed'
		});
		if (r.decidedAt != null && r.counterOf == null)
			push({
				...base,
				at: r.decidedAt as number,
				key: `plan:${r.id}:decided`,
				what: r.status === 'rejected' ? 'rejected' : 'approved',
				text: (r.decisionReason as string | null) ?? null,
				by: (r.byName as string | null) ?? null
			});
		if (r.endedAt != null)
			push({
				...base,
				at: r.endedAt as number,
				key: `plan:${r.id}:ended`,
				what: r.status as string
			});
	}

	for (const r of all(s.installments, ids, today))
		push({
			kind: 'installment',
			at: (r.paidAt as number | null) ?? instantAt(r.dueDate as string),
			key: `installment:${r.id}`,
			claimId: r.claimId as number,
			what: r.status as string,
			amountMinor: r.amountMinor as number,
			currency: r.currency as string,
			date: r.dueDate as string
		});

	for (const r of all(s.promises, ids)) {
		const base = {
			kind: 'promise' as const,
			claimId: r.claimId as number,
			amountMinor: r.amountMinor as number,
			date: r.date as string
		};
		push({ ...base, at: r.createdAt as number, key: `promise:${r.id}`, what: 'made' });
		if (r.resolvedAt != null)
			push({
				...base,
				at: r.resolvedAt as number,
				key: `promise:${r.id}:resolved`,
				what: r.status as string
			});
	}

	for (const r of all(s.disputes, ids)) {
		push({
			kind: 'dispute',
			at: r.createdAt as number,
			key: `dispute:${r.id}`,
			claimId: r.claimId as number,
			what: 'opened',
			reason: r.reason as string,
			text: (r.details as string) || null,
			date: r.dueDate as string
		});
		if (r.answeredAt != null)
			push({
				kind: 'dispute',
				at: r.answeredAt as number,
				key: `dispute:${r.id}:answer`,
				claimId: r.claimId as number,
				what: r.status as string,
				text: (r.answer as string | null) ?? null,
				by: (r.byName as string | null) ?? null
			});
	}

	for (const r of all(s.notes, debtorId))
		push({
			kind: 'note',
			at: r.at as number,
			key: `note:${r.id}`,
			claimId: (r.claimId as number | null) ?? null,
			what: 'note',
			text: r.body as string,
			by: r.byName as string
		});

	const claimOfEntity = entityClaims(out);
	const holdIds = json((s.holdIds.all(ids) as { id: number }[]).map((h) => h.id));
	const actionIds = json((s.actionIds.all(ids) as { id: number }[]).map((h) => h.id));
	const of = (prefix: string) =>
		json(out.filter((e) => e.key.startsWith(prefix + ':')).map((e) => e.key.split(':')[1]));
	for (const r of all(
		s.staff,
		String(debtorId),
		ids,
		holdIds,
		of('plan'),
		of('promise'),
		of('dispute'),
		of('payment'),
		of('refund'),
		actionIds
	)) {
		const after = safeJson(r.afterJson as string | null);
		const entity = r.entity as string;
		const claimId =
			entity === 'claim'
				? Number(r.entityId)
				: typeof after.claimId === 'number'
					? after.claimId
					: (claimOfEntity.get(`${entity}:${r.entityId}`) ?? null);
		push({
			kind: 'staff',
			at: r.at as number,
			key: `staff:${r.id}`,
			claimId,
			what: r.action as string,
			by: (r.byName as string | null) ?? null,
			text: typeof after.why === 'string' && entity === 'claim' ? after.why : null
		});
	}
	return out;
}

/** The claim of each plan, promise, dispute, payment and refund already on the timeline. */
function entityClaims(events: readonly TimelineEvent[]): Map<string, number> {
	const m = new Map<string, number>();
	for (const e of events) {
		const [kind, id] = e.key.split(':');
		if (e.claimId !== null) m.set(`${kind}:${id}`, e.claimId);
	}
	return m;
}

function safeJson(s: string | null): Record<string, unknown> {
	if (!s) return {};
	try {
		const v = JSON.parse(s) as unknown;
		return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

// ---- the acts ------------------------------------------------------------------------------

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
		if (claim.status === 'paid' || claim.status === 'closed')
			throw new ConflictError('casefile.visit.error.closed');
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
