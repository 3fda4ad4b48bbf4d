/**
 * What the creditors' API reads and writes (issue 20, item 6), every query scoped to the calling
 * key's creditor: another creditor's claim is "not found". The shapes returned here are the API's
 * documented response bodies (routes/api/v1/schemas.ts describes them for OpenAPI).
 */
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { PLACEMENT_COLUMNS, validateRow, type RowError } from '$lib/domain/placement';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { NotFoundError, ValidationError } from './errors';
import { placeOneClaim } from './placing';

type CreditorActor = Actor & { kind: 'creditor' };

const CLAIM_COLUMNS = `c.id, c.reference, c.currency, c.status, c.stage,
	(SELECT 'recalled' FROM claim_recalls r WHERE r.claim_id = c.id) AS closeReason,
	c.placed_date AS placedDate, c.due_date AS dueDate, c.placed_minor AS placedMinor,
	c.collected_minor AS collectedMinor, c.balance_minor AS balanceMinor, c.portfolio_id AS portfolioId`;

export interface ApiClaim {
	id: number;
	reference: string;
	currency: string;
	status: string;
	stage: string;
	closeReason: string | null;
	placedDate: string;
	dueDate: string;
	placedMinor: number;
	collectedMinor: number;
	balanceMinor: number;
	portfolioId: number;
}

/** A page of the creditor's claims in id order, after `after`. */
export function apiListClaims(db: DB, actor: CreditorActor, after: number, limit: number) {
	const rows = db.$client
		.prepare(
			`SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.creditor_id = ? AND c.id > ? ORDER BY c.id LIMIT ?`
		)
		.all(actor.creditorId, after, limit + 1) as ApiClaim[];
	const more = rows.length > limit;
	const data = more ? rows.slice(0, limit) : rows;
	return { data, next: more ? data.at(-1)!.id : null };
}

export function apiClaim(db: DB, actor: CreditorActor, id: number): ApiClaim {
	const row = db.$client
		.prepare(`SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = ? AND c.creditor_id = ?`)
		.get(id, actor.creditorId) as ApiClaim | undefined;
	if (!row) throw new NotFoundError('claim');
	return row;
}

/** The claim's balance per component, from the ledger. */
export function apiBalance(db: DB, actor: CreditorActor, id: number) {
	const c = apiClaim(db, actor, id);
	const parts = db.$client
		.prepare(
			`SELECT component, sum(amount_minor) AS minor FROM ledger_entries WHERE claim_id = ? GROUP BY component`
		)
		.all(id) as { component: string; minor: number }[];
	const by = Object.fromEntries(parts.map((p) => [p.component, p.minor]));
	return {
		claimId: id,
		currency: c.currency,
		principalMinor: by.principal ?? 0,
		interestMinor: by.interest ?? 0,
		feeMinor: by.fee ?? 0,
		costMinor: by.cost ?? 0,
		totalMinor: c.balanceMinor
	};
}

export function apiPayments(db: DB, actor: CreditorActor, id: number) {
	apiClaim(db, actor, id);
	return db.$client
		.prepare(
			`SELECT id, amount_minor AS amountMinor, currency, gateway AS method, status, receipt_number AS receiptNumber,
			        created_at AS createdAt, completed_at AS completedAt
			   FROM payments WHERE claim_id = ? AND status IN ('succeeded', 'flagged') ORDER BY id`
		)
		.all(id) as {
		id: number;
		amountMinor: number;
		currency: string;
		method: string;
		status: string;
		receiptNumber: string | null;
		createdAt: number;
		completedAt: number | null;
	}[];
}

/** The claim's stage history and status changes, oldest first. */
export function apiEvents(db: DB, actor: CreditorActor, id: number) {
	apiClaim(db, actor, id);
	const stages = db.$client
		.prepare(
			`SELECT stage, entered_at AS enteredAt, left_at AS leftAt, outcome FROM claim_stage_events WHERE claim_id = ? ORDER BY entered_at`
		)
		.all(id) as {
		stage: string;
		enteredAt: number;
		leftAt: number | null;
		outcome: string | null;
	}[];
	return stages.map((s) => ({
		type: 'stage' as const,
		stage: s.stage,
		at: new Date(s.enteredAt).toISOString(),
		leftAt: s.leftAt == null ? null : new Date(s.leftAt).toISOString(),
		outcome: s.outcome
	}));
}

export type PlaceResult =
	{ ok: true; claim: ApiClaim; created: boolean } | { ok: false; errors: RowError[] };

/** Places one claim from a JSON object with the CSV template's column names, checked the same way. */
export function apiPlaceClaim(db: DB, actor: CreditorActor, body: unknown): PlaceResult {
	const obj = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
	const value = (c: string) => {
		const v = (obj as Record<string, unknown>)[c];
		return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
	};
	const fields = PLACEMENT_COLUMNS.map(value);
	const index = Object.fromEntries(PLACEMENT_COLUMNS.map((c, i) => [c, i]));
	// amounts as a machine writes them: a JSON number or "1500.50", never "1.500" for fifteen hundred
	const checked = validateRow(1, fields, index, localDate(clock().now()), 'decimal');
	if (!checked.row) return { ok: false, errors: checked.errors };
	try {
		const { claimId, created } = placeOneClaim(db, actor, checked.row);
		return { ok: true, claim: apiClaim(db, actor, claimId), created };
	} catch (e) {
		// another claim's reference (as transfers read it): refused on the field, like the CSV check
		const ref = e instanceof ValidationError ? e.fields.reference : undefined;
		if (ref) return { ok: false, errors: [{ line: 1, field: 'reference', ...ref }] };
		throw e;
	}
}
