/**
 * Promise to pay: the debtor names a date (within the creditor's promiseMaxDays) and an amount.
 * Kept or broken is decided by the payments that arrive: reconciliation calls
 * `settlePromisesForClaim`; the daily job calls `resolveDuePromises` for promises whose date passed.
 */
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { systemActor } from '$lib/domain/actor';
import { addDays, instantAt, isValidDate, localDate } from '$lib/domain/clock';
import type { Currency } from '$lib/domain/money';
import type { CreditorRules } from '$lib/domain/rules';
import type { DB } from '../db/client';
import { claims, payments, promises } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { fullAmount, minimumPart } from './payments';
import { claimRules } from './rules';
import { writeTx } from './tx';
import { actingClaim, latestRequest } from './claim-state';
import { assertAgencyStaff } from './actor';
import { endHoldsOf, holdForPromise } from './holds';
import { refuseWhilePlanWaits } from './plan-common';

type PromiseRow = typeof promises.$inferSelect;

/**
 * Money received on the claim from the promise's creation to the end of the promised day: posted
 * in that time, or, a transfer posted later, arrived (booked) from the day the promise was made to
 * its day. The windows of a claim's promises do not overlap (a new one is made after the last was
 * decided or replaced), so one payment keeps at most one promise.
 */
function paidTowards(db: DB, p: PromiseRow): number {
	const end = instantAt(addDays(p.promisedDate, 1));
	const madeOn = localDate(p.createdAt);
	const r = db
		.select({
			s: sql<number>`coalesce(sum(${payments.amountMinor} - ${payments.refundedMinor}), 0)`
		})
		.from(payments)
		.where(
			and(
				eq(payments.claimId, p.claimId),
				eq(payments.status, 'succeeded'),
				or(
					and(
						isNull(payments.arrivedOn),
						gte(payments.completedAt, p.createdAt),
						lte(payments.completedAt, end - 1)
					),
					and(gte(payments.arrivedOn, madeOn), lte(payments.arrivedOn, p.promisedDate))
				)
			)
		)
		.get();
	return Number(r?.s ?? 0);
}

function resolve(
	db: DB,
	actor: Actor,
	p: PromiseRow,
	to: 'kept' | 'broken',
	now: number,
	/** why a broken one is kept after all: the day its money arrived */
	late: { paidOn: string } | null = null
): void {
	db.update(promises).set({ status: to, resolvedAt: now }).where(eq(promises.id, p.id)).run();
	audit(db, actor, {
		action: `promise.${to}`,
		entity: 'promise',
		entityId: p.id,
		before: { status: p.status, resolvedAt: p.resolvedAt },
		after: late ? { status: to, arrivedOn: late.paidOn } : { status: to }
	});
	// kept: the promise no longer holds the claim (its hold ends early). Broken: the hold runs to
	// its end, the promised date plus the strategy's grace days (the daily job finds a promise
	// broken the day after its date, inside the grace days)
	if (to === 'kept') endHoldsOf(db, actor, 'promise', p.id, to, localDate(now));
}

/**
 * Inside reconciliation's transaction: open promises of the claim that the payments now meet are
 * kept. Money that arrived on `paidOn` but is posted only now (a bank transfer) also keeps a
 * promise for that day or later that the daily job already found broken: the debtor paid in time.
 */
export function settlePromisesForClaim(
	db: DB,
	actor: Actor,
	claimId: number,
	now: number,
	paidOn = localDate(now)
): void {
	const late = paidOn < localDate(now);
	const open = db
		.select()
		.from(promises)
		.where(
			and(
				eq(promises.claimId, claimId),
				late
					? or(
							eq(promises.status, 'open'),
							and(eq(promises.status, 'broken'), gte(promises.promisedDate, paidOn))
						)
					: eq(promises.status, 'open')
			)
		)
		.all();
	if (open.length === 0) return;
	const balance =
		db.select({ b: claims.balanceMinor }).from(claims).where(eq(claims.id, claimId)).get()?.b ?? 0;
	for (const p of open) {
		// a broken one is kept only by what arrived by its day, not by the claim being paid off since
		const met = paidTowards(db, p) >= p.amountMinor || (p.status === 'open' && balance <= 0);
		if (met) resolve(db, actor, p, 'kept', now, p.status === 'broken' ? { paidOn } : null);
	}
}

