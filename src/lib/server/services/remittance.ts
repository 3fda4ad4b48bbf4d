/**
 * Remittance statements (issue 20, item 5) and the commission terms they apply. The statement is
 * computed from the ledger each time (domain/remittance.ts says what counts), for any period, so
 * it can never drift from the money actually booked.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays, instantAt, isValidDate } from '$lib/domain/clock';
import {
	agencyFeeShares,
	remittanceStatement,
	type CommissionTerm,
	type MoneyLine,
	type RemittanceStatement
} from '$lib/domain/remittance';
import { STAGES, type Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import {
	claims,
	claimStageEvents,
	commissionTerms,
	creditors,
	ledgerEntries,
	payments,
	portfolios
} from '../db/schema';
import { assertAdmin } from './actor';
import { audit } from './audit';
import { NotFoundError, ValidationError } from './errors';
import { clock } from '../clock';
import { writeTx } from './tx';

/** Admins name the creditor; a creditor's user always gets their own (another id is a 404). */
function creditorScope(db: DB, actor: Actor, creditorId: number): { id: number; name: string } {
	if (actor.kind === 'creditor' ? actor.creditorId !== creditorId : actor.kind !== 'admin')
		throw new NotFoundError('creditor');
	const c = db
		.select({ id: creditors.id, name: creditors.name })
		.from(creditors)
		.where(eq(creditors.id, creditorId))
		.get();
	if (!c) throw new NotFoundError('creditor');
	return c;
}

function termsOf(db: DB, creditorId: number): (CommissionTerm & { id: number })[] {
	return db
		.select({
			id: commissionTerms.id,
			portfolioId: commissionTerms.portfolioId,
			stage: commissionTerms.stage,
			rateBp: commissionTerms.rateBp,
			validFrom: commissionTerms.validFrom
		})
		.from(commissionTerms)
		.where(eq(commissionTerms.creditorId, creditorId))
		.orderBy(asc(commissionTerms.validFrom), asc(commissionTerms.id))
		.all();
}

/** The creditor's commission terms, oldest first, with portfolio names; and its portfolios. */
export function commissionTermsFor(db: DB, actor: Actor, creditorId: number) {
	creditorScope(db, actor, creditorId);
	const list = db
		.select({ id: portfolios.id, name: portfolios.name })
		.from(portfolios)
		.where(eq(portfolios.creditorId, creditorId))
		.orderBy(asc(portfolios.name))
		.all();
	const names = new Map(list.map((p) => [p.id, p.name]));
	const terms = termsOf(db, creditorId).map((t) => ({
		...t,
		portfolioName: t.portfolioId == null ? null : (names.get(t.portfolioId) ?? null)
	}));
	return { terms, portfolios: list };
}

export interface TermInput {
	creditorId: number;
	portfolioId: number | null;
	stage: string | null;
	rateBp: number;
	validFrom: string;
}

/** Admins add a dated term; earlier terms stay as they were (past statements keep their rates). */
export function addCommissionTerm(db: DB, actor: Actor, input: TermInput): number {
	assertAdmin(actor);
	creditorScope(db, actor, input.creditorId);
	const fields: ConstructorParameters<typeof ValidationError>[0] = {};
	if (!Number.isInteger(input.rateBp) || input.rateBp < 0 || input.rateBp > 10_000)
		fields.rate = { key: 'remittance.terms.badRate' };
	if (!isValidDate(input.validFrom)) fields.validFrom = { key: 'form.date' };
	const stage = input.stage ? (STAGES.find((s) => s === input.stage) ?? null) : null;
	if (input.stage && !stage) fields.stage = { key: 'form.required' };
	if (input.portfolioId != null) {
		const p = db
			.select({ id: portfolios.id })
			.from(portfolios)
			.where(and(eq(portfolios.id, input.portfolioId), eq(portfolios.creditorId, input.creditorId)))
			.get();
		if (!p) fields.portfolioId = { key: 'form.required' };
	}
	if (Object.keys(fields).length) throw new ValidationError(fields);
	return writeTx(db, () => {
		const row = db
			.insert(commissionTerms)
			.values({
				creditorId: input.creditorId,
				portfolioId: input.portfolioId,
				stage: stage as Stage | null,
				rateBp: input.rateBp,
				validFrom: input.validFrom,
				createdBy: actor.userId,
				createdAt: clock().now()
			})
			.returning({ id: commissionTerms.id })
			.get();
		audit(db, actor, {
			action: 'commission_term.add',
			entity: 'creditor',
			entityId: input.creditorId,
			after: { termId: row.id, ...input, stage }
		});
		return row.id;
	});
}

export interface Period {
	from: string;
	to: string;
}

/** The claim's stage on a day: the stage entered last on or before the end of that day. */
function stageOn(
	events: { stage: Stage; enteredAt: number }[] | undefined,
	date: string
): Stage | null {
	if (!events) return null;
	const end = instantAt(addDays(date, 1));
	let stage: Stage | null = null;
	for (const e of events) if (e.enteredAt < end) stage = e.stage;
	return stage;
}

