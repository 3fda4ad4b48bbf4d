import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { parseTimelineFilter, TIMELINE_KINDS } from '$lib/domain/timeline';
import {
	amountField,
	dateField,
	forintsField,
	idParam,
	optionalIdField,
	orHttp,
	planRename,
	planTermsFields,
	readForm,
	submitForm,
	text,
	textField
} from '$lib/server/http';
import {
	addNote,
	caseFile,
	claimCurrency,
	escalateClaim,
	ESCALATE_REASON_MAX,
	NOTE_MAX,
	scheduleVisit
} from '$lib/server/services/case-file';
import { OPERATOR_HOLD_KINDS } from '$lib/server/services/holds';
import { makePromise } from '$lib/server/services/promises';
import { proposePlan } from '$lib/server/services/plans';
import { FREQUENCIES } from '$lib/domain/schedule-types';
import { staffRecord } from '$lib/server/http/record';
import { recordForm } from '../../record-form';
import { endHoldAction, startHoldAction } from '../../holds/hold-actions';

export const load: PageServerLoad = ({ params, url }) => {
	const { record: file } = staffRecord(['operator', 'admin'], params.id, (db, actor, debtorId) =>
		caseFile(db, actor, debtorId, (ids) => parseTimelineFilter(url.searchParams, ids))
	);
	return {
		...file,
		kinds: TIMELINE_KINDS,
		holdKinds: OPERATOR_HOLD_KINDS,
		frequencies: FREQUENCIES
	};
};

const noteSchema = z.object({
	claimId: optionalIdField,
	body: textField(NOTE_MAX, { optional: true })
});

const escalateSchema = z.object({ reason: textField(ESCALATE_REASON_MAX, { optional: true }) });

const visitSchema = z.object({ date: dateField });

const planSchema = z.object({
	downPayment: forintsField.transform((minor) => minor ?? 0),
	...planTermsFields
});

/** The claim a form names (a hidden field): anything but an id is a 404. */
const claimIdOf = (form: FormData) => idParam(text(form, 'claimId'));

export const actions: Actions = {
	note: async ({ request, params }: RequestEvent) => {
		const actor = requireRole('operator', 'admin');
		const debtorId = idParam(params.id);
		return submitForm(request, noteSchema, (data) => {
			addNote(getDb(), actor, { debtorId, ...data });
			return { noted: true };
		});
	},
	hold: startHoldAction((claimId) => ({ held: true, claimId: String(claimId) })),
	release: endHoldAction(() => ({ released: true })),
	escalate: recordForm(
		'claimId',
		escalateSchema,
		(db, actor, claimId, input) => escalateClaim(db, actor, { claimId, reason: input.reason }),
		(claimId) => ({ escalated: true, claimId: String(claimId) })
	),
	visit: recordForm(
		'claimId',
		visitSchema,
		(db, actor, claimId, input) => scheduleVisit(db, actor, { claimId, date: input.date }),
		(claimId) => ({ visited: true, claimId: String(claimId) })
	),
	promise: async ({ request, locals }: RequestEvent) => {
		const actor = requireRole('operator', 'admin');
		const form = await readForm(request);
		const claimId = claimIdOf(form);
		const db = getDb();
		const currency = orHttp(() => claimCurrency(db, actor, claimId));
		const schema = z.object({ promisedDate: dateField, amount: amountField(currency) });
		const money = { currency, lang: locals.lang };
		return submitForm(form, schema, { money }, ({ promisedDate, amount }) => {
			makePromise(db, actor, { claimId, promisedDate, amountMinor: amount });
			return { promised: true, claimId: String(claimId) };
		});
	},
	plan: async ({ request }: RequestEvent) => {
		const actor = requireRole('operator', 'admin');
		const form = await readForm(request);
		const claimId = claimIdOf(form);
		return submitForm(form, planSchema, { rename: planRename }, ({ downPayment, ...terms }) => {
			// to the operators' review (the same rules and evaluator as the debtor's own proposal)
			const plan = proposePlan(getDb(), actor, {
				claimId,
				proposal: { ...terms, downPaymentMinor: downPayment },
				mode: 'review'
			});
			redirect(303, `/ops/plans/${plan.id}`);
		});
	}
};
