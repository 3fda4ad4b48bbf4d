import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { paymentForDebtor, reconcile } from '$lib/server/services/payments';
import { demoEvent } from '$lib/server/payments/demo';
import { paymentConfig } from '$lib/server/payments/config';
import { failFrom, idParam } from '$lib/server/payments/route-errors';
import { claims } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';

/** The demo gateway's hosted page: only when PAYMENT_GATEWAY=demo, only for the debtor's own demo payment. */
function demoOnly() {
	if (paymentConfig().gateway !== 'demo') error(404, { message: 'not found' });
}

export const load: PageServerLoad = ({ params }) => {
	demoOnly();
	const actor = requireDebtor();
	const db = getDb();
	let p;
	try {
		p = paymentForDebtor(db, actor, idParam(params.paymentId));
	} catch (e) {
		throw failFrom(e);
	}
	if (p.gateway !== 'demo') error(404, { message: 'not found' });
	const ref = db
		.select({ reference: claims.reference })
		.from(claims)
		.where(eq(claims.id, p.claimId))
		.get()!.reference;
	return {
		payment: {
			id: p.id,
			amountMinor: p.amountMinor,
			currency: p.currency,
			status: p.status,
			claimId: p.claimId
		},
		reference: ref
	};
};

async function answer(paymentId: string, a: 'approve' | 'decline') {
	demoOnly();
	const actor = requireDebtor();
	const db = getDb();
	let p;
	try {
		p = paymentForDebtor(db, actor, idParam(paymentId));
	} catch (e) {
		throw failFrom(e);
	}
	if (p.gateway !== 'demo') error(404, { message: 'not found' });
	// a payment answers once, like a card payment: declined (or expired) is final here, and the
	// debtor starts a new payment from the claim page
	if (p.status === 'pending') reconcile(db, demoEvent(p, a));
	redirect(303, `/my/payments/${p.id}`);
}

export const actions: Actions = {
	approve: ({ params }) => answer(params.paymentId, 'approve'),
	decline: ({ params }) => answer(params.paymentId, 'decline')
};
