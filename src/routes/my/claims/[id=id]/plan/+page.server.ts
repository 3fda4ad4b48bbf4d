import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failFromService, idParam, str, type FieldErrors } from '$lib/server/auth/request';
import { formatMoney, parseAmount } from '$lib/domain/money';
import type { Frequency } from '$lib/domain/schedule-types';
import type { Proposal } from '$lib/domain/plans';
import {
	acceptCounter,
	declineCounter,
	planPage,
	planPaymentLimits,
	proposePlan,
	withdrawProposal
} from '$lib/server/services/plans';
import { startPayment } from '$lib/server/services/payments';
import { z } from 'zod';

export const load: PageServerLoad = ({ params, url }) => {
	const actor = requireDebtor();
	const id = idParam(params.id);
	try {
		const page = planPage(getDb(), actor, id);
		return { ...page, flash: url.searchParams.get('done') };
	} catch (e) {
		return failFromService(e) as never;
	}
};

const proposalSchema = z.object({
	downPayment: z.string().max(40),
	installmentCount: z.string().regex(/^\d{1,3}$/, 'form.invalid'),
	frequency: z.enum(['weekly', 'biweekly', 'monthly']),
	firstDueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'form.invalidDate'),
	income: z.string().max(40).optional(),
	costs: z.string().max(40).optional()
});

type Parsed =
	| {
			ok: true;
			proposal: Proposal;
			budget: { incomeMinor: number; costsMinor: number } | null;
			values: Record<string, string>;
	  }
	| { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Reads the proposal form: amounts as people type them (forints), per-field translated errors. */
function readProposal(form: FormData): Parsed {
	const values: Record<string, string> = {};
	for (const k of [
		'downPayment',
		'installmentCount',
		'frequency',
		'firstDueDate',
		'income',
		'costs'
	])
		values[k] = str(form, k).trim();
	const errors: FieldErrors = {};
	const r = proposalSchema.safeParse(values);
	if (!r.success) {
		for (const issue of r.error.issues) {
			const f = String(issue.path[0]);
			const field = f === 'downPayment' ? 'downPaymentMinor' : f;
			errors[field] ??= { key: f === 'firstDueDate' ? 'form.invalidDate' : 'form.invalid' };
		}
	}
	const amount = (s: string | undefined, field: string): number | null => {
		if (!s) return null;
		const p = parseAmount(s, 'HUF');
		if (!p.ok) {
			errors[field] = { key: 'form.invalidAmount' };
			return null;
		}
		return p.minor;
	};
	const down = amount(values.downPayment, 'downPaymentMinor') ?? 0;
	const income = amount(values.income, 'income');
	const costs = amount(values.costs, 'costs');
	if ((income == null) !== (costs == null) && !errors.income && !errors.costs)
		errors[income == null ? 'income' : 'costs'] = { key: 'plans.error.budget' };
	if (Object.keys(errors).length > 0) return { ok: false, errors, values };
	return {
		ok: true,
		values,
		proposal: {
			downPaymentMinor: down,
			installmentCount: Number(values.installmentCount),
			frequency: values.frequency as Frequency,
			firstDueDate: values.firstDueDate
		},
		budget: income != null && costs != null ? { incomeMinor: income, costsMinor: costs } : null
	};
}

function planIdOf(form: FormData): number {
	const n = Number(str(form, 'planId'));
	if (!Number.isSafeInteger(n) || n <= 0) error(404, { message: 'not found' });
	return n;
}

async function payWith(
	event: Parameters<Actions[string]>[0],
	amount: (lim: ReturnType<typeof planPaymentLimits>, form: FormData) => number | FieldErrors
) {
	const actor = requireDebtor();
	const id = idParam(event.params.id!);
	const form = await event.request.formData();
	const db = getDb();
	let target: string;
	try {
		const lim = planPaymentLimits(db, actor, { claimId: id });
		const a = amount(lim, form);
		if (typeof a !== 'number')
			return fail(400, { errors: a, values: { amount: str(form, 'amount') }, message: null });
		const r = await startPayment(db, actor, {
			claimId: id,
			amountMinor: a,
			purpose: a === lim.nextMinor ? lim.nextPurpose : 'installment',
			planId: lim.planId,
			origin: event.url.origin,
			returnPath: `/my/claims/${id}/plan`,
			locale: event.locals.lang
		});
		target = r.redirectUrl;
	} catch (e) {
		return failFromService(e, { amount: str(form, 'amount') });
	}
	redirect(303, target);
}

export const actions: Actions = {
	/** Without JavaScript: show the schedule and the rules for what was typed (the page evaluates the values). */
	preview: async ({ request, params }) => {
		requireDebtor();
		idParam(params.id);
		const parsed = readProposal(await request.formData());
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				values: parsed.values,
				message: null,
				preview: true
			});
		return { values: parsed.values, preview: true };
	},
	propose: async ({ request, params }) => {
		const actor = requireDebtor();
		const id = idParam(params.id);
		const form = await request.formData();
		const parsed = readProposal(form);
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, values: parsed.values, message: null });
		const mode = str(form, 'mode') === 'review' ? 'review' : 'auto';
		try {
			proposePlan(getDb(), actor, {
				claimId: id,
				proposal: parsed.proposal,
				mode,
				budget: mode === 'review' ? parsed.budget : null
			});
		} catch (e) {
			return failFromService(e, parsed.values);
		}
		redirect(303, `/my/claims/${id}/plan?done=${mode === 'auto' ? 'started' : 'sent'}`);
	},
	accept: async ({ request, params }) => {
		const actor = requireDebtor();
		const id = idParam(params.id);
		const form = await request.formData();
		try {
			acceptCounter(getDb(), actor, { planId: planIdOf(form) });
		} catch (e) {
			return failFromService(e);
		}
		redirect(303, `/my/claims/${id}/plan?done=accepted`);
	},
	decline: async ({ request, params }) => {
		const actor = requireDebtor();
		const id = idParam(params.id);
		const form = await request.formData();
		try {
			declineCounter(getDb(), actor, { planId: planIdOf(form) });
		} catch (e) {
			return failFromService(e);
		}
		redirect(303, `/my/claims/${id}/plan?done=declined`);
	},
	withdraw: async ({ request, params }) => {
		const actor = requireDebtor();
		const id = idParam(params.id);
		const form = await request.formData();
		try {
			withdrawProposal(getDb(), actor, { planId: planIdOf(form) });
		} catch (e) {
			return failFromService(e);
		}
		redirect(303, `/my/claims/${id}/plan?done=withdrawn`);
	},
	/** Pay the next installment (its open amount). */
	payNext: (event) => payWith(event, (lim) => lim.nextMinor),
	/** Pay ahead: any amount up to what remains; settles the oldest installments first. */
	payAhead: (event) =>
		payWith(event, (lim, form) => {
			const p = parseAmount(str(form, 'amount'), lim.currency);
			if (!p.ok || p.minor <= 0) return { amount: { key: 'form.invalidAmount' } };
			if (p.minor > lim.remainingMinor)
				return {
					amount: {
						key: 'plans.error.amountTooHigh',
						params: { max: formatMoney(lim.remainingMinor, lim.currency, event.locals.lang) }
					}
				};
			return p.minor;
		})
};
