import type { Actions, PageServerLoad } from './$types';
import { error, fail } from '@sveltejs/kit';
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
import { failFrom } from '$lib/server/payments/route-errors';
import { parseAmount, type Currency } from '$lib/domain/money';
import { localDate } from '$lib/domain/clock';
import { clock } from '$lib/server/clock';
import { payments } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';

const STATUSES = ['pending', 'succeeded', 'failed', 'expired', 'flagged'] as const;

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const db = getDb();
	const asked = url.searchParams.get('status') ?? '';
	const status = STATUSES.find((s) => s === asked) ?? null;
	return {
		status,
		statuses: [...STATUSES],
		today: localDate(clock().now()),
		payments: paymentsForOps(db, actor, { status: status ?? undefined }),
		tasks: refundTasksForOps(db, actor),
		pendingRefunds: pendingRefundsForOps(db, actor),
		promises: openPromisesForOps(db, actor)
	};
};

export const actions: Actions = {
	refund: async ({ request, locals }) => {
		const actor = requireRole('operator', 'admin');
		const db = getDb();
		const form = await request.formData();
		const s = (k: string) => (typeof form.get(k) === 'string' ? String(form.get(k)) : '');
		const paymentId = Number(s('paymentId'));
		const taskId = s('taskId') ? Number(s('taskId')) : null;
		const seen = s('seenRefunds') === '' ? null : Number(s('seenRefunds'));
		const amountText = s('amount');
		const reason = s('reason');
		const p = Number.isSafeInteger(paymentId)
			? db
					.select({ currency: payments.currency })
					.from(payments)
					.where(eq(payments.id, paymentId))
					.get()
			: undefined;
		if (!p)
			return fail(404, {
				paymentId,
				errors: { amount: { key: 'error.notFound' } },
				amount: amountText,
				reason,
				error: undefined
			});
		const parsed = parseAmount(amountText, p.currency as Currency);
		if (!parsed.ok)
			return fail(400, {
				paymentId,
				errors: {
					amount: { key: parsed.reason === 'empty' ? 'form.required' : 'form.invalidAmount' }
				},
				amount: amountText,
				reason,
				error: undefined
			});
		try {
			await refundPayment(db, actor, {
				paymentId,
				amountMinor: parsed.minor,
				reason,
				refundTaskId: taskId,
				seenRefunds: Number.isSafeInteger(seen) ? seen : null
			});
		} catch (e) {
			return failFrom(
				e,
				{ paymentId, amount: amountText, reason },
				{ currency: p.currency as Currency, lang: locals.lang }
			);
		}
		return { done: true, paymentId };
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
	act: (db: ReturnType<typeof getDb>, actor: Actor, refundId: number) => unknown,
	flag: 'done' | 'abandoned'
) {
	const actor = requireRole('operator', 'admin');
	const refundId = Number((await request.formData()).get('refundId'));
	if (!Number.isSafeInteger(refundId) || refundId <= 0) error(404, { message: 'not found' });
	try {
		await act(getDb(), actor, refundId);
	} catch (e) {
		return failFrom(e, { refundId });
	}
	return { [flag]: true, refundId } as { done?: true; abandoned?: true; refundId: number };
}
