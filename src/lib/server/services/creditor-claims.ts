/**
 * The creditor's claim list (search, filters, sort, keyset pages, CSV export) and the read-only
 * claim detail. Every query is scoped by the creditor actor; another creditor's claim is "not found".
 * Debtor data comes from `claim_debtors` (what this creditor supplied with the claim), never from
 * the shared `debtors` record, which another creditor's placement may have filled.
 */
import type { Actor } from '$lib/domain/actor';
import type { Currency } from '$lib/domain/money';
import type { Statement } from '$lib/domain/ledger';
import type { DB } from '../db/client';
import { CLAIM_STATUSES, STAGES } from '$lib/domain/stages';
import { statementFor } from './ledger';
import { NotFoundError } from './errors';
import { creditorIdOf } from './actor';
import { handoverStatusOf, type HandoverStatus } from './handovers';
import { LANGS, translate } from '$lib/i18n';
import type { Lang } from '$lib/i18n/core';
import { csvAmount, csvRow, csvStart, type CsvFormat } from '$lib/domain/csv-format';

/**
 * A status typed into the search box, in words ("kifogás alatt", "Disputed") as the list shows it in
 * either language, or as its code: the status, else null.
 */
function statusNamed(word: string): (typeof CLAIM_STATUSES)[number] | null {
	const w = word.trim().toLocaleLowerCase('hu');
	return (
		CLAIM_STATUSES.find(
			(s) =>
				s === w ||
				LANGS.some((l) => translate(l, `creditor.status.${s}`).toLocaleLowerCase('hu') === w)
		) ?? null
	);
}

export const SORTS = {
	reference: 'c.reference',
	placed: 'c.placed_date',
	due: 'c.due_date',
	balance: 'c.balance_minor'
} as const;
export type SortKey = keyof typeof SORTS;

export interface ClaimQuery {
	q?: string | null;
	status?: string | null;
	stage?: string | null;
	/** the legal handover: waiting in the queue (queued or checked), or handed over */
	handover?: string | null;
	portfolioId?: number | null;
	sort?: SortKey;
	dir?: 'asc' | 'desc';
	/** opaque cursor from the previous page */
	after?: string | null;
	limit?: number;
}

export interface ClaimListRow {
	id: number;
	reference: string;
	debtorName: string;
	portfolioName: string;
	currency: Currency;
	placedDate: string;
	dueDate: string;
	stage: string;
	status: string;
	placedMinor: number;
	collectedMinor: number;
	balanceMinor: number;
}

export interface ClaimPage {
	rows: ClaimListRow[];
	next: string | null;
}

const encodeCursor = (v: string | number, id: number) =>
	Buffer.from(JSON.stringify([v, id])).toString('base64url');
function decodeCursor(s: string): [string | number, number] | null {
	try {
		const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
		if (
			Array.isArray(v) &&
			v.length === 2 &&
			(typeof v[0] === 'string' || typeof v[0] === 'number') &&
			Number.isInteger(v[1])
		)
			return v as [string | number, number];
	} catch {
		/* a tampered cursor is just the first page */
	}
	return null;
}

/** Normalises what came from the URL: unknown values are dropped, never an error. */
export function normaliseQuery(
	q: ClaimQuery
): Required<Omit<ClaimQuery, 'after'>> & { after: string | null } {
	const status =
		q.status && (CLAIM_STATUSES as readonly string[]).includes(q.status) ? q.status : null;
	const stage = q.stage && (STAGES as readonly string[]).includes(q.stage) ? q.stage : null;
	const handover = q.handover === 'queued' || q.handover === 'handed_over' ? q.handover : null;
	return {
		q: q.q?.trim().slice(0, 100) || null,
		status,
		stage,
		handover,
		portfolioId: q.portfolioId && Number.isInteger(q.portfolioId) ? q.portfolioId : null,
		sort: q.sort && Object.hasOwn(SORTS, q.sort) ? q.sort : 'placed',
		dir: q.dir === 'asc' ? 'asc' : 'desc',
		after: q.after ?? null,
		limit: Math.min(Math.max(q.limit ?? 50, 1), 5000)
	};
}

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('hu') + s.slice(1);

