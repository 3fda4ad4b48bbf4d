/**
 * Bank transfers posted to a claim (bank.ts tells the story): by the import when the reference
 * matched, or by an operator who chose the claim for an unmatched entry, who may also set an entry
 * aside as "not ours".
 */
import { and, eq } from 'drizzle-orm';
import { actorId, type Actor } from '$lib/domain/actor';
import type { StatementEntry } from '$lib/domain/bank-statement';
import { localDate } from '$lib/domain/clock';
import type { Currency } from '$lib/domain/money';
import type { DB } from '../db/client';
import { bankEntries, claims, payments } from '../db/schema';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit, insertAudited } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { settle } from './reconcile';
import { offerFor } from './settlement-offers';
import { writeTx } from './tx';

export const MAX_NOT_OURS_REASON = 500;

/** The claim a transfer is posted to. */
export type PostedClaim = {
	id: number;
	debtorId: number;
	currency: Currency;
	balanceMinor: number;
};

/**
 * A bank transfer booked like a card payment: a payment row (gateway bank_transfer, the bank's
 * entry reference as its provider reference), then reconcile.ts `settle`. The money counts from
 * the day the bank booked it (the ledger's effective date, a plan installment's being on time),
 * however late the statement was imported or the entry matched, but never from a day to come;
 * the payment's times are those of its posting.
 */
export function postToClaim(
	db: DB,
	actor: Actor,
	entryId: number,
	e: Pick<StatementEntry, 'ref' | 'amountMinor' | 'bookingDate'>,
	claim: PostedClaim,
	matchedBy: 'reference' | 'operator',
	now: number
) {
	const payment = insertAudited(db, actor, payments, {
		values: {
			claimId: claim.id,
			debtorId: claim.debtorId,
			amountMinor: e.amountMinor,
			currency: claim.currency,
			purpose: purposeOf(db, claim, e.amountMinor, now),
			gateway: 'bank_transfer',
			status: 'pending',
			providerRef: `bank:${e.ref}`,
			createdAt: now
		},
		audit: {
			action: 'payment.bank_transfer',
			entity: 'payment',
			after: { claimId: claim.id, amountMinor: e.amountMinor, bankEntryId: entryId, matchedBy }
		}
	});
	const today = localDate(now);
	const paidOn = e.bookingDate < today ? e.bookingDate : today;
	const res = settle(db, actor, payment, { providerRef: payment.providerRef }, now, paidOn);
	db.update(bankEntries)
		.set({ status: 'posted', reason: null, claimId: claim.id, paymentId: payment.id, matchedBy })
		.where(eq(bankEntries.id, entryId))
		.run();
	return { paymentId: payment.id, ...res };
}

/**
 * The whole balance is 'full'; at least a standing settlement offer's amount takes the offer
 * (settlement-offers.ts: the discount is written off as the payment is posted); less is a part.
 */
function purposeOf(
	db: DB,
	claim: Pick<PostedClaim, 'id' | 'balanceMinor'>,
	amountMinor: number,
	now: number
): 'full' | 'partial' | 'settlement' {
	if (amountMinor >= claim.balanceMinor) return 'full';
	const offer = offerFor(db, claim.id, now);
	return offer && amountMinor >= offer.payMinor ? 'settlement' : 'partial';
}

/**
 * Nothing is owed on the claim (paid, closed, or its balance at zero): a transfer posted to it is
 * all overpayment, which goes back (C11: `settle` opens the refund task). The import never posts
 * to such a claim by itself (bank.ts: 'claim_closed', 'nothing_owed'); an operator may, once they
 * confirm it.
 */
export function isSettledClaim(c: { status: string; balanceMinor: number }): boolean {
	return c.status === 'paid' || c.status === 'closed' || c.balanceMinor <= 0;
}

