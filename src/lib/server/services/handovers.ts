/**
 * The legal handover queue (issue 16, item 7). The engine puts a claim that enters the legal stage
 * in `legal_handovers` (state queued; engine.ts). Here operators and admins work the queue: check a
 * claim (refused when it is no longer open or owes nothing), download the handover package for the
 * partner law firm (`handover-package.ts`), and mark it handed over. Every state change is
 * audited, and so is every package download: personal data leaves the system.
 *
 * Debtor data comes from `claim_debtors` (what the creditor supplied with this claim): the law firm
 * acts for the creditor, so it gets the creditor's data, not what another creditor may have told us.
 */
import type { Actor } from '$lib/domain/actor';
import { daysBetween, localDate } from '$lib/domain/clock';
import type { HandoverState } from '$lib/domain/engine-records';
import type { Currency } from '$lib/domain/money';
import type { ClaimStatus } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { ConflictError, NotFoundError } from './errors';
import { paged, type Paged } from './paging';
import { writeTx } from './tx';

/**
 * The queue's lists: what still needs work (queued, checked), the checked claims whose package is
 * still to go to the law firm, or everything.
 */
export const HANDOVER_FILTERS = ['active', 'checked', 'all'] as const;
export type HandoverFilter = (typeof HANDOVER_FILTERS)[number];

/** Rows on a page of the queue: a checked claim stays reachable however many wait before it. */
export const HANDOVERS_PAGE_SIZE = 50;

/** One page of the queue, with how many rows the list has. */
export type HandoverList = Paged<HandoverRow>;

/** Still to leave: queued or checked, and the claim neither paid nor closed. */
const PENDING = `h.state IN ('queued', 'checked') AND c.status NOT IN ('paid', 'closed')`;
const WHERE: Record<HandoverFilter, string> = {
	active: `WHERE ${PENDING}`,
	checked: `WHERE ${PENDING} AND h.state = 'checked'`,
	all: ''
};

export interface HandoverRow {
	id: number;
	claimId: number;
	reference: string;
	creditorName: string;
	debtorName: string;
	currency: Currency;
	balanceMinor: number;
	daysPastDue: number;
	/** as shown: a queued or checked claim that was paid or closed meanwhile shows as withdrawn */
	state: HandoverState;
	queuedOn: string;
	checked: { by: string; on: string } | null;
	handedOver: { by: string; on: string } | null;
}

export interface RawRow {
	id: number;
	claim_id: number;
	state: HandoverState;
	queued_at: number;
	checked_at: number | null;
	handed_over_at: number | null;
	withdrawn_at: number | null;
	reference: string;
	currency: Currency;
	balance_minor: number;
	due_date: string;
	status: ClaimStatus;
	creditor_name: string;
	debtor_name: string;
	checked_by_name: string | null;
	handed_over_by_name: string | null;
}

const SELECT = `
	SELECT h.id, h.claim_id, h.state, h.queued_at, h.checked_at, h.handed_over_at, h.withdrawn_at,
	       c.reference, c.currency, c.balance_minor, c.due_date, c.status,
	       cr.name AS creditor_name, coalesce(d.name, '') AS debtor_name,
	       su1.name AS checked_by_name, su2.name AS handed_over_by_name
	  FROM legal_handovers h
	  JOIN claims c ON c.id = h.claim_id
	  JOIN creditors cr ON cr.id = h.creditor_id
	  LEFT JOIN claim_debtors d ON d.claim_id = h.claim_id
	  LEFT JOIN staff_users su1 ON su1.id = h.checked_by
	  LEFT JOIN staff_users su2 ON su2.id = h.handed_over_by`;

/** The state a row shows: a claim paid or closed before it left shows withdrawn, whatever the engine has done yet. */
export function shownState(state: HandoverState, status: ClaimStatus): HandoverState {
	if ((state === 'queued' || state === 'checked') && (status === 'paid' || status === 'closed'))
		return 'withdrawn';
	return state;
}

function toRow(r: RawRow, today: string): HandoverRow {
	return {
		id: r.id,
		claimId: r.claim_id,
		reference: r.reference,
		creditorName: r.creditor_name,
		debtorName: r.debtor_name,
		currency: r.currency,
		balanceMinor: r.balance_minor,
		daysPastDue: Math.max(0, daysBetween(r.due_date, today)),
		state: shownState(r.state, r.status),
		queuedOn: localDate(r.queued_at),
		checked:
			r.checked_at !== null ? { by: r.checked_by_name ?? '', on: localDate(r.checked_at) } : null,
		handedOver:
			r.handed_over_at !== null
				? { by: r.handed_over_by_name ?? '', on: localDate(r.handed_over_at) }
				: null
	};
}

