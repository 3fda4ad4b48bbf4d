import type { ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import type { Actor } from '$lib/domain/actor';
import { idParam, readForm, submitForm, text, type FormFailure } from '$lib/server/http';

type DB = ReturnType<typeof getDb>;

const DONE = { done: true };

/**
 * The action of an operator's form about one record of a list (a task, a dispute, a claim, a hold):
 * the record is a hidden field `idField` (anything but an id is a 404), the rest is parsed by
 * `schema`, `run` calls the service, and its refusal comes back as the form's failure with what was
 * typed. `done` is the answer when it went through (`{ done: true }` unless given). Like
 * admin/record-action.ts, with a form.
 */
export function recordForm<S extends z.ZodType, D = typeof DONE>(
	idField: string,
	schema: S,
	run: (db: DB, actor: Actor, id: number, input: z.output<S>) => unknown,
	done: (id: number) => D = () => DONE as D
) {
	return async ({ request }: { request: Request }): Promise<ActionFailure<FormFailure> | D> => {
		const actor = requireRole('operator', 'admin');
		const form = await readForm(request);
		const id = idParam(text(form, idField));
		return submitForm(form, schema, (data) => {
			run(getDb(), actor, id, data);
			return done(id);
		});
	};
}