/** An entry still waiting for an operator (any other: 404 or 409). */
function unmatchedEntry(db: DB, entryId: number) {
	const entry = db.select().from(bankEntries).where(eq(bankEntries.id, entryId)).get();
	if (!entry) throw new NotFoundError();
	if (entry.status !== 'unmatched') throw new ConflictError('bank.error.notUnmatched');
	return entry;
}

/**
 * An unmatched entry posted to the claim an operator chose (audited). A claim with nothing owed on
 * it takes the money only when the operator confirmed it (`confirmSettled`): otherwise
 * ConflictError 'bank.match.confirm.paid' / '.closed' saying that all of it will be refunded.
 */
export function matchEntry(
	db: DB,
	actor: Actor,
	input: { entryId: number; claimId: number; confirmSettled?: boolean }
): { paymentId: number; overpaymentMinor: number; settled: boolean } {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const entry = unmatchedEntry(db, input.entryId);
		// a return takes money back: never a payment (the operator sets it aside once put right)
		if (entry.reason === 'returned') throw new ConflictError('bank.error.returned');
		if (entry.amountMinor <= 0) throw new ConflictError('bank.error.zeroAmount');
		const claim = db
			.select({
				id: claims.id,
				debtorId: claims.debtorId,
				currency: claims.currency,
				balanceMinor: claims.balanceMinor,
				reference: claims.reference,
				status: claims.status
			})
			.from(claims)
			.where(eq(claims.id, input.claimId))
			.get();
		if (!claim) throw new ValidationError({ claimId: { key: 'bank.error.noClaim' } });
		if (claim.currency !== entry.currency)
			throw new ValidationError({
				claimId: { key: 'bank.error.currency', params: { currency: entry.currency } }
			});
		const settledClaim = isSettledClaim(claim);
		if (settledClaim && !input.confirmSettled)
			throw new ConflictError(
				claim.status === 'closed' ? 'bank.match.confirm.closed' : 'bank.match.confirm.paid',
				{ reference: claim.reference }
			);
		const now = clock().now();
		const res = postToClaim(
			db,
			actor,
			entry.id,
			{ ref: entry.entryRef, amountMinor: entry.amountMinor, bookingDate: entry.bookingDate },
			claim,
			'operator',
			now
		);
		db.update(bankEntries)
			.set({ resolvedBy: actorId(actor), resolvedAt: now })
			.where(eq(bankEntries.id, entry.id))
			.run();
		audit(db, actor, {
			action: 'bank_entry.match',
			entity: 'bank_entry',
			entityId: entry.id,
			before: { status: 'unmatched', reason: entry.reason, claimId: entry.claimId },
			after: {
				status: 'posted',
				claimId: claim.id,
				paymentId: res.paymentId,
				// the operator confirmed posting to a claim with nothing owed: all of it is refunded
				...(settledClaim ? { settledClaim: claim.status, refundMinor: res.overpaymentMinor } : {})
			}
		});
		return res;
	});
}

/** An unmatched entry that is not a payment for any claim: set aside with the operator's reason. */
export function markNotOurs(
	db: DB,
	actor: Actor,
	input: { entryId: number; reason: string }
): void {
	assertAgencyStaff(actor);
	const reason = input.reason.trim();
	if (reason === '') throw new ValidationError({ reason: { key: 'form.required' } });
	if (reason.length > MAX_NOT_OURS_REASON)
		throw new ValidationError({
			reason: { key: 'form.tooLong', params: { max: MAX_NOT_OURS_REASON } }
		});
	writeTx(db, () => {
		const entry = unmatchedEntry(db, input.entryId);
		const now = clock().now();
		db.update(bankEntries)
			.set({ status: 'not_ours', note: reason, resolvedBy: actorId(actor), resolvedAt: now })
			.where(and(eq(bankEntries.id, entry.id), eq(bankEntries.status, 'unmatched')))
			.run();
		audit(db, actor, {
			action: 'bank_entry.not_ours',
			entity: 'bank_entry',
			entityId: entry.id,
			before: { status: 'unmatched', reason: entry.reason },
			after: { status: 'not_ours', note: reason }
		});
	});
}
