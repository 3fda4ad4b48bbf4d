/**
 * The one mapping from a service's deliberate errors to answers (CONTRIBUTING.md, "Errors"):
 * a user's mistake (ValidationError) -> fail(400) with a message key per field; a clash with the
 * current state (ConflictError) -> fail(409) with one message; a missing or another tenant's
 * record -> 404; not allowed -> 403. Anything else is unexpected and reaches handleError.
 */
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { formatMoney, type Currency } from '$lib/domain/money';
import type { Lang } from '$lib/i18n';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../services/errors';
import type { FieldErrors, FormFailure, MessageParams } from './types';

export interface FailOptions {
	/** what the user typed, given back so nothing is lost */
	values?: Record<string, string>;
	/** money limits in messages (`min`, `max`, `amount`) shown in the page's currency and language */
	money?: { currency: Currency; lang: Lang };
}

function withMoney(p: MessageParams | undefined, money: FailOptions['money']) {
	if (!p || !money) return p;
	const out: MessageParams = { ...p };
	for (const k of ['min', 'max', 'amount'])
		if (typeof out[k] === 'number')
			out[k] = formatMoney(out[k] as number, money.currency, money.lang);
	return out;
}

/** 404 / 403 / 409 for a load or an endpoint (they have no form to show a message next to). */
export function throwHttp(e: unknown): never {
	if (e instanceof NotFoundError) error(404, { message: 'not found' });
	if (e instanceof ForbiddenError) error(403, { message: 'forbidden' });
	if (e instanceof ConflictError) error(409, { message: 'conflict' });
	throw e;
}

/** Runs a load's service call: its NotFound/Forbidden/Conflict become 404/403/409. */
export function orHttp<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		throwHttp(e);
	}
}

/** A service error caught in an action, as the action's answer. */
export function failFrom(e: unknown, opts: FailOptions = {}): ActionFailure<FormFailure> {
	const values = opts.values;
	if (e instanceof ValidationError) {
		const errors: FieldErrors = {};
		for (const [k, v] of Object.entries(e.fields))
			errors[k] = { key: v.key, params: withMoney(v.params, opts.money) };
		return fail(400, { errors, values });
	}
	if (e instanceof ConflictError)
		return fail(409, { message: { key: e.key, params: withMoney(e.params, opts.money) }, values });
	throwHttp(e);
}