export function listClaims(db: DB, actor: Actor, query: ClaimQuery): ClaimPage {
	const creditorId = creditorIdOf(actor);
	const q = normaliseQuery(query);
	if (q.portfolioId != null) {
		const p = db.$client
			.prepare('SELECT creditor_id FROM portfolios WHERE id = ?')
			.get(q.portfolioId) as { creditor_id: number } | undefined;
		if (!p || p.creditor_id !== creditorId) throw new NotFoundError('portfolio');
	}
	const where: string[] = ['c.creditor_id = ?'];
	const params: (string | number)[] = [creditorId];
	/** One more condition of the page's query, with its parameters. */
	const filter = (condition: string, ...values: (string | number)[]) => {
		where.push(condition);
		params.push(...values);
	};
	if (q.status) filter('c.status = ?', q.status);
	if (q.stage) filter('c.stage = ?', q.stage);
	if (q.handover)
		filter(
			`c.id IN (SELECT claim_id FROM legal_handovers WHERE creditor_id = ? AND state IN (${q.handover === 'queued' ? "'queued', 'checked'" : "'handed_over'"}))`,
			creditorId
		);
	if (q.portfolioId != null) filter('c.portfolio_id = ?', q.portfolioId);
	const statusWord = q.q ? statusNamed(q.q) : undefined;
	if (statusWord) {
		// a status typed into the search box searches by status (the status filter's index)
		filter('c.status = ?', statusWord);
	} else if (q.q) {
		const term = q.q;
		// prefix ranges use the indexes on claims(creditor_id, reference) and claim_debtors(creditor_id, name)
		const alts = [...new Set([term, upperFirst(term), term.toUpperCase()])];
		// the matching ids first, each branch on its own index (claims(creditor_id, reference),
		// claim_debtors(creditor_id, name)); then the page is sorted from that set
		const branches: string[] = [];
		const values: (string | number)[] = [];
		for (const a of alts) {
			branches.push(
				'SELECT id FROM claims WHERE creditor_id = ? AND reference >= ? AND reference < ?',
				'SELECT claim_id FROM claim_debtors WHERE creditor_id = ? AND name >= ? AND name < ?'
			);
			values.push(creditorId, a, a + '\uffff', creditorId, a, a + '\uffff');
		}
		filter(`c.id IN (${branches.join(' UNION ')})`, ...values);
	}
	const col = SORTS[q.sort];
	const cmp = q.dir === 'asc' ? '>' : '<';
	const cursor = q.after ? decodeCursor(q.after) : null;
	if (cursor) filter(`(${col}, c.id) ${cmp} (?, ?)`, cursor[0], cursor[1]);
	const rows = db.$client
		.prepare(
			`SELECT c.id, c.reference, d.name AS debtorName, p.name AS portfolioName, c.currency, c.placed_date AS placedDate, c.due_date AS dueDate,
				c.stage, c.status, c.placed_minor AS placedMinor, c.collected_minor AS collectedMinor, c.balance_minor AS balanceMinor, ${col} AS sortValue
			 FROM claims c JOIN claim_debtors d ON d.claim_id = c.id JOIN portfolios p ON p.id = c.portfolio_id
			 WHERE ${where.join(' AND ')}
			 ORDER BY ${col} ${q.dir}, c.id ${q.dir} LIMIT ?`
		)
		.all(...params, q.limit + 1) as (ClaimListRow & { sortValue: string | number })[];
	const more = rows.length > q.limit;
	const page = rows.slice(0, q.limit);
	const last = page.at(-1);
	return {
		rows: page.map(({ sortValue: _s, ...r }) => r),
		next: more && last ? encodeCursor(last.sortValue, last.id) : null
	};
}

/**
 * The filtered list as CSV, produced page by page so a million rows never sit in memory and no
 * statement stays open between pages. `header` gives translated headings; stages and statuses are
 * words in the reader's language; Excel (hu) by default (';', decimal comma, BOM), or plain CSV
 * (',', decimal point). Dates stay YYYY-MM-DD, which Excel reads as dates.
 */
export function* exportClaimsCsv(
	db: DB,
	actor: Actor,
	query: ClaimQuery,
	header: string[],
	/** the reader's language (stages and statuses in words) and the file's format */
	opts: { lang?: Lang; format?: CsvFormat } = {}
): Generator<string> {
	const lang = opts.lang ?? 'hu';
	const format = opts.format ?? 'excel';
	const words = (group: 'stage' | 'status', code: string) =>
		translate(lang, `creditor.${group}.${code}`);
	yield csvStart(format) + csvRow(header, format);
	let after: string | null = null;
	for (;;) {
		const page = listClaims(db, actor, { ...query, after, limit: 2000 });
		let chunk = '';
		for (const r of page.rows)
			chunk += csvRow(
				[
					r.reference,
					r.debtorName,
					r.portfolioName,
					r.currency,
					r.placedDate,
					r.dueDate,
					words('stage', r.stage),
					words('status', r.status),
					csvAmount(r.placedMinor, format),
					csvAmount(r.collectedMinor, format),
					csvAmount(r.balanceMinor, format)
				],
				format
			);
		if (chunk) yield chunk;
		if (!page.next) return;
		after = page.next;
	}
}

