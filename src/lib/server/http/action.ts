/**
 * The usual form action after its guard (CONTRIBUTING.md, "Errors"): read the body, parse it with
 * the form's schema, call the service, answer. One place for the order and the refusals, so an
 * action says only what differs: its schema, its service call and its answer.
 */
import type { ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { failFrom, type FailOptions } from './errors';
import { readForm } from './form';
import type { FormFailure } from './types';
import { parseForm } from './validate';

export interface SubmitOptions {
	/** a form field whose errors the page shows under another name (see `fieldErrors`) */
	rename?: Record<string, string>;
	/** money limits in the service's messages in the page's currency and language */
	money?: FailOptions['money'];
}

type Run<S extends z.ZodType, A> = (data: z.output<S>) => A | Promise<A>;
type Answer<A> = Promise<A | ActionFailure<FormFailure>>;

/**
 * `run` with the form's parsed data; what it returns is the action's answer (it may redirect).
 * A refused form is a 400 with a key per field, a service's refusal goes through `failFrom`:
 * both with what was typed. The form is the request's body, or one already read (an action that
 * first takes a hidden id from it, or an upload read with `readUploadForm`).
 */
export function submitForm<S extends z.ZodType, A>(
	source: Request | FormData,
	schema: S,
	run: Run<S, A>
): Answer<A>;
export function submitForm<S extends z.ZodType, A>(
	source: Request | FormData,
	schema: S,
	opts: SubmitOptions,
	run: Run<S, A>
): Answer<A>;
export async function submitForm<S extends z.ZodType, A>(
	source: Request | FormData,
	schema: S,
	...rest: [Run<S, A>] | [SubmitOptions, Run<S, A>]
): Answer<A> {
	const [opts, run] = rest.length === 1 ? [{}, rest[0]] : rest;
	const form = source instanceof FormData ? source : await readForm(source);
	const parsed = parseForm(form, schema, { rename: opts.rename });
	if (!parsed.ok) return parsed.failure;
	try {
		return await run(parsed.data);
	} catch (e) {
		return failFrom(e, { values: parsed.values, money: opts.money });
	}
}
