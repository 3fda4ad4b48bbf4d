import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { answerDispute, openDisputesForOps } from '$lib/server/services/disputes';
import { MAX, textField } from '$lib/server/http';
import { recordForm } from '../record-form';

export const load: PageServerLoad = () => {
	const actor = requireRole('operator', 'admin');
	return { disputes: openDisputesForOps(getDb(), actor) };
};

/** The answer's length rule (at least a few words) is the service's. */
const schema = z.object({
	outcome: z.enum(['upheld', 'rejected'], 'form.required'),
	answer: textField(MAX.text, { optional: true })
});

export const actions: Actions = {
	answer: recordForm('disputeId', schema, (db, actor, disputeId, input) =>
		answerDispute(db, actor, { disputeId, ...input })
	)
};
