/**
 * What a debtor sees: their claims grouped by creditor, and one claim in full (itemised statement
 * from the ledger, payments, documents, promise, dispute). Every query is scoped by the debtor.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import { statementOf, type LedgerLine } from '$lib/domain/ledger';
import { defaultStrategy, type Stage, type Strategy } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { claims, creditors, type plans, type promises } from '../db/schema';
import { clock } from '../clock';
import { ForbiddenError, NotFoundError } from './errors';
import { fullAmount, minimumPart } from './payments';
import { effectiveRules } from './rules';

function debtorOf(actor: Actor): number {
	if (actor.kind !== 'debtor') throw new ForbiddenError();
	return actor.debtorId;
}

const NEXT: Record<Stage, Exclude<Stage, 'new'> | null> = {
	new: 'friendly_reminder',
	friendly_reminder: 'firm_reminder',
	firm_reminder: 'formal_notice',
	formal_notice: 'legal',
	legal: null
};

const strategyStmt = new WeakMap<DB, import('better-sqlite3').Statement>();

function strategyOf(db: DB, creditorId: number): Strategy {
	let st = strategyStmt.get(db);
	if (!st) strategyStmt.set(db, (st = db.$client.prepare('SELECT stages_json AS j FROM strategies WHERE creditor_id = ?')));
	const row = st.get(creditorId) as { j: string } | undefined;
	if (!row) return defaultStrategy();
	try {
		return { ...defaultStrategy(), ...(JSON.parse(row.j) as Partial<Strategy>) };
	} catch {
		return defaultStrategy();
	}
}

export interface StageInfo {
	stage: Stage;
	/** last reminder we sent (any channel but the portal) */
	lastContact: { date: string; channel: string } | null;
	/** the next step of the reminder process and its date, for open claims only */
	next: { stage: Exclude<Stage, 'new'>; date: string } | null;
}

function stageInfo(db: DB, claim: Pick<ClaimRow, 'id' | 'status' | 'stage' | 'dueDate'>, strategy: Strategy): StageInfo {
	const last = stmts(db).lastContact.get(claim.id) as { at: number; channel: string } | undefined;
	return stageFrom(claim, last, strategy, localDate(clock().now()));
}

/** "We sent you a reminder on ...; the next step is ... on ..." as data. */
function stageFrom(
	claim: Pick<ClaimRow, 'status' | 'stage' | 'dueDate'>,
	last: { at: number; channel: string } | undefined,
	strategy: Strategy,
	today: string
): StageInfo {
	let next: StageInfo['next'] = null;
	if (claim.status === 'open') {
		let st = NEXT[claim.stage];
		// the next step is the first later stage whose date has not passed yet (the engine may be behind)
		while (st) {
			const date = addDays(claim.dueDate, strategy[st].afterDays);
			if (date > today) {
				next = { stage: st, date };
				break;
			}
			if (NEXT[st] === null) {
				next = { stage: st, date: today };
				break;
			}
			st = NEXT[st];
		}
	}
	return { stage: claim.stage, lastContact: last ? { date: localDate(last.at), channel: last.channel } : null, next };
}

export function myClaims(db: DB, actor: Actor) {
	const debtorId = debtorOf(actor);
	const rows = db
		.select({ claim: claims, creditorName: creditors.name })
		.from(claims)
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.where(and(eq(claims.debtorId, debtorId), inArray(claims.status, ['open', 'in_plan', 'disputed', 'paid'])))
		.orderBy(asc(creditors.name), asc(claims.id))
		.all();
	const strategyCache = new Map<number, Strategy>();
	const groups: { creditorId: number; creditorName: string; claims: ReturnType<typeof summary>[] }[] = [];
	function summary(c: typeof claims.$inferSelect) {
		let s = strategyCache.get(c.creditorId);
		if (!s) strategyCache.set(c.creditorId, (s = strategyOf(db, c.creditorId)));
		return {
			id: c.id,
			reference: c.reference,
			description: c.description,
			currency: c.currency,
			balanceMinor: c.balanceMinor,
			status: c.status,
			stage: stageInfo(db, c, s)
		};
	}
	for (const r of rows) {
		let g = groups.find((x) => x.creditorId === r.claim.creditorId);
		if (!g) groups.push((g = { creditorId: r.claim.creditorId, creditorName: r.creditorName, claims: [] }));
		g.claims.push(summary(r.claim));
	}
	return groups;
}

/**
 * The claim page is the portal's hot path (bench:portal): plain prepared statements, prepared once
 * per connection, instead of building the same SQL on every request.
 */
