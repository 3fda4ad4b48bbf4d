/**
 * The case page's timeline (case-file.ts): every event of a debtor's claims, and the debtor's own.
 * The rows of each kind are loaded by the debtor's claim ids through their indexes (a few
 * statements per page whatever the history); domain/timeline.ts merges, filters and cuts them.
 * A kind whose row is one event selects the event's own fields; a record that makes several
 * events (a plan made, decided and ended) is turned into them here.
 */
import { instantAt } from '$lib/domain/clock';
import { recordingLink, type TimelineEvent } from '$lib/domain/timeline';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { writtenOffSql } from './dispute-correction';
import { statusWhyKey } from '$lib/domain/status-why';

/** Rows of one kind read at most (a debtor with a longer history sees its newest). */
const PER_KIND = 2000;

/** The claim ids, given as one JSON array parameter (`json(ids)`). */
export const IDS = `(SELECT value FROM json_each(?))`;

export const json = (ids: readonly (number | string)[]) => JSON.stringify(ids.map(String));

const q = perConnection((c) => ({
	// ---- kinds whose row is the event (`kind`, `at`, `key` and its fields)
	stages: c.prepare(
		`SELECT 'stage' AS kind, entered_at AS at, 'stage:' || id AS key, claim_id AS claimId, stage AS what
		   FROM claim_stage_events
		  WHERE claim_id IN ${IDS} ORDER BY entered_at DESC LIMIT ${PER_KIND}`
	),
	// a message the dispatcher sends is also recorded as a contact (contact_events, for the contact
	// rules): an outbound SMS, e-mail or letter comes from the messages (which carry the delivery
	// outcome) where the claim has any on that channel, else from contact_events (the record before
	// messages left Rendez, and the seed's history) — one entry per contact, as in messages-of-claim.ts
	messages: c.prepare(
		`SELECT 'message' AS kind, coalesce(sent_at, created_at) AS at, 'message:' || id AS key,
		        claim_id AS claimId, status AS what, channel, template_key AS template, status_reason AS reason
		   FROM messages WHERE debtor_id = ? ORDER BY created_at DESC LIMIT ${PER_KIND}`
	),
	contacts: c.prepare(
		`SELECT CASE e.channel WHEN 'call' THEN 'call' WHEN 'visit' THEN 'visit' ELSE 'message' END AS kind,
		        e.occurred_at AS at, 'contact:' || e.id AS key, e.claim_id AS claimId, e.outcome AS what,
		        e.channel, e.template, e.blocked_reason AS reason, s.name AS "by", e.recording_ref AS recordingRef
		   FROM contact_events e LEFT JOIN staff_users s ON s.id = e.operator_id
		  WHERE e.claim_id IN ${IDS}
		    AND NOT (e.direction = 'outbound' AND e.channel IN ('sms', 'email', 'letter')
		         AND EXISTS (SELECT 1 FROM messages m WHERE m.claim_id = e.claim_id AND m.channel = e.channel))
		  ORDER BY e.occurred_at DESC LIMIT ${PER_KIND}`
	),
	payments: c.prepare(
		`SELECT 'payment' AS kind, coalesce(completed_at, created_at) AS at, 'payment:' || id AS key,
		        claim_id AS claimId, status AS what, gateway AS channel, purpose AS template,
		        amount_minor AS amountMinor, currency
		   FROM payments WHERE claim_id IN ${IDS} ORDER BY created_at DESC LIMIT ${PER_KIND}`
	),
	refunds: c.prepare(
		`SELECT 'refund' AS kind, r.created_at AS at, 'refund:' || r.id AS key, p.claim_id AS claimId,
		        r.status AS what, r.amount_minor AS amountMinor, p.currency, r.reason AS text, s.name AS "by"
		   FROM refunds r JOIN payments p ON p.id = r.payment_id
		   LEFT JOIN staff_users s ON s.id = r.created_by
		  WHERE p.claim_id IN ${IDS} ORDER BY r.created_at DESC LIMIT ${PER_KIND}`
	),
	notes: c.prepare(
		`SELECT 'note' AS kind, n.created_at AS at, 'note:' || n.id AS key, n.claim_id AS claimId,
		        'note' AS what, n.body AS text, s.name AS "by"
		   FROM case_notes n JOIN staff_users s ON s.id = n.created_by
		  WHERE n.debtor_id = ? ORDER BY n.created_at DESC LIMIT ${PER_KIND}`
	),
	// an installment's instant: when it was paid, else the start of its due day
	installments: c.prepare(
		`SELECT 'installment' AS kind, i.paid_at AS paidAt, 'installment:' || i.id AS key,
		        p.claim_id AS claimId, i.status AS what, i.amount_minor AS amountMinor, p.currency,
		        i.due_date AS date
		   FROM installments i JOIN plans p ON p.id = i.plan_id
		  WHERE p.claim_id IN ${IDS} AND (i.paid_at IS NOT NULL OR i.due_date <= ?)
		  ORDER BY i.due_date DESC LIMIT ${PER_KIND}`
	),
	// ---- records that make several events
	plans: c.prepare(
		`SELECT p.id, p.claim_id AS claimId, p.status, p.total_minor AS amountMinor, p.currency,
		        p.installment_count AS count, p.first_due_date AS firstDue, p.created_at AS createdAt,
		        p.decided_at AS decidedAt, p.decision_reason AS decisionReason, p.ended_at AS endedAt,
		        p.counter_of_id AS counterOf, s.name AS byName,
		        EXISTS (SELECT 1 FROM plans k WHERE k.counter_of_id = p.id) AS answeredByCounter,
		        (SELECT ps.name FROM audit_log a JOIN staff_users ps ON ps.id = a.actor_id
		          WHERE a.entity = 'plan' AND a.entity_id = CAST(p.id AS TEXT) AND a.action = 'plan.propose'
		            AND a.actor_kind IN ('operator', 'admin', 'field_agent') LIMIT 1) AS proposedBy
		   FROM plans p LEFT JOIN staff_users s ON s.id = p.decided_by
		  WHERE p.claim_id IN ${IDS} ORDER BY p.created_at DESC LIMIT ${PER_KIND}`
	),
	promises: c.prepare(
		`SELECT id, claim_id AS claimId, promised_date AS date, amount_minor AS amountMinor, status,
		        created_at AS createdAt, resolved_at AS resolvedAt
		   FROM promises WHERE claim_id IN ${IDS} ORDER BY created_at DESC LIMIT ${PER_KIND}`
	),
	disputes: c.prepare(
		`SELECT d.id, d.claim_id AS claimId, d.reason, d.details, d.status, d.answer_due_date AS dueDate,
		        d.answer, d.answered_at AS answeredAt, d.created_at AS createdAt, s.name AS byName,
		        ${writtenOffSql('d')} AS writtenOffMinor
		   FROM disputes d LEFT JOIN staff_users s ON s.id = d.answered_by
		  WHERE d.claim_id IN ${IDS} ORDER BY d.created_at DESC LIMIT ${PER_KIND}`
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

/** Where a call's recording can be listened to (the telephony system's address, with `{ref}`). */
const recordingTemplate = () => process.env.RECORDING_URL_TEMPLATE ?? null;

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
	const events = (stmt: { all: (...a: unknown[]) => unknown[] }, ...a: unknown[]) =>
		stmt.all(...a) as TimelineEvent[];

	for (const e of events(s.stages, ids)) push(e);
	for (const e of events(s.messages, debtorId)) push(e);
	const tpl = recordingTemplate();
	for (const e of events(s.contacts, ids))
		push({ ...e, recordingUrl: recordingLink(e.recordingRef ?? null, tpl) });
	for (const e of events(s.payments, ids)) push(e);
	for (const e of events(s.refunds, ids)) push(e);
	// a record's events (made, decided, ended, ...): each one once its instant is known
	const pushAt = (at: unknown, e: Omit<TimelineEvent, 'at'>) => {
		if (at != null) push({ ...e, at: at as number });
	};
	for (const r of all(s.plans, ids)) {
		const base = {
			kind: 'plan' as const,
			claimId: r.claimId as number,
			amountMinor: r.amountMinor as number,
			currency: r.currency as string,
			date: r.firstDue as string
		};
		// made (a proposal, by the debtor or by staff on the debtor's behalf, or an operator's
		// counter-offer), then decided, then ended
		pushAt(r.createdAt, {
			...base,
			key: `plan:${r.id}`,
			what: r.counterOf ? 'countered' : 'proposed',
			by: ((r.counterOf ? r.byName : r.proposedBy) as string | null) ?? null
		});
		// a proposal answered with a counter-offer: the counter-offer's own line says so (its row
		// reads 'rejected', but nobody refused the debtor)
		if (r.counterOf == null && !r.answeredByCounter)
			pushAt(r.decidedAt, {
				...base,
				key: `plan:${r.id}:decided`,
				what: r.status === 'rejected' ? 'rejected' : 'approved',
				text: (r.decisionReason as string | null) ?? null,
				by: (r.byName as string | null) ?? null
			});
		// a refusal or a counter-offer ends a proposal at the moment it is decided: one line, not two
		if (!(r.status === 'rejected' && r.endedAt === r.decidedAt))
			pushAt(r.endedAt, { ...base, key: `plan:${r.id}:ended`, what: r.status as string });
	}

	type InstallmentRow = Omit<TimelineEvent, 'at'> & { paidAt: number | null };
	for (const { paidAt, ...e } of s.installments.all(ids, today) as InstallmentRow[])
		push({ ...e, at: paidAt ?? instantAt(e.date!) });

	for (const r of all(s.promises, ids)) {
		const base = {
			kind: 'promise' as const,
			claimId: r.claimId as number,
			amountMinor: r.amountMinor as number,
			date: r.date as string
		};
		pushAt(r.createdAt, { ...base, key: `promise:${r.id}`, what: 'made' });
		pushAt(r.resolvedAt, { ...base, key: `promise:${r.id}:resolved`, what: r.status as string });
	}

	for (const r of all(s.disputes, ids)) {
		const base = { kind: 'dispute' as const, claimId: r.claimId as number };
		pushAt(r.createdAt, {
			...base,
			key: `dispute:${r.id}`,
			what: 'opened',
			reason: r.reason as string,
			text: (r.details as string) || null,
			date: r.dueDate as string
		});
		pushAt(r.answeredAt, {
			...base,
			key: `dispute:${r.id}:answer`,
			what: r.status as string,
			text: (r.answer as string | null) ?? null,
			by: (r.byName as string | null) ?? null,
			// a correction: what it took off the claim
			amountMinor: (r.writtenOffMinor as number | null) ?? null
		});
	}

	for (const e of events(s.notes, debtorId)) push(e);

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
			// why a status changed, as a message key (the note itself is not for people)
			text: typeof after.why === 'string' && entity === 'claim' ? statusWhyKey(after.why) : null
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
