import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	bankEntry,
	markNotOurs,
	matchCandidates,
	matchEntry,
	MAX_NOT_OURS_REASON
} from '$lib/server/services/bank';
import {
	failFrom,
	idField,
	idParam,
	orHttp,
	parseForm,
	readForm,
	textField
} from '$lib/server/http';

export const load: PageServerLoad = ({ params, url }) => {
	const actor = requireRole('operator', 'admin');
	const db = getDb();
	const entry = orHttp(() => bankEntry(db, actor, idParam(params.id)));
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const found = q.trim() === '' ? null : matchCandidates(db, actor, q);
	return { entry, q, found };
};

const matchSchema = z.object({ claimId: idField });
const notOursSchema = z.object({ reason: textField(MAX_NOT_OURS_REASON) });

export const actions: Actions = {
	match: async ({ request, params }) => {
		const actor = requireRole('operator', 'admin');
		const entryId = idParam(params.id);
		const parsed = parseForm(await readForm(request), matchSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			matchEntry(getDb(), actor, { entryId, claimId: parsed.data.claimId });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { matched: true };
	},
	notOurs: async ({ request, params }) => {
		const actor = requireRole('operator', 'admin');
		const entryId = idParam(params.id);
		const parsed = parseForm(await readForm(request), notOursSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			markNotOurs(getDb(), actor, { entryId, reason: parsed.data.reason });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { setAside: true };
	}
};
