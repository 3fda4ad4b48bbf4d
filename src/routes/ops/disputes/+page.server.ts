import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { answerDispute, disputesForOps, operatorReply } from '$lib/server/services/disputes';
import { MAX, parseId, textField } from '$lib/server/http';
import { recordForm } from '../record-form';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const page = parseId(url.searchParams.get('page')) ?? 1;
	return { list: disputesForOps(getDb(), actor, { page }) };
};

/** The answer's length rule (at least a few words) is the service's. */
const schema = z.object({
	outcome: z.enum(['upheld', 'rejected'], 'form.required'),
	answer: textField(MAX.text, { optional: true })
});

/** A further answer in the thread, without a decision (the service checks its length). */
const replySchema = z.object({ body: textField(MAX.text, { optional: true }) });

export const actions: Actions = {
	answer: recordForm('disputeId', schema, (db, actor, disputeId, input) =>
		answerDispute(db, actor, { disputeId, ...input })
	),
	reply: recordForm(
		'disputeId',
		replySchema,
		(db, actor, disputeId, input) => operatorReply(db, actor, { disputeId, body: input.body }),
		() => ({ done: true, replied: true })
	)
};