/**
 * For the daily job: every open promise whose date is before `today` is decided — kept when the
 * payments by that date reach the amount, else broken. Returns the counts.
 */
export function resolveDuePromises(db: DB, today: string): { kept: number; broken: number } {
	const actor = systemActor('promises');
	return writeTx(db, () => {
		const now = clock().now();
		const due = db
			.select()
			.from(promises)
			.where(and(eq(promises.status, 'open'), sql`${promises.promisedDate} < ${today}`))
			.all();
		let kept = 0;
		let broken = 0;
		for (const p of due) {
			if (paidTowards(db, p) >= p.amountMinor) {
				resolve(db, actor, p, 'kept', now);
				kept++;
			} else {
				resolve(db, actor, p, 'broken', now);
				broken++;
			}
		}
		return { kept, broken };
	});
}

/**
 * When the chain of promises that ends in the open one began: each new promise cancels the open
 * one at the moment it is made, so a cancelled promise resolved at a promise's own creation is the
 * one it replaced. The chain's promises all count from its first day, so replacing a promise again
 * and again cannot hold the claim beyond the creditor's limit.
 */
function chainStart(db: DB, claimId: number, openCreatedAt: number): number {
	let start = openCreatedAt;
	for (let i = 0; i < 1000; i++) {
		const prev = db
			.select({ createdAt: promises.createdAt })
			.from(promises)
			.where(
				and(
					eq(promises.claimId, claimId),
					eq(promises.status, 'cancelled'),
					eq(promises.resolvedAt, start)
				)
			)
			.get();
		if (!prev || prev.createdAt >= start) break;
		start = prev.createdAt;
	}
	return start;
}

/** What a promise made today may be: its first and last day, its smallest amount, and whether one may be made. */
export interface PromiseLimits {
	from: string;
	to: string;
	minMinor: number;
	/** after a broken promise the debtor's next one waits until this day (staff may record one) */
	waitUntil: string | null;
}

/** The claim's latest promise, as far as its limits go. */
export type LatestPromise = Pick<PromiseRow, 'status' | 'createdAt' | 'resolvedAt'> | null;

/** Today's limits for a promise on a claim: the staff's call form states them before it is sent. */
export function promiseLimitsOf(db: DB, claimId: number): PromiseLimits {
	const claim = db
		.select({
			id: claims.id,
			balanceMinor: claims.balanceMinor,
			currency: claims.currency,
			creditorId: claims.creditorId,
			portfolioId: claims.portfolioId
		})
		.from(claims)
		.where(eq(claims.id, claimId))
		.get();
	if (!claim) throw new NotFoundError('claim');
	const today = localDate(clock().now());
	return promiseLimits(
		db,
		claim,
		claimRules(db, claim),
		today,
		latestRequest(db, promises, claimId)
	);
}

/**
 * A promise's limits on a claim today: by the creditor's promiseMaxDays from today, or from the
 * first day of the open promise's chain when it replaces one; at least the smallest part payment
 * (or the whole balance when that is less), so that a token amount does not hold the claim. After
 * a broken promise the debtor waits as many days before promising again: otherwise promise after
 * broken promise would hold the claim for good without a payment.
 */
export function promiseLimits(
	db: DB,
	claim: { id: number; balanceMinor: number; currency: Currency },
	rules: CreditorRules,
	today: string,
	latest: LatestPromise
): PromiseLimits {
	const started =
		latest?.status === 'open' ? localDate(chainStart(db, claim.id, latest.createdAt)) : today;
	const to = addDays(started < today ? started : today, rules.promiseMaxDays);
	const brokeOn =
		latest?.status === 'broken' && latest.resolvedAt != null ? localDate(latest.resolvedAt) : null;
	const waitUntil = brokeOn ? addDays(brokeOn, rules.promiseMaxDays) : null;
	return {
		from: today,
		// a chain that has used its days up may still name today
		to: to < today ? today : to,
		minMinor: minimumPart(rules, claim.balanceMinor, claim.currency),
		waitUntil: waitUntil && waitUntil > today ? waitUntil : null
	};
}

/**
 * Cancels an open promise (replaced by a new one, or its claim closed) and ends its hold, audited
 * with `said`; no re-evaluation: the caller's next step does that. Inside the caller's writeTx.
 */
