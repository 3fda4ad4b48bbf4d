import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	abandonRefund,
	paymentsForOps,
	pendingRefundsForOps,
	refundPayment,
	refundTasksForOps,
	retryRefund
} from '$lib/server/services/refunds';
import { openPromisesForOps } from '$lib/server/services/promises';
import { chargebacksForOps } from '$lib/server/services/chargebacks';
import { paymentCurrencyForOps } from '$lib/server/services/payment-views';
import {
	amountField,
	failFrom,
	idParam,
	MAX,
	optionalIdField,
	orHttp,
	parseId,
	readForm,
	submitForm,
	text,
	textField
} from '$lib/server/http';
import { opsList } from '../list';
import { localDate } from '$lib/domain/clock';
import { clock } from '$lib/server/clock';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '$lib/server/db/client';

const STATUSES = ['pending', 'succeeded', 'failed', 'expired', 'flagged'] as const;

export const load: PageServerLoad = ({ url }) => {
	const { actor, db, page, filter: status } = opsList(url, 'status', STATUSES);
	const claimId = parseId(url.searchParams.get('claim'));
	// a claim reference's beginning, as typed (no reference is longer)
	const reference = (url.searchParams.get('ref') ?? '').trim().slice(0, MAX.line);
	return {
		status,
		claimId,
		reference,
		statuses: [...STATUSES],
		today: localDate(clock().now()),
		now: clock().now(),
		payments: paymentsForOps(db, actor, {
			status: status ?? undefined,
			claimId: claimId ?? undefined,
			reference: reference || undefined,
			page
		}),
		tasks: refundTasksForOps(db, actor),
		pendingRefunds: pendingRefundsForOps(db, actor),
		chargebacks: chargebacksForOps(db, actor),
		promises: openPromisesForOps(db, actor)
	};
};

/** The refund form: the amount in the payment's currency (whole forints for HUF), a short reason. */
const refundSchema = (currency: Parameters<typeof amountField>[0]) =>
	z.object({
		amount: amountField(currency),
		reason: textField(MAX.reason, { optional: true }),
		// a bank transfer's refund: the reference of the transfer the operator made back
		transferRef: textField(100, { optional: true }),
		taskId: optionalIdField,
		// how many refunds the page showed (a second operator's refund meanwhile is a conflict)
		seenRefunds: z
			.string()
			.regex(/^\d{0,6}$/, 'form.invalid')
			.transform((s) => (s === '' ? null : Number(s)))
	});

export const actions: Actions = {
	refund: async ({ request, locals }) => {
		const actor = requireRole('operator', 'admin');
		const db = getDb();
		const form = await readForm(request);
		// the payment a row's form is about is a hidden field: anything but an id is a 404
		const paymentId = idParam(text(form, 'paymentId'));
		const currency = orHttp(() => paymentCurrencyForOps(db, actor, paymentId));
		const money = { currency, lang: locals.lang };
		return submitForm(
			form,
			refundSchema(currency),
			{ money },
			async ({ amount, reason, taskId, seenRefunds, transferRef }) => {
				const r = await refundPayment(db, actor, {
					paymentId,
					amountMinor: amount,
					reason,
					refundTaskId: taskId,
					seenRefunds,
					transferRef
				});
				// a bank transfer's refund was made by the operator, not accepted by a provider
				const recorded = r.providerRef?.startsWith('transfer:') ?? false;
				return { done: recorded ? ('transfer' as const) : ('gateway' as const), paymentId };
			}
		);
	},
	/** A pending refund the operator found not made at the provider: closed as failed. */
	abandon: ({ request }) =>
		onPendingRefund(request, (db, actor, id) => abandonRefund(db, actor, id), 'abandoned'),
	/** A refund the provider never answered, sent again with its own idempotency key. */
	retry: ({ request }) =>
		onPendingRefund(request, (db, actor, id) => retryRefund(db, actor, id), 'done')
};

/** The two buttons of a pending refund: one refund id, one service call, its refusal shown beside it. */
async function onPendingRefund(
	request: Request,
	act: (db: DB, actor: Actor, refundId: number) => unknown,
	flag: 'done' | 'abandoned'
) {
	const actor = requireRole('operator', 'admin');
	const refundId = idParam(text(await readForm(request), 'refundId'));
	try {
		await act(getDb(), actor, refundId);
	} catch (e) {
		return failFrom(e, { values: { refundId: String(refundId) } });
	}
	return { [flag]: true, refundId } as { done?: true; abandoned?: true; refundId: number };
}
