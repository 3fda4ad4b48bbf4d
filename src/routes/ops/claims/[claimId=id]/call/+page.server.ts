import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { env } from '$env/dynamic/private';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	amountField,
	failFrom,
	idField,
	idParam,
	optionalIdField,
	optionalPlanFields,
	parseId,
	planOf,
	planRename,
	readForm,
	submitForm,
	textField
} from '$lib/server/http';
import { staffRecord } from '$lib/server/http/record';
import { instantAt, isValidDate } from '$lib/domain/clock';
import type { Currency } from '$lib/domain/money';
import { FREQUENCIES } from '$lib/domain/schedule-types';
import {
	CALL_OUTCOMES,
	callSheet,
	finishCall,
	recordingUrl,
	startCall,
	verifyParty
} from '$lib/server/services/calls';
import { DISPUTE_REASONS } from '$lib/server/services/disputes';

export const load: PageServerLoad = ({ params, url }) => {
	const { record: sheet } = staffRecord(['operator', 'admin'], params.claimId, callSheet);
	const template = env.RECORDING_URL_TEMPLATE;
	return {
		sheet: {
			...sheet,
			recent: sheet.recent.map((r) => ({ ...r, url: recordingUrl(r.recordingRef, template) }))
		},
		taskId: parseId(url.searchParams.get('task')),
		reasons: DISPUTE_REASONS,
		frequencies: FREQUENCIES
	};
};

const verifySchema = z.object({
	callId: idField,
	nameConfirmed: z.string().max(5),
	answer: textField(60, { optional: true })
});

const DURATION = /^(\d{1,3})(?::([0-5]\d))?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** The outcome form: what is needed depends on the outcome (a promise's date and amount, ...). */
const logSchema = (currency: Currency) =>
	z
		.object({
			callId: idField,
			taskId: optionalIdField,
			outcome: z.enum(CALL_OUTCOMES, 'form.required'),
			duration: z
				.string()
				.trim()
				.max(10)
				.refine((s) => s === '' || DURATION.test(s), 'calls.error.duration'),
			recordingRef: textField(300, { optional: true }),
			note: textField(2000, { optional: true }),
			callbackAt: z.string().trim().max(20),
			promisedDate: z.string().trim().max(10),
			amount: z.string().max(40),
			reason: z.string().max(40),
			details: textField(4000, { optional: true }),
			...optionalPlanFields
		})
		.transform((v, ctx) => {
			const issue = (path: string, message: string) => {
				ctx.addIssue({ code: 'custom', path: [path], message });
				return z.NEVER;
			};
			const d = DURATION.exec(v.duration);
			const durationSeconds = d ? Number(d[1]) * 60 + Number(d[2] ?? 0) : null;
			let callbackAt: number | null = null;
			if (v.outcome === 'callback') {
				const m = DATE_TIME.exec(v.callbackAt);
				if (!m || !isValidDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59)
					return issue('callbackAt', 'calls.error.dateTime');
				callbackAt = instantAt(m[1], Number(m[2]), Number(m[3]));
			}
			let promise = null;
			if (v.outcome === 'promise') {
				const amount = amountField(currency).safeParse(v.amount);
				if (!amount.success) return issue('amount', amount.error.issues[0].message);
				promise = { promisedDate: v.promisedDate, amountMinor: amount.data };
			}
			const plan = v.outcome === 'plan' ? planOf(v, ctx) : null;
			return {
				callId: v.callId,
				taskId: v.taskId,
				outcome: v.outcome,
				durationSeconds,
				recordingRef: v.recordingRef,
				note: v.note,
				callbackAt,
				promise,
				dispute: v.outcome === 'dispute' ? { reason: v.reason, details: v.details } : null,
				plan
			};
		});

export const actions: Actions = {
	start: async ({ request, params }) => {
		const actor = requireRole('operator', 'admin');
		const claimId = idParam(params.claimId);
		await readForm(request);
		try {
			startCall(getDb(), actor, { claimId });
		} catch (e) {
			return failFrom(e);
		}
		return { started: true };
	},
	verify: async ({ request }) => {
		const actor = requireRole('operator', 'admin');
		return submitForm(request, verifySchema, ({ callId, nameConfirmed, answer }) => {
			verifyParty(getDb(), actor, { callId, nameConfirmed: nameConfirmed === 'on', answer });
			return { verified: true };
		});
	},
	log: async ({ request, params, locals }) => {
		const { actor, db, record } = staffRecord(['operator', 'admin'], params.claimId, callSheet);
		const currency = (record.debt?.currency ?? 'HUF') as Currency;
		const opts = { rename: planRename, money: { currency, lang: locals.lang } };
		return submitForm(request, logSchema(currency), opts, (data) => {
			finishCall(db, actor, data);
			redirect(303, '/ops/calls?logged=1');
		});
	}
};