/** Reads `ids` in parts of 500 (SQLite's bound-parameter limit stays far off). */
function byChunks<T>(ids: number[], read: (part: number[]) => T[]): T[] {
	const out: T[] = [];
	for (let i = 0; i < ids.length; i += 500) out.push(...read(ids.slice(i, i + 500)));
	return out;
}

/** Rows per claim, in their order. */
function byClaim<T extends { claimId: number }>(rows: T[]): Map<number, T[]> {
	const out = new Map<number, T[]>();
	for (const r of rows) {
		const list = out.get(r.claimId);
		if (list) list.push(r);
		else out.set(r.claimId, [r]);
	}
	return out;
}

/** The claims' stage events, oldest first, per claim. */
function stageEvents(db: DB, claimIds: number[]) {
	const rows = byChunks(claimIds, (part) =>
		db
			.select({
				claimId: claimStageEvents.claimId,
				stage: claimStageEvents.stage,
				enteredAt: claimStageEvents.enteredAt
			})
			.from(claimStageEvents)
			.where(inArray(claimStageEvents.claimId, part))
			.orderBy(asc(claimStageEvents.enteredAt))
			.all()
	);
	return byClaim(rows);
}

/** The day each payment was booked (its first payment line), whenever its refunds came. */
function paymentDays(db: DB, paymentIds: number[]): Map<number, string> {
	const rows = byChunks(paymentIds, (part) =>
		db
			.select({
				paymentId: ledgerEntries.paymentId,
				day: sql<string>`min(${ledgerEntries.effectiveDate})`
			})
			.from(ledgerEntries)
			.where(and(inArray(ledgerEntries.paymentId, part), eq(ledgerEntries.kind, 'payment')))
			.groupBy(ledgerEntries.paymentId)
			.all()
	);
	return new Map(rows.map((r) => [r.paymentId!, r.day]));
}

/** The agency's part of each fee line of the claims (domain: `agencyFeeShares`), by line id. */
function agencyFees(db: DB, claimIds: number[]): Map<number, number> {
	const lines = byChunks(claimIds, (part) =>
		db
			.select({
				id: ledgerEntries.id,
				claimId: ledgerEntries.claimId,
				kind: ledgerEntries.kind,
				amountMinor: ledgerEntries.amountMinor,
				memo: ledgerEntries.memo,
				paymentId: ledgerEntries.paymentId,
				reversesId: ledgerEntries.reversesId
			})
			.from(ledgerEntries)
			.where(and(inArray(ledgerEntries.claimId, part), eq(ledgerEntries.component, 'fee')))
			.orderBy(asc(ledgerEntries.id))
			.all()
	);
	return new Map([...byClaim(lines).values()].flatMap((claim) => [...agencyFeeShares(claim)]));
}

/** The ledger's money lines of a creditor's claims in a period (inclusive days). */
export function moneyLines(db: DB, creditorId: number, p: Period): MoneyLine[] {
	const rows = db
		.select({
			id: ledgerEntries.id,
			claimId: ledgerEntries.claimId,
			reference: claims.reference,
			currency: claims.currency,
			portfolioId: claims.portfolioId,
			effectiveDate: ledgerEntries.effectiveDate,
			component: ledgerEntries.component,
			kind: ledgerEntries.kind,
			amountMinor: ledgerEntries.amountMinor,
			paymentId: ledgerEntries.paymentId,
			direct: sql<boolean>`${payments.gateway} = 'direct'`.mapWith(Boolean)
		})
		.from(ledgerEntries)
		.innerJoin(claims, eq(claims.id, ledgerEntries.claimId))
		.innerJoin(payments, eq(payments.id, ledgerEntries.paymentId))
		.where(
			and(
				eq(claims.creditorId, creditorId),
				sql`${ledgerEntries.paymentId} IS NOT NULL`,
				inArray(ledgerEntries.kind, ['payment', 'refund', 'reversal']),
				sql`${ledgerEntries.effectiveDate} BETWEEN ${p.from} AND ${p.to}`
			)
		)
		.orderBy(asc(ledgerEntries.id))
		.all();
	const events = stageEvents(db, [...new Set(rows.map((r) => r.claimId))]);
	const paid = paymentDays(db, [...new Set(rows.map((r) => r.paymentId!))]);
	const fees = agencyFees(db, [
		...new Set(rows.filter((r) => r.component === 'fee').map((r) => r.claimId))
	]);
	return rows.map(({ id, paymentId, ...r }) => {
		const paidOn = paid.get(paymentId!) ?? r.effectiveDate;
		const agencyMinor = fees.get(id) ?? 0;
		return { ...r, paidOn, stage: stageOn(events.get(r.claimId), paidOn), agencyMinor };
	});
}

export interface Remittance {
	creditor: { id: number; name: string };
	period: Period;
	statement: RemittanceStatement;
}

/** The statement for a creditor and period; a creditor's user sees only their own. */
export function remittanceFor(db: DB, actor: Actor, creditorId: number, p: Period): Remittance {
	const creditor = creditorScope(db, actor, creditorId);
	if (!isValidDate(p.from) || !isValidDate(p.to) || p.from > p.to)
		throw new ValidationError({ from: { key: 'remittance.badPeriod' } });
	const statement = remittanceStatement(moneyLines(db, creditorId, p), termsOf(db, creditorId));
	return { creditor, period: p, statement };
}
