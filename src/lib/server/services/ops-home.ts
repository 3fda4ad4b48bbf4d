/**
 * The operators' home (issue 18 item 5): how much work waits in each queue and how much of it is
 * late, and the two lists with deadlines: disputes by their answer deadline (C7: 30 days) and
 * refund tasks by theirs (C11: 5 days), overdue first, paged and sortable. Every count is one
 * statement on an index of its table (fast on a million claims).
 */
import { inRegionSql } from '$lib/domain/address';
import type { Actor } from '$lib/domain/actor';
import { DAY_MS, localDate } from '$lib/domain/clock';
import type { ListParams } from '$lib/domain/list-params';
import type { Currency } from '$lib/domain/money';
import type { DB } from '../db/client';
import type { Statement } from '../db/sqlite';
import { perConnection } from '../db/per-connection';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { paged, type Paged } from './paging';

export const HOME_PAGE_SIZE = 20;
/** A promise broken within this many days is still the operators' to follow up. */
export const BROKEN_PROMISE_DAYS = 30;

export const DISPUTE_SORTS = ['due', 'amount', 'debtor', 'creditor'] as const;
export type DisputeSort = (typeof DISPUTE_SORTS)[number];
export const REFUND_SORTS = ['due', 'amount', 'reference'] as const;
export type RefundSort = (typeof REFUND_SORTS)[number];

export interface QueueCount {
	key:
		| 'disputes'
		| 'refunds'
		| 'chargebacks'
		| 'hardship'
		| 'plans'
		| 'calls'
		| 'promises'
		| 'visits'
		| 'letters';
	href: string;
	count: number;
	/** how many of them are late (past their deadline or due day); null where nothing is late */
	overdue: number | null;
}

export interface HomeDispute {
	id: number;
	claimId: number;
	debtorId: number;
	debtor: string;
	creditor: string;
	reference: string;
	balanceMinor: number;
	currency: Currency;
	answerDueDate: string;
	overdue: boolean;
}

export interface HomeRefundTask {
	id: number;
	claimId: number;
	debtorId: number;
	reference: string;
	amountMinor: number;
	currency: Currency;
	dueDate: string;
	overdue: boolean;
}

const CALLS = `a.state = 'planned' AND a.kind = 'contact' AND a.channels_json LIKE '["call"%'`;
const VISITS = `a.state = 'planned' AND a.kind = 'contact' AND a.channels_json LIKE '["visit"%'`;

const q = perConnection((c) => ({
	disputes: c.prepare(
		`SELECT count(*) AS n, coalesce(sum(answer_due_date < ?), 0) AS late FROM disputes WHERE status = 'open'`
	),
	refunds: c.prepare(
		`SELECT count(*) AS n, coalesce(sum(due_date < ?), 0) AS late FROM refund_tasks WHERE status = 'open'`
	),
	// the bank decides a chargeback on the evidence it has by its deadline (sent in Stripe's dashboard)
	chargebacks: c.prepare(
		`SELECT count(*) AS n, coalesce(sum(evidence_due_by < ?), 0) AS late FROM card_disputes WHERE status = 'open'`
	),
	// "I can't pay now" requests: the claim is held until an operator decides, by the review day (5 days)
	hardship: c.prepare(
		`SELECT count(*) AS n, coalesce(sum(review_due_date < ?), 0) AS late FROM hardship_requests WHERE status = 'pending'`
	),
	plans: c.prepare(
		`SELECT count(*) AS n, coalesce(sum(created_at < ?), 0) AS late FROM plans WHERE status = 'proposed'`
	),
	calls: c.prepare(
		`SELECT count(*) AS n, coalesce(sum(a.due_date < ?), 0) AS late FROM planned_actions a
		  WHERE ${CALLS} AND a.due_date <= ?`
	),
	promises: c.prepare(
		`SELECT count(*) AS n FROM promises p JOIN claims c ON c.id = p.claim_id
		  WHERE p.status = 'broken' AND p.resolved_at >= ? AND c.status = 'open'
		    AND NOT EXISTS (SELECT 1 FROM promises q WHERE q.claim_id = p.claim_id AND q.id > p.id)`
	),
	// visits due that no field agent's region covers (the regions admins set, visits.ts)
	visits: c.prepare(
		`SELECT count(*) AS n, coalesce(sum(a.due_date < ?), 0) AS late FROM planned_actions a
		   JOIN claims c ON c.id = a.claim_id JOIN debtors d ON d.id = c.debtor_id
		  WHERE ${VISITS} AND a.due_date <= ?
		    AND NOT EXISTS (SELECT 1 FROM field_regions r
		                     WHERE ${inRegionSql('d.postal_code', 'r')})`
	),
	letters: c.prepare(
		`SELECT count(*) AS n FROM messages
		  WHERE status = 'queued' AND channel = 'letter' AND letter_batch_id IS NULL`
	),
	disputeRows: (order: string) =>
		c.prepare(
			`SELECT d.id, d.claim_id AS claimId, d.debtor_id AS debtorId,
			        CASE WHEN dd.anonymized_at IS NULL THEN dd.name ELSE '' END AS debtor,
			        cr.name AS creditor, c.reference, c.balance_minor AS balanceMinor, c.currency,
			        d.answer_due_date AS answerDueDate
			   FROM disputes d
			   JOIN claims c ON c.id = d.claim_id
			   JOIN creditors cr ON cr.id = c.creditor_id
			   JOIN debtors dd ON dd.id = d.debtor_id
			  WHERE d.status = 'open'
			  ORDER BY ${order} LIMIT ? OFFSET ?`
		),
	refundRows: (order: string) =>
		c.prepare(
			`SELECT t.id, t.claim_id AS claimId, c.debtor_id AS debtorId, c.reference,
			        t.amount_minor AS amountMinor, t.currency, t.due_date AS dueDate
			   FROM refund_tasks t JOIN claims c ON c.id = t.claim_id
			  WHERE t.status = 'open'
			  ORDER BY ${order} LIMIT ? OFFSET ?`
		)
}));

