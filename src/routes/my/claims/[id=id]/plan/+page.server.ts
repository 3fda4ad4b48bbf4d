import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	amountField,
	failFrom,
	forintsField,
	planRename,
	planTermsFields,
	idParam,
	oneOf,
	orHttp,
	parseForm,
	fieldErrors,
	readForm,
	text,
	type FieldErrors
} from '$lib/server/http';
import { formatMoney } from '$lib/domain/money';
import {
	acceptCounter,
	declineCounter,
	planPage,
	planPaymentLimits,
	proposePlan,
	withdrawProposal
} from '$lib/server/services/plans';
import { startPayment } from '$lib/server/services/payments';

const FLASHES = ['started', 'sent', 'accepted', 'declined', 'withdrawn'] as const;

export const load: PageServerLoad = ({ params, url }) => {
	const actor = requireDebtor();
	const page = orHttp(() => planPage(getDb(), actor, idParam(params.id)));
	// the page looks the flash up in a table: only these words (never `constructor`)
	return { ...page, flash: oneOf(FLASHES, url.searchParams.get('done')) };
};

/** The proposal form: amounts as people type them (forints); a budget is both numbers or neither. */
const proposalSchema = z
	.object({
		downPayment: forintsField,
		...planTermsFields,
		income: forintsField,
		costs: forintsField,
		mode: z.string().max(10)
	})
	.transform((v, ctx) => {
		if ((v.income == null) !== (v.costs == null)) {
			ctx.addIssue({
				code: 'custom',
				path: [v.income == null ? 'income' : 'costs'],
				message: 'plans.error.budget'
			});
			return z.NEVER;
		}
		return {
			proposal: {
				downPaymentMinor: v.downPayment ?? 0,
				installmentCount: v.installmentCount,
				frequency: v.frequency,
				firstDueDate: v.firstDueDate
			},
			budget:
				v.income != null && v.costs != null ? { incomeMinor: v.income, costsMinor: v.costs } : null,
			mode: v.mode === 'review' ? ('review' as const) : ('auto' as const)
		};
	});

const readProposal = (form: FormData) => parseForm(form, proposalSchema, { rename: planRename });

async function onPlan(
	{ request, params }: RequestEvent,
	act: (planId: number) => void,
	done: string
) {
	requireDebtor();
	const id = idParam(params.id);
	// the plan a counter-offer button or the withdraw button is about (a hidden field: 404 if bent)
	const planId = idParam(text(await readForm(request), 'planId'));
	try {
		act(planId);
	} catch (e) {
		return failFrom(e);
	}
	redirect(303, `/my/claims/${id}/plan?done=${done}`);
}

async function payWith(
	event: RequestEvent,
	amount: (lim: ReturnType<typeof planPaymentLimits>, form: FormData) => number | FieldErrors
) {
	const actor = requireDebtor();
	const id = idParam(event.params.id);
	const form = await readForm(event.request);
	const db = getDb();
	const values = { amount: text(form, 'amount') };
	let target: string;
	try {
		const lim = planPaymentLimits(db, actor, { claimId: id });
		const a = amount(lim, form);
		if (typeof a !== 'number') return fail(400, { errors: a, values });
		const r = await startPayment(db, actor, {
			claimId: id,
			amountMinor: a,
			purpose: a === lim.nextMinor ? lim.nextPurpose : 'installment',
			planId: lim.planId,
			origin: event.url.origin,
			returnPath: `/my/claims/${id}/plan`,
			locale: event.locals.lang,
			replaceAbandoned: true
		});
		target = r.redirectUrl;
	} catch (e) {
		return failFrom(e, { values });
	}
	redirect(303, target);
}

export const actions: Actions = {
	/** Without JavaScript: show the schedule and the rules for what was typed (the page evaluates the values). */
	preview: async ({ request, params }) => {
		requireDebtor();
		idParam(params.id);
		const parsed = readProposal(await readForm(request));
		if (!parsed.ok) return parsed.failure;
		return { values: parsed.values, preview: true };
	},
	propose: async ({ request, params }) => {
		const actor = requireDebtor();
		const id = idParam(params.id);
		const parsed = readProposal(await readForm(request));
		if (!parsed.ok) return parsed.failure;
		const { proposal, budget, mode } = parsed.data;
		try {
			proposePlan(getDb(), actor, {
				claimId: id,
				proposal,
				mode,
				budget: mode === 'review' ? budget : null
			});
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		redirect(303, `/my/claims/${id}/plan?done=${mode === 'auto' ? 'started' : 'sent'}`);
	},
	accept: (event) =>
		onPlan(event, (planId) => acceptCounter(getDb(), requireDebtor(), { planId }), 'accepted'),
	decline: (event) =>
		onPlan(event, (planId) => declineCounter(getDb(), requireDebtor(), { planId }), 'declined'),
	withdraw: (event) =>
		onPlan(event, (planId) => withdrawProposal(getDb(), requireDebtor(), { planId }), 'withdrawn'),
	/** Pay the next installment (its open amount). */
	payNext: (event) => payWith(event, (lim) => lim.nextMinor),
	/** Pay ahead: any amount up to what remains; settles the oldest installments first. */
	payAhead: (event) =>
		payWith(event, (lim, form) => {
			const p = z.object({ amount: amountField(lim.currency) }).safeParse({
				amount: text(form, 'amount')
			});
			if (!p.success) return fieldErrors(p.error);
			if (p.data.amount <= 0) return { amount: { key: 'form.invalidAmount' } };
			if (p.data.amount > lim.remainingMinor)
				return {
					amount: {
						key: 'plans.error.amountTooHigh',
						params: { max: formatMoney(lim.remainingMinor, lim.currency, event.locals.lang) }
					}
				};
			return p.data.amount;
		})
};
