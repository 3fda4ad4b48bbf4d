import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { paymentForDebtor, reconcile } from '$lib/server/services/payments';
import { paymentClaimForDebtor } from '$lib/server/services/payment-views';
import { demoEvent } from '$lib/server/payments/demo';
import { paymentConfig } from '$lib/server/payments/config';
import { idParam, orHttp } from '$lib/server/http';

/** The demo gateway's hosted page: only when PAYMENT_GATEWAY=demo, only for the debtor's own demo payment. */
function demoPayment(paymentId: string) {
	if (paymentConfig().gateway !== 'demo') error(404, { message: 'not found' });
	const actor = requireDebtor();
	const db = getDb();
	const p = orHttp(() => paymentForDebtor(db, actor, idParam(paymentId)));
	if (p.gateway !== 'demo') error(404, { message: 'not found' });
	return { actor, db, p };
}

export const load: PageServerLoad = ({ params }) => {
	const { actor, db, p } = demoPayment(params.paymentId);
	return {
		payment: {
			id: p.id,
			amountMinor: p.amountMinor,
			currency: p.currency,
			status: p.status,
			claimId: p.claimId
		},
		reference: paymentClaimForDebtor(db, actor, p.claimId).reference
	};
};

function answer(paymentId: string, a: 'approve' | 'decline') {
	const { db, p } = demoPayment(paymentId);
	// a payment answers once, like a card payment: declined (or expired) is final here, and the
	// debtor starts a new payment from the claim page
	if (p.status === 'pending') reconcile(db, demoEvent(p, a));
	redirect(303, `/my/payments/${p.id}`);
}

export const actions: Actions = {
	approve: ({ params }) => answer(params.paymentId, 'approve'),
	decline: ({ params }) => answer(params.paymentId, 'decline')
};
