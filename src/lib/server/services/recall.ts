/**
 * A creditor takes a claim back, or says the debtor paid them directly (issue 20, item 4). Both
 * stop collection at once: the engine's pending actions are cancelled in the same transaction (a
 * closed or paid claim is not worked), queued messages are cancelled, and the debtor's portal says
 * the claim is no longer handled by the agency (recall) or is paid (direct payment).
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { isValidDate, localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { claimRecalls, claims, payments } from '../db/schema';
import { clock } from '../clock';
import { assertCreditor } from './actor';
import { audit, insertAudited } from './audit';
import { cancelQueuedMessages, closeClaim } from './claim-closing';
import { creditorRow } from './creditor-scope';
import { ConflictError, ValidationError } from './errors';
import { reevaluateNow } from './holds';
import { reconcile } from './reconcile';
import { writeTx } from './tx';

const FINISHED = ['paid', 'closed'];

/** The creditor's own claim (another creditor's: not found, so its existence is not revealed). */
function ownClaim(db: DB, actor: Actor, claimId: number) {
	assertCreditor(actor);
	return creditorRow(db, actor.creditorId, claims, claimId, 'claim');
}

const reasonOf = (reason: string) => {
	const r = reason.trim();
	if (!r || r.length > 500) throw new ValidationError({ reason: { key: 'form.required' } });
	return r;
};

/** Recalls a claim: the agency stops all collection at once. Audited with the reason. */
export function recallClaim(db: DB, actor: Actor, claimId: number, reason: string): void {
	assertCreditor(actor);
	const why = reasonOf(reason);
	writeTx(db, () => {
		const c = ownClaim(db, actor, claimId);
		if (FINISHED.includes(c.status)) throw new ConflictError('recall.finished');
		const now = clock().now();
		db.insert(claimRecalls)
			.values({ claimId, reason: why, recalledBy: actor.userId, recalledAt: now })
			.run();
		closeClaim(db, actor, claimId, 'recalled');
		audit(db, actor, {
			action: 'claim.recall',
			entity: 'claim',
			entityId: claimId,
			before: { status: c.status },
			after: { status: 'closed', closeReason: 'recalled', reason: why }
		});
		reevaluateNow(db, claimId);
	});
}

export interface DirectPaymentInput {
	claimId: number;
	amountMinor: number;
	reason: string;
	/** the balance the form showed: another payment since (or this one sent twice) is a conflict */
	seenBalanceMinor?: number | null;
	/**
	 * the day the debtor paid the creditor (YYYY-MM-DD): not in the future, not before the claim
	 * was placed with us; today when not given
	 */
	paidOn?: string;
}

/**
 * The debtor paid the creditor directly: posted to the ledger as a payment with the gateway
 * 'direct' through the one reconciliation (6:46 allocation, plan installments, promises, paid at
 * zero with its certificate), so the reminders stop. More than the balance is refused: the
 * creditor holds that money, so there is nothing for us to refund. The day the debtor paid is the
 * payment's `arrived_on` (when before today): a promise due on or after it, or an installment, was
 * met in time; the ledger lines are dated the day they are posted, like every payment's, so a
 * month already remitted never changes.
 */
export function reportDirectPayment(db: DB, actor: Actor, input: DirectPaymentInput): number {
	const why = reasonOf(input.reason);
	return writeTx(db, () => {
		const c = ownClaim(db, actor, input.claimId);
		if (FINISHED.includes(c.status)) throw new ConflictError('recall.finished');
		if (input.seenBalanceMinor != null && input.seenBalanceMinor !== c.balanceMinor)
			throw new ConflictError('direct.changed');
		const now = clock().now();
		const today = localDate(now);
		const paidOn = input.paidOn ?? today;
		const errors: ConstructorParameters<typeof ValidationError>[0] = {};
		if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
			errors.amount = { key: 'form.amount' };
		else if (input.amountMinor > c.balanceMinor) errors.amount = { key: 'direct.overBalance' };
		if (!isValidDate(paidOn)) errors.paidOn = { key: 'form.invalidDate' };
		else if (paidOn > today) errors.paidOn = { key: 'direct.paidOn.future' };
		else if (paidOn < c.placedDate)
			errors.paidOn = { key: 'direct.paidOn.beforePlaced', params: { date: c.placedDate } };
		if (Object.keys(errors).length) throw new ValidationError(errors);
		const p = insertAudited(db, actor, payments, {
			values: {
				claimId: c.id,
				debtorId: c.debtorId,
				amountMinor: input.amountMinor,
				currency: c.currency,
				purpose: 'manual',
				gateway: 'direct',
				status: 'pending',
				createdAt: now
			},
			audit: {
				action: 'payment.direct',
				entity: 'payment',
				after: { claimId: c.id, amountMinor: input.amountMinor, paidOn, reason: why }
			}
		});
		const r = reconcile(
			db,
			{
				provider: 'direct',
				eventId: `direct:${p.id}`,
				type: 'direct.reported',
				outcome: 'succeeded',
				paymentId: p.id,
				amountMinor: input.amountMinor,
				currency: c.currency
			},
			{ paidOn }
		);
		if (r.outcome !== 'posted') throw new ConflictError('recall.finished');
		const left = db
			.select({ b: claims.balanceMinor, s: claims.status })
			.from(claims)
			.where(eq(claims.id, c.id))
			.get()!;
		if (left.s === 'paid') cancelQueuedMessages(db, c.id, now);
		return p.id;
	});
}

/** Recalled and directly-paid claims of a creditor, for its figures (two small indexed reads). */
export function recallFigures(db: DB, actor: Actor) {
	assertCreditor(actor);
	const one = (q: string) => db.$client.prepare(q).pluck().get(actor.creditorId) as number;
	return {
		recalled: one(
			`SELECT count(*) FROM claim_recalls r JOIN claims c ON c.id = r.claim_id WHERE c.creditor_id = ?`
		),
		directlyPaid: one(
			`SELECT count(DISTINCT p.claim_id) FROM payments p JOIN claims c ON c.id = p.claim_id
			  WHERE p.gateway = 'direct' AND p.status = 'succeeded' AND c.creditor_id = ?`
		)
	};
}
