import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { decideHardship, hardshipQueue } from '$lib/server/services/hardship';
import { MAX, textField } from '$lib/server/http';
import { opsList } from '../list';
import { recordForm } from '../record-form';

export const load: PageServerLoad = ({ url }) => {
	const { actor, db, page } = opsList(url);
	return { list: hardshipQueue(db, actor, { page }) };
};

/** The note's length rule is the service's. */
const schema = z.object({
	decision: z.enum(['grant', 'decline'], 'form.required'),
	note: textField(MAX.text, { optional: true })
});

export const actions: Actions = {
	decide: recordForm('requestId', schema, (db, actor, requestId, input) =>
		decideHardship(db, actor, { requestId, ...input })
	)
};
