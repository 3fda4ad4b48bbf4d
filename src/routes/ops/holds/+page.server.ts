import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	claimHoldsByReference,
	endOperatorHold,
	HOLD_NOTE_MAX,
	HOLD_NOTE_MIN,
	OPERATOR_HOLD_KINDS,
	startOperatorHold
} from '$lib/server/services/holds';
import {
	failFrom,
	formValues,
	idParam,
	MAX,
	parseForm,
	readForm,
	text,
	textField
} from '$lib/server/http';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const ref = (url.searchParams.get('ref') ?? '').trim().slice(0, MAX.line);
	return {
		ref,
		kinds: OPERATOR_HOLD_KINDS,
		claims: ref ? claimHoldsByReference(getDb(), actor, ref) : null
	};
};

/** The service checks both again; here so that a form refused for its kind also says why for its note. */
const startSchema = z.object({
	kind: z.enum(OPERATOR_HOLD_KINDS, 'holds.error.kind'),
	note: textField(HOLD_NOTE_MAX, { optional: true }).min(HOLD_NOTE_MIN, 'holds.error.note')
});

export const actions: Actions = {
	start: async ({ request }) => {
		const actor = requireRole('operator', 'admin');
		const form = await readForm(request);
		// the claim a form is about is a hidden field: anything but an id is a 404
		const claimId = idParam(text(form, 'claimId'));
		const parsed = parseForm(form, startSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			startOperatorHold(getDb(), actor, { claimId, ...parsed.data });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { started: true, claimId: String(claimId) };
	},
	end: async ({ request }) => {
		const actor = requireRole('operator', 'admin');
		const form = await readForm(request);
		const holdId = idParam(text(form, 'holdId'));
		try {
			endOperatorHold(getDb(), actor, { holdId });
		} catch (e) {
			return failFrom(e, { values: formValues(form) });
		}
		return { ended: true };
	}
};