export function cancelPromise(
	db: DB,
	actor: Actor,
	promiseId: number,
	said: Record<string, unknown>,
	why: string,
	now: number
): void {
	db.update(promises)
		.set({ status: 'cancelled', resolvedAt: now })
		.where(eq(promises.id, promiseId))
		.run();
	audit(db, actor, {
		action: 'promise.cancel',
		entity: 'promise',
		entityId: promiseId,
		before: { status: 'open' },
		after: { status: 'cancelled', ...said }
	});
	endHoldsOf(db, actor, 'promise', promiseId, why, localDate(now), { reevaluate: false });
}

export interface PromiseInput {
	claimId: number;
	promisedDate: string;
	amountMinor: number;
}

/**
 * A new promise replaces the debtor's open one on the same claim (the old one is cancelled). The
 * debtor makes it in the portal; an operator or admin records it on the debtor's behalf (the case
 * page), under the same rules, audited as the staff member.
 */
export function makePromise(db: DB, actor: Actor, input: PromiseInput): PromiseRow {
	return writeTx(db, () => {
		// the debtor's own claim, or staff taking the promise on a call or a visit (calls.ts, visits.ts)
		const claim = actingClaim(db, actor, input.claimId);
		if (claim.status === 'paid' || claim.status === 'closed' || claim.balanceMinor <= 0)
			throw new ConflictError('payments.error.nothingOwed');
		const now = clock().now();
		const today = localDate(now);
		const rules = claimRules(db, claim);
		const previous = db
			.select()
			.from(promises)
			.where(and(eq(promises.claimId, claim.id), eq(promises.status, 'open')))
			.all();
		const limits = promiseLimits(db, claim, rules, today, latestRequest(db, promises, claim.id));
		// staff taking a promise on a call or a visit judge it themselves (audited as theirs)
		if (limits.waitUntil && actor.kind === 'debtor')
			throw new ConflictError('portal.promise.error.afterBroken', { date: limits.waitUntil });
		// the debtor's plan proposal (or our counter-offer) waits for a decision: that is their
		// answer on how they pay, so no promise beside it (staff on a call judge it themselves)
		if (actor.kind === 'debtor') refuseWhilePlanWaits(db, claim.id);
		const errors: ConstructorParameters<typeof ValidationError>[0] = {};
		if (!isValidDate(input.promisedDate)) errors.promisedDate = { key: 'form.invalidDate' };
		else if (input.promisedDate < today) errors.promisedDate = { key: 'portal.promise.error.past' };
		else if (input.promisedDate > limits.to)
			errors.promisedDate = { key: 'portal.promise.error.tooFar', params: { date: limits.to } };
		const full = fullAmount(claim.balanceMinor, claim.currency);
		if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
			errors.amount = { key: 'payments.error.amountPositive' };
		else if (input.amountMinor > full)
			errors.amount = { key: 'payments.error.tooMuch', params: { max: full } };
		else if (input.amountMinor < limits.minMinor)
			errors.amount = { key: 'portal.promise.error.tooSmall', params: { min: limits.minMinor } };
		if (Object.keys(errors).length) throw new ValidationError(errors);
		// the new promise's hold starts below: no re-evaluation in between
		for (const p of previous) cancelPromise(db, actor, p.id, { replaced: true }, 'replaced', now);
		const row = db
			.insert(promises)
			.values({
				claimId: claim.id,
				debtorId: claim.debtorId,
				promisedDate: input.promisedDate,
				amountMinor: input.amountMinor,
				createdAt: now
			})
			.returning()
			.get();
		audit(db, actor, {
			action: 'promise.make',
			entity: 'promise',
			entityId: row.id,
			after: { claimId: claim.id, promisedDate: row.promisedDate, amountMinor: row.amountMinor }
		});
		holdForPromise(db, actor, row);
		return row;
	});
}

/** Promises for operators: open ones by date (the "promises due" view). */
export function openPromisesForOps(db: DB, actor: Actor, limit = 100) {
	assertAgencyStaff(actor);
	return db
		.select({
			id: promises.id,
			claimId: promises.claimId,
			reference: claims.reference,
			promisedDate: promises.promisedDate,
			amountMinor: promises.amountMinor,
			currency: claims.currency,
			status: promises.status
		})
		.from(promises)
		.innerJoin(claims, eq(claims.id, promises.claimId))
		.where(eq(promises.status, 'open'))
		.orderBy(promises.promisedDate)
		.limit(limit)
		.all();
}