/** The queue for operators and admins, a page at a time: oldest first, the rows that need work before the rest. */
export function handoverQueue(
	db: DB,
	actor: Actor,
	input: { filter?: HandoverFilter; page?: number } = {}
): HandoverList {
	assertAgencyStaff(actor);
	const where = WHERE[input.filter ?? 'active'];
	const total = db.$client
		.prepare(`SELECT count(*) FROM legal_handovers h JOIN claims c ON c.id = h.claim_id ${where}`)
		.pluck()
		.get() as number;
	const today = localDate(clock().now());
	return paged(input.page, HANDOVERS_PAGE_SIZE, total, (w) => {
		const rows = db.$client
			.prepare(
				`${SELECT}
				 ${where}
				 ORDER BY CASE h.state WHEN 'queued' THEN 0 WHEN 'checked' THEN 1 WHEN 'handed_over' THEN 2 ELSE 3 END,
				          h.queued_at, h.id
				 LIMIT ? OFFSET ?`
			)
			.all(w.limit, w.offset) as RawRow[];
		return rows.map((r) => toRow(r, today));
	});
}

export function rowOf(db: DB, handoverId: number): RawRow {
	const r = db.$client.prepare(`${SELECT} WHERE h.id = ?`).get(handoverId) as RawRow | undefined;
	if (!r) throw new NotFoundError('handover');
	return r;
}

/** Why a claim cannot go to the law firm now (an i18n key), or null when it can. */
export function refusal(r: Pick<RawRow, 'status' | 'balance_minor'>): string | null {
	if (r.status !== 'open') return `handover.refused.${r.status}`;
	if (r.balance_minor <= 0) return 'handover.refused.zeroBalance';
	return null;
}

export function assertStillOpen(r: RawRow): void {
	const why = refusal(r);
	if (why) throw new ConflictError(why);
	if (r.state === 'withdrawn') throw new ConflictError('handover.error.withdrawn');
}

/** Moves a handover on to `to`, recording who and when (`<to>_at`, `<to>_by`), and audits it. */
function moveOn(
	db: DB,
	actor: Actor & { userId: number },
	r: RawRow,
	to: 'checked' | 'handed_over'
): HandoverRow {
	const now = clock().now();
	db.$client
		.prepare(`UPDATE legal_handovers SET state = ?, ${to}_at = ?, ${to}_by = ? WHERE id = ?`)
		.run(to, now, actor.userId, r.id);
	audit(db, actor, {
		action: `handover.${to}`,
		entity: 'legal_handover',
		entityId: r.id,
		before: { state: r.state },
		after: { state: to, claimId: r.claim_id }
	});
	return toRow(rowOf(db, r.id), localDate(now));
}

/** The operator has checked the claim: queued -> checked. */
export function checkHandover(db: DB, actor: Actor, input: { handoverId: number }): HandoverRow {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const r = rowOf(db, input.handoverId);
		assertStillOpen(r);
		if (r.state !== 'queued') throw new ConflictError('handover.error.notQueued');
		return moveOn(db, actor, r, 'checked');
	});
}

/** The package went to the law firm: checked -> handed_over (who and when recorded). */
export function markHandedOver(db: DB, actor: Actor, input: { handoverId: number }): HandoverRow {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const r = rowOf(db, input.handoverId);
		if (r.state === 'handed_over') throw new ConflictError('handover.error.handedOver');
		assertStillOpen(r);
		if (r.state !== 'checked') throw new ConflictError('handover.error.notChecked');
		return moveOn(db, actor, r, 'handed_over');
	});
}

/** What the creditor sees of a claim's handover (its own claims only; the caller scopes). */
export interface HandoverStatus {
	state: HandoverState;
	/** the day the state began: queued on, handed over on, withdrawn on */
	on: string;
}

/** The handover status of one claim, for a page that has already checked the reader may see it. */
export function handoverStatusOf(db: DB, claimId: number): HandoverStatus | null {
	const r = db.$client
		.prepare(
			`SELECT h.state, h.queued_at, h.handed_over_at, h.withdrawn_at, c.status, c.paid_at, c.closed_at
			   FROM legal_handovers h JOIN claims c ON c.id = h.claim_id WHERE h.claim_id = ?`
		)
		.get(claimId) as
		| {
				state: HandoverState;
				queued_at: number;
				handed_over_at: number | null;
				withdrawn_at: number | null;
				status: ClaimStatus;
				paid_at: number | null;
				closed_at: number | null;
		  }
		| undefined;
	if (!r) return null;
	const state = shownState(r.state, r.status);
	const at =
		state === 'handed_over'
			? (r.handed_over_at ?? r.queued_at)
			: state === 'withdrawn'
				? (r.withdrawn_at ?? r.paid_at ?? r.closed_at ?? r.queued_at)
				: r.queued_at;
	return { state, on: localDate(at) };
}
