import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { localDate } from '$lib/domain/clock';
import { clock } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { answerDispute, disputesForOps, operatorReply } from '$lib/server/services/disputes';
import { disputeCurrency } from '$lib/server/services/dispute-correction';
import { MAX, idParam, orHttp, readForm, submitForm, text, textField } from '$lib/server/http';
import { opsList } from '../list';
import { recordForm } from '../record-form';
import { answerSchema } from './answer-form';

export const load: PageServerLoad = ({ url }) => {
	const { actor, db, page } = opsList(url);
	return { list: disputesForOps(db, actor, { page }), today: localDate(clock().now()) };
};

/** A further answer in the thread, without a decision (the service checks its length). */
const replySchema = z.object({ body: textField(MAX.text, { optional: true }) });

export const actions: Actions = {
	// amounts are typed in the claim's currency, and a limit is said in it
	answer: async ({ request, locals }) => {
		const actor = requireRole('operator', 'admin');
		const form = await readForm(request);
		const disputeId = idParam(text(form, 'disputeId'));
		const db = getDb();
		const currency = orHttp(() => disputeCurrency(db, actor, disputeId));
		const money = { currency, lang: locals.lang };
		return submitForm(form, answerSchema(currency), { money }, (input) => {
			answerDispute(db, actor, { disputeId, ...input });
			return { done: true };
		});
	},
	reply: recordForm(
		'disputeId',
		replySchema,
		(db, actor, disputeId, input) => operatorReply(db, actor, { disputeId, body: input.body }),
		() => ({ done: true, replied: true })
	)
};
