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

/** `confirm=settled`: the operator read that the claim owes nothing and all of it goes back */
const matchSchema = z.object({ claimId: idField, confirm: z.string().max(16).optional() });
const notOursSchema = z.object({ reason: textField(MAX_NOT_OURS_REASON) });

type DB = ReturnType<typeof getDb>;

/**
 * A form about this page's entry: parsed by `schema`, `run` calls the service with the entry's id;
 * a refusal comes back with what was typed, `done` makes the answer from the service's result.
 */
function entryForm<S extends z.ZodObject, R, D>(
	schema: S,
	run: (db: DB, actor: Actor, input: z.output<S> & { entryId: number }) => R,
	done: (result: R) => D
) {
	return async ({ request, params }: { request: Request; params: { id: string } }) => {
		const actor = requireRole('operator', 'admin');
		const entryId = idParam(params.id);
		return submitForm(request, schema, (data) => {
			return done(run(getDb(), actor, { ...data, entryId }));
		});
	};
}

export const actions: Actions = {
	match: entryForm(
		matchSchema,
		(db, actor, { confirm, ...input }) =>
			matchEntry(db, actor, { ...input, confirmSettled: confirm === 'settled' }),
		// what of it goes back (all of it, on a settled claim): the page says a refund task opened
		(r) => ({ matched: true, refundMinor: r.overpaymentMinor })
	),
	notOurs: entryForm(notOursSchema, markNotOurs, () => ({ setAside: true }))
};