const prepared = new WeakMap<DB, ReturnType<typeof prepare>>();
function prepare(db: DB) {
	const c = db.$client;
	return {
		claim: c.prepare(
			`SELECT c.id, c.creditor_id AS creditorId, c.portfolio_id AS portfolioId, c.reference, c.description, c.currency, c.placed_date AS placedDate,
			        c.due_date AS dueDate, c.stage, c.status, c.balance_minor AS balanceMinor, cr.name AS creditorName
			 FROM claims c JOIN creditors cr ON cr.id = c.creditor_id WHERE c.id = ? AND c.debtor_id = ?`
		),
		ledger: c.prepare('SELECT component, kind, amount_minor AS amountMinor FROM ledger_entries WHERE claim_id = ?'),
		payments: c.prepare(
			`SELECT id, amount_minor AS amountMinor, refunded_minor AS refundedMinor, currency, status, purpose, receipt_number AS receiptNumber,
			        created_at AS createdAt, completed_at AS completedAt
			 FROM payments WHERE claim_id = ? ORDER BY id DESC`
		),
		certificate: c.prepare('SELECT number, issued_at AS issuedAt FROM settlement_certificates WHERE claim_id = ?'),
		promise: c.prepare(
			`SELECT id, claim_id AS claimId, debtor_id AS debtorId, promised_date AS promisedDate, amount_minor AS amountMinor, status, created_at AS createdAt, resolved_at AS resolvedAt
			 FROM promises WHERE claim_id = ? AND debtor_id = ? ORDER BY id DESC LIMIT 1`
		),
		dispute: c.prepare(
			`SELECT id, reason, status, answer_due_date AS answerDueDate, answer, created_at AS createdAt
			 FROM disputes WHERE claim_id = ? ORDER BY id DESC LIMIT 1`
		),
		plan: c.prepare('SELECT id, status FROM plans WHERE claim_id = ? ORDER BY id DESC LIMIT 1'),
		lastContact: c.prepare(
			`SELECT occurred_at AS at, channel FROM contact_events
			 WHERE claim_id = ? AND direction = 'outbound' AND outcome IN ('sent', 'delivered', 'conversation')
			 ORDER BY occurred_at DESC LIMIT 1`
		)
	};
}
function stmts(db: DB) {
	let s = prepared.get(db);
	if (!s) prepared.set(db, (s = prepare(db)));
	return s;
}

interface ClaimRow {
	id: number;
	creditorId: number;
	portfolioId: number;
	reference: string;
	description: string;
	currency: 'HUF' | 'EUR';
	placedDate: string;
	dueDate: string;
	stage: Stage;
	status: 'open' | 'in_plan' | 'disputed' | 'paid' | 'closed';
	balanceMinor: number;
	creditorName: string;
}

type PaymentRow = {
	id: number;
	amountMinor: number;
	refundedMinor: number;
	currency: 'HUF' | 'EUR';
	status: 'pending' | 'succeeded' | 'failed' | 'expired' | 'flagged';
	purpose: 'full' | 'partial' | 'installment' | 'down_payment' | 'manual';
	receiptNumber: string | null;
	createdAt: number;
	completedAt: number | null;
};

export function claimDetail(db: DB, actor: Actor, claimId: number) {
	const debtorId = debtorOf(actor);
	const q = stmts(db);
	const c = q.claim.get(claimId, debtorId) as ClaimRow | undefined;
	if (!c) throw new NotFoundError('claim');
	const statement = statementOf(q.ledger.all(c.id) as LedgerLine[]);
	const now = clock().now();
	const pays = (q.payments.all(c.id) as PaymentRow[]).filter((p) => p.status !== 'pending' || p.createdAt > now - 86_400_000);
	const certificate = (q.certificate.get(c.id) as { number: string; issuedAt: number } | undefined) ?? null;
	const openPromise = (q.promise.get(c.id, debtorId) as typeof promises.$inferSelect | undefined) ?? null;
	const dispute =
		(q.dispute.get(c.id) as
			| { id: number; reason: 'not_mine' | 'already_paid' | 'wrong_amount' | 'statute_barred' | 'other'; status: 'open' | 'upheld' | 'rejected' | 'withdrawn'; answerDueDate: string; answer: string | null; createdAt: number }
			| undefined) ?? null;
	const plan = (q.plan.get(c.id) as { id: number; status: typeof plans.$inferSelect.status } | undefined) ?? null;
	const rules = effectiveRules(db, c.creditorId, c.portfolioId).rules;
	const today = localDate(now);
	const open = c.status !== 'paid' && c.status !== 'closed' && c.balanceMinor > 0;
	const last = q.lastContact.get(c.id) as { at: number; channel: string } | undefined;
	return {
		claim: {
			id: c.id,
			reference: c.reference,
			description: c.description,
			currency: c.currency,
			placedDate: c.placedDate,
			dueDate: c.dueDate,
			status: c.status,
			balanceMinor: c.balanceMinor,
			creditorName: c.creditorName
		},
		stage: stageFrom(c, last, strategyOf(db, c.creditorId), today),
		statement,
		payments: pays,
		certificate,
		promise: openPromise,
		dispute,
		plan,
		pay: open
			? {
					fullMinor: fullAmount(c.balanceMinor, c.currency),
					partialAllowed: rules.partialPaymentsAllowed,
					minPartMinor: minimumPart(rules, c.balanceMinor, c.currency)
				}
			: null,
		promiseRange: open ? { from: today, to: addDays(today, rules.promiseMaxDays) } : null,
		canDispute: open && dispute?.status !== 'open'
	};
}