export interface ClaimDetail {
	claim: ClaimListRow & {
		description: string;
		portfolioId: number;
		paidAt: number | null;
		closedAt: number | null;
	};
	debtor: { kind: string; name: string; city: string };
	statement: Statement;
	payments: {
		id: number;
		amountMinor: number;
		status: string;
		purpose: string;
		createdAt: number;
		completedAt: number | null;
		/** the day the money was paid, when before the day it was posted (a transfer, a direct payment) */
		arrivedOn: string | null;
		refundedMinor: number;
		/** 1: paid to the creditor directly, as it reported (never money the agency received) */
		direct: 0 | 1;
	}[];
	stages: { stage: string; enteredAt: number; leftAt: number | null; outcome: string | null }[];
	/** the legal handover queue's status of this claim, if it entered it */
	handover: HandoverStatus | null;
	contacts: {
		channel: string;
		stage: string;
		direction: string;
		outcome: string;
		occurredAt: number;
	}[];
	plans: {
		id: number;
		status: string;
		frequency: string;
		installmentCount: number;
		totalMinor: number;
		createdAt: number;
		installments: {
			seq: number;
			dueDate: string;
			amountMinor: number;
			paidMinor: number;
			status: string;
			paidOnTime: number | null;
		}[];
	}[];
}

export function getClaimDetail(db: DB, actor: Actor, id: number): ClaimDetail {
	const creditorId = creditorIdOf(actor);
	const c = db.$client;
	const claim = c
		.prepare(
			`SELECT c.id, c.creditor_id AS creditorId, c.reference, c.description, d.name AS debtorName, d.kind AS debtorKind, d.city AS debtorCity,
				p.name AS portfolioName, c.portfolio_id AS portfolioId, c.currency, c.placed_date AS placedDate, c.due_date AS dueDate, c.stage, c.status,
				c.placed_minor AS placedMinor, c.collected_minor AS collectedMinor, c.balance_minor AS balanceMinor, c.paid_at AS paidAt, c.closed_at AS closedAt
			 FROM claims c JOIN claim_debtors d ON d.claim_id = c.id JOIN portfolios p ON p.id = c.portfolio_id WHERE c.id = ?`
		)
		.get(id) as
		| (ClaimDetail['claim'] & { creditorId: number; debtorKind: string; debtorCity: string })
		| undefined;
	if (!claim || claim.creditorId !== creditorId) throw new NotFoundError('claim');
	const { creditorId: _c, debtorKind, debtorCity, ...rest } = claim;
	const plans = c
		.prepare(
			`SELECT id, status, frequency, installment_count AS installmentCount, total_minor AS totalMinor, created_at AS createdAt
			 FROM plans WHERE claim_id = ? ORDER BY id`
		)
		.all(id) as Omit<ClaimDetail['plans'][number], 'installments'>[];
	const inst = c.prepare(
		`SELECT seq, due_date AS dueDate, amount_minor AS amountMinor, paid_minor AS paidMinor, status, paid_on_time AS paidOnTime FROM installments WHERE plan_id = ? ORDER BY seq`
	);
	return {
		claim: rest,
		debtor: { kind: debtorKind, name: rest.debtorName, city: debtorCity },
		statement: statementFor(db, id),
		payments: c
			.prepare(
				`SELECT id, amount_minor AS amountMinor, status, purpose, created_at AS createdAt, completed_at AS completedAt, arrived_on AS arrivedOn, refunded_minor AS refundedMinor,
				        gateway = 'direct' AS direct
				 FROM payments WHERE claim_id = ? ORDER BY created_at, id`
			)
			.all(id) as ClaimDetail['payments'],
		stages: c
			.prepare(
				`SELECT stage, entered_at AS enteredAt, left_at AS leftAt, outcome FROM claim_stage_events WHERE claim_id = ? ORDER BY entered_at, id`
			)
			.all(id) as ClaimDetail['stages'],
		handover: handoverStatusOf(db, id),
		contacts: c
			.prepare(
				`SELECT channel, stage, direction, outcome, occurred_at AS occurredAt FROM contact_events WHERE claim_id = ? ORDER BY occurred_at, id`
			)
			.all(id) as ClaimDetail['contacts'],
		plans: plans.map((p) => ({
			...p,
			installments: inst.all(p.id) as ClaimDetail['plans'][number]['installments']
		}))
	};
}
