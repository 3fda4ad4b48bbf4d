/**
 * The case page (issue 18 item 2): one debtor, every claim they have with the agency (all
 * creditors: operators see them all), and one timeline of everything that happened on them
 * (case-timeline.ts). The operator's acts from that page are in case-acts.ts.
 */
import type { Actor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import type { HoldKind } from '$lib/domain/holds';
import type { Currency } from '$lib/domain/money';
import type { ClaimStatus, Stage } from '$lib/domain/stages';
import { buildTimeline, type TimelineFilter, type TimelinePage } from '$lib/domain/timeline';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import type { debtors } from '../db/schema';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { NotFoundError } from './errors';
import { IDS, json, timelineEvents } from './case-timeline';

export {
	addNote,
	claimCurrency,
	ESCALATE_REASON_MAX,
	ESCALATE_REASON_MIN,
	escalateClaim,
	NOTE_MAX,
	scheduleVisit,
	VISIT_MAX_DAYS
} from './case-acts';
export { timelineEvents } from './case-timeline';

/** The debtor as on file (who they are and where to reach them), and whether they were anonymised. */
export type CaseDebtor = Pick<
	typeof debtors.$inferSelect,
	| 'id'
	| 'kind'
	| 'name'
	| 'birthDate'
	| 'taxNumber'
	| 'postalCode'
	| 'city'
	| 'address'
	| 'email'
	| 'phone'
	| 'language'
> & { anonymised: boolean };

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
	)
}));

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
