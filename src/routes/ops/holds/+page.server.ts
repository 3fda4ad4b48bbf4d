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
import { MAX, textField } from '$lib/server/http';
import { recordForm } from '../record-form';

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
	start: recordForm(
		'claimId',
		startSchema,
		(db, actor, claimId, input) => startOperatorHold(db, actor, { claimId, ...input }),
		(claimId) => ({ started: true, claimId: String(claimId) })
	),
	end: recordForm(
		'holdId',
		z.object({}),
		(db, actor, holdId) => endOperatorHold(db, actor, { holdId }),
		() => ({ ended: true })
	)
};
