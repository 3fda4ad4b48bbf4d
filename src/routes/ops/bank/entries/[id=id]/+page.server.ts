import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import type { Actor } from '$lib/domain/actor';
import {
	bankEntry,
	markNotOurs,
	matchCandidates,
	matchEntry,
	MAX_NOT_OURS_REASON
} from '$lib/server/services/bank';
import { idField, idParam, submitForm, textField } from '$lib/server/http';
import { staffRecord } from '$lib/server/http/record';

export const load: PageServerLoad = ({ params, url }) => {
	const { actor, db, record: entry } = staffRecord(['operator', 'admin'], params.id, bankEntry);
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const found = q.trim() === '' ? null : matchCandidates(db, actor, q);
	return { entry, q, found };
};

const matchSchema = z.object({ claimId: idField });
const notOursSchema = z.object({ reason: textField(MAX_NOT_OURS_REASON) });

type DB = ReturnType<typeof getDb>;

/**
 * A form about this page's entry: parsed by `schema`, `run` calls the service with the entry's id;
 * a refusal comes back with what was typed, `done` is the answer when it went through.
 */
function entryForm<S extends z.ZodObject, D>(
	schema: S,
	run: (db: DB, actor: Actor, input: z.output<S> & { entryId: number }) => unknown,
	done: D
) {
	return async ({ request, params }: { request: Request; params: { id: string } }) => {
		const actor = requireRole('operator', 'admin');
		const entryId = idParam(params.id);
		return submitForm(request, schema, (data) => {
			run(getDb(), actor, { ...data, entryId });
			return done;
		});
	};
}

export const actions: Actions = {
	match: entryForm(matchSchema, matchEntry, { matched: true }),
	notOurs: entryForm(notOursSchema, markNotOurs, { setAside: true })
};
