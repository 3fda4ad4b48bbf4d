import type { PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { paymentForDebtor, reconcile } from '$lib/server/services/payments';
import {
	balanceAfterPayment,
	overpaidBy,
	chargedBackOf,
	paymentClaimForDebtor
} from '$lib/server/services/payment-views';
import { getGateway } from '$lib/server/payments';
import { StripeGateway } from '$lib/server/payments/stripe';
import { idParam, orHttp } from '$lib/server/http';
import { logEvent } from '$lib/server/log';

/**
 * Where the hosted payment page returns. For Stripe it also asks Stripe about the session and
 * reconciles (the webhook may arrive later or not at all); both paths are idempotent.
 */
export const load: PageServerLoad = async ({ params }) => {
	const actor = requireDebtor();
	const db = getDb();
	const id = idParam(params.id);
	let p = orHttp(() => paymentForDebtor(db, actor, id));
	if (p.status === 'pending' && p.gateway === 'stripe' && p.providerRef) {
		const gw = getGateway();
		if (gw instanceof StripeGateway) {
			try {
				const ev = await gw.sessionEvent(p.providerRef);
				if (ev && ev.paymentId === p.id) reconcile(db, ev);
			} catch (e) {
				logEvent('warn', 'stripe_session_check_failed', {
					paymentId: p.id,
					error: e instanceof Error ? e.name : 'error'
				});
			}
			p = paymentForDebtor(db, actor, id);
		}
	}
	return {
		payment: {
			id: p.id,
			status: p.status,
			amountMinor: p.amountMinor,
			currency: p.currency,
			receiptNumber: p.receiptNumber,
			forPlan: p.planId != null,
			// paid to the creditor, who told us: we never held this money
			direct: p.gateway === 'direct',
			refundedMinor: p.refundedMinor,
			// what the cardholder's bank took back (a chargeback), told apart from what we refunded
			chargedBackMinor: p.refundedMinor > 0 ? chargedBackOf(db, p.id) : 0,
			overpaidMinor: p.status === 'succeeded' ? overpaidBy(db, p.id, p.amountMinor) : 0
		},
		claim: paymentClaimForDebtor(db, actor, p.claimId),
		// what remains to pay after this payment (a partial payment says so)
		remainingMinor: p.status === 'succeeded' ? balanceAfterPayment(db, p.id) : null
	};
};
