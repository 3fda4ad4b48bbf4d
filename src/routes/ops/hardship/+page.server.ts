import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { decideHardship, hardshipQueue } from '$lib/server/services/hardship';
import { MAX, parseId, textField } from '$lib/server/http';
import { recordForm } from '../record-form';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const page = parseId(url.searchParams.get('page')) ?? 1;
	return { list: hardshipQueue(getDb(), actor, { page }) };
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