/**
 * How a list with deadlines is sorted and when a row is late: the ORDER BY of each sort (fixed
 * texts, never built from the request), then the ties (the deadline, then the id), and the row's
 * deadline.
 */
interface DeadlineList<S extends string, T> {
	order: Record<S, string>;
	ties: string;
	due: (r: Omit<T, 'overdue'>) => string;
}

const DISPUTE_LIST: DeadlineList<DisputeSort, HomeDispute> = {
	order: {
		due: 'd.answer_due_date',
		amount: 'c.balance_minor',
		debtor: 'debtor',
		creditor: 'cr.name'
	},
	ties: 'd.answer_due_date ASC, d.id ASC',
	due: (r) => r.answerDueDate
};
const REFUND_LIST: DeadlineList<RefundSort, HomeRefundTask> = {
	order: { due: 't.due_date', amount: 't.amount_minor', reference: 'c.reference' },
	ties: 't.due_date ASC, t.id ASC',
	due: (r) => r.dueDate
};

/** Each queue's size and its late part. */
export function queueCounts(db: DB, actor: Actor): QueueCount[] {
	assertAgencyStaff(actor);
	const s = q(db);
	const now = clock().now();
	const today = localDate(now);
	type N = { n: number; late: number };
	const d = s.disputes.get(today) as N;
	const r = s.refunds.get(today) as N;
	const cb = s.chargebacks.get(now) as N;
	const h = s.hardship.get(today) as N;
	// a proposal is late when it has waited more than two days (the debtor waits for the answer)
	const p = s.plans.get(now - 2 * DAY_MS) as N;
	const c = s.calls.get(today, today) as N;
	const pr = s.promises.get(now - BROKEN_PROMISE_DAYS * DAY_MS) as { n: number };
	const v = s.visits.get(today, today) as N;
	const l = s.letters.get() as { n: number };
	return [
		{ key: 'disputes', href: '/ops/disputes', count: d.n, overdue: d.late },
		{ key: 'refunds', href: '/ops/payments', count: r.n, overdue: r.late },
		{ key: 'chargebacks', href: '/ops/payments#chargebacks-h', count: cb.n, overdue: cb.late },
		{ key: 'hardship', href: '/ops/hardship', count: h.n, overdue: h.late },
		{ key: 'plans', href: '/ops/plans', count: p.n, overdue: p.late },
		{ key: 'calls', href: '/ops/calls', count: c.n, overdue: c.late },
		{ key: 'promises', href: '/ops/payments', count: pr.n, overdue: null },
		{ key: 'visits', href: '/ops/tasks?channel=visit', count: v.n, overdue: v.late },
		{ key: 'letters', href: '/ops/letters', count: l.n, overdue: null }
	];
}

/**
 * One page of a list with deadlines: `count` counts its rows as of today, `rows` gives a page in
 * the list's ORDER BY for the chosen sort and direction; a row is overdue once its deadline passed.
 */
function deadlinePage<S extends string, T extends { overdue: boolean }>(
	count: Statement,
	rows: (order: string) => Statement,
	list: DeadlineList<S, T>,
	p: ListParams<S>
): Paged<T> {
	const today = localDate(clock().now());
	const total = (count.get(today) as { n: number }).n;
	const dir = p.dir === 'desc' ? 'DESC' : 'ASC';
	const inOrder = rows(`${list.order[p.sort]} ${dir}, ${list.ties}`);
	return paged(p.page, HOME_PAGE_SIZE, total, (w) => {
		const page = inOrder.all(w.limit, w.offset) as Omit<T, 'overdue'>[];
		return page.map((r) => ({ ...r, overdue: list.due(r) < today }) as T);
	});
}

/** Open disputes, by answer deadline (overdue first) unless sorted otherwise, one page. */
export function homeDisputes(db: DB, actor: Actor, p: ListParams<DisputeSort>): Paged<HomeDispute> {
	assertAgencyStaff(actor);
	const s = q(db);
	return deadlinePage(s.disputes, s.disputeRows, DISPUTE_LIST, p);
}

/** Open refund tasks (C11), by their 5-day deadline unless sorted otherwise, one page. */
export function homeRefundTasks(
	db: DB,
	actor: Actor,
	p: ListParams<RefundSort>
): Paged<HomeRefundTask> {
	assertAgencyStaff(actor);
	const s = q(db);
	return deadlinePage(s.refunds, s.refundRows, REFUND_LIST, p);
}
