/**
 * What a debtor sees: their claims grouped by creditor, and one claim in full (itemised statement
 * from the ledger, payments, documents, promise, dispute). Every query is scoped by the debtor.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import { statementOf, type LedgerLine } from '$lib/domain/ledger';
import { defaultStrategy, type Stage, type Strategy } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { claims, contactEvents, creditors, disputes, ledgerEntries, payments, plans, promises, settlementCertificates, strategies } from '../db/schema';
import { clock } from '../clock';
import { ForbiddenError, NotFoundError } from './errors';
import { fullAmount, minimumPart, rulesFor } from './payments';

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

function strategyOf(db: DB, creditorId: number): Strategy {
	const row = db.select({ j: strategies.stagesJson }).from(strategies).where(eq(strategies.creditorId, creditorId)).get();
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

function stageInfo(db: DB, claim: typeof claims.$inferSelect, strategy: Strategy): StageInfo {
	const last = db
		.select({ at: contactEvents.occurredAt, channel: contactEvents.channel })
		.from(contactEvents)
		.where(and(eq(contactEvents.claimId, claim.id), eq(contactEvents.direction, 'outbound'), inArray(contactEvents.outcome, ['sent', 'delivered', 'conversation'])))
		.orderBy(desc(contactEvents.occurredAt))
		.limit(1)
		.get();
	let next: StageInfo['next'] = null;
	if (claim.status === 'open') {
		const today = localDate(clock().now());
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
		if (next && next.stage === NEXT[claim.stage] && claim.stage === 'legal') next = null;
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

export function claimDetail(db: DB, actor: Actor, claimId: number) {
	const debtorId = debtorOf(actor);
	const row = db
		.select({ claim: claims, creditorName: creditors.name })
		.from(claims)
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.where(and(eq(claims.id, claimId), eq(claims.debtorId, debtorId)))
		.get();
	if (!row) throw new NotFoundError('claim');
	const c = row.claim;
	const lines = db
		.select({ component: ledgerEntries.component, kind: ledgerEntries.kind, amountMinor: ledgerEntries.amountMinor })
		.from(ledgerEntries)
		.where(eq(ledgerEntries.claimId, c.id))
		.all() as LedgerLine[];
	const statement = statementOf(lines);
	const pays = db
		.select({
			id: payments.id,
			amountMinor: payments.amountMinor,
			refundedMinor: payments.refundedMinor,
			currency: payments.currency,
			status: payments.status,
			purpose: payments.purpose,
			receiptNumber: payments.receiptNumber,
			createdAt: payments.createdAt,
			completedAt: payments.completedAt
		})
		.from(payments)
		.where(eq(payments.claimId, c.id))
		.orderBy(desc(payments.id))
		.all()
		.filter((p) => p.status !== 'pending' || p.createdAt > clock().now() - 86_400_000);
	const certificate = db.select().from(settlementCertificates).where(eq(settlementCertificates.claimId, c.id)).get() ?? null;
	const openPromise = db.select().from(promises).where(and(eq(promises.claimId, c.id), eq(promises.debtorId, debtorId))).orderBy(desc(promises.id)).limit(1).get() ?? null;
	const dispute = db
		.select({ id: disputes.id, reason: disputes.reason, status: disputes.status, answerDueDate: disputes.answerDueDate, answer: disputes.answer, createdAt: disputes.createdAt })
		.from(disputes)
		.where(eq(disputes.claimId, c.id))
		.orderBy(desc(disputes.id))
		.limit(1)
		.get() ?? null;
	const plan = db.select({ id: plans.id, status: plans.status }).from(plans).where(eq(plans.claimId, c.id)).orderBy(desc(plans.id)).limit(1).get() ?? null;
	const rules = rulesFor(db, c.creditorId, c.portfolioId);
	const today = localDate(clock().now());
	const open = c.status !== 'paid' && c.status !== 'closed' && c.balanceMinor > 0;
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
			creditorName: row.creditorName
		},
		stage: stageInfo(db, c, strategyOf(db, c.creditorId)),
		statement,
		payments: pays,
		certificate: certificate ? { number: certificate.number, issuedAt: certificate.issuedAt } : null,
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
