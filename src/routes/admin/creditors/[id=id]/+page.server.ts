import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	creditorSchema,
	getCreditor,
	setCreditorActive,
	updateCreditor
} from '$lib/server/services/creditors-admin';
import {
	failFrom,
	type FormFailure,
	idParam,
	parseForm,
	parseId,
	readForm,
	submitForm
} from '$lib/server/http';
import { addCommissionTerm, commissionTermsFor } from '$lib/server/services/remittance';
import { percentToBp } from '$lib/domain/remittance';
import { STAGES } from '$lib/domain/stages';
import { z } from 'zod';
import { staffRecord } from '$lib/server/http/record';
import { flagAction } from '../../record-action';

export const load: PageServerLoad = ({ params, url }) => {
	const { record } = staffRecord(['admin'], params.id, (db, actor, id) => ({
		creditor: getCreditor(db, actor, id),
		terms: commissionTermsFor(db, actor, id)
	}));
	return {
		...record,
		stages: STAGES,
		created: url.searchParams.has('created')
	};
};

const termSchema = z.object({
	portfolioId: z.string().max(12),
	stage: z.enum(['', ...STAGES]),
	rate: z.string().trim().min(1).max(8),
	validFrom: z.string().trim().min(1).max(10)
});

export const actions: Actions = {
	addTerm: async ({ request, params }) => {
		const actor = requireRole('admin');
		const creditorId = idParam(params.id);
		const parsed = parseForm(await readForm(request), termSchema);
		// the term form's refusal under its own keys, so the creditor form above keeps its values
		const asTerm = (f: ActionFailure<FormFailure>) =>
			fail(f.status, { termErrors: f.data.errors ?? {}, termValues: f.data.values ?? {} });
		if (!parsed.ok) return asTerm(parsed.failure);
		const { portfolioId, stage, rate, validFrom } = parsed.data;
		try {
			addCommissionTerm(getDb(), actor, {
				creditorId,
				portfolioId: parseId(portfolioId),
				stage: stage || null,
				rateBp: percentToBp(rate) ?? -1,
				validFrom
			});
		} catch (e) {
			return asTerm(failFrom(e, { values: parsed.values }));
		}
		return { saved: 'remittance.terms.added' as const };
	},
	update: async ({ request, params }) => {
		const actor = requireRole('admin');
		const id = idParam(params.id);
		return submitForm(request, creditorSchema, (data) => {
			updateCreditor(getDb(), actor, id, data);
			return { saved: 'admin.creditors.saved' as const };
		});
	},
	deactivate: flagAction(setCreditorActive, false, {
		saved: 'admin.creditors.deactivated' as const
	}),
	activate: flagAction(setCreditorActive, true, { saved: 'admin.creditors.activated' as const })
};
