/**
 * Maps service errors to SvelteKit answers for the portal and payment routes: not found -> 404,
 * forbidden -> 403, a user's mistake -> fail(400) with i18n keys per field, a clash -> fail(409).
 * Money limits in messages (`min`, `max`) are formatted in the page's language and currency.
 */
import { error, fail } from '@sveltejs/kit';
import { formatMoney, type Currency } from '$lib/domain/money';
import type { Lang } from '$lib/i18n';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../services/errors';

export type FieldErrors = Record<string, { key: string; params?: Record<string, string | number> }>;

function moneyParams(
	p: Record<string, string | number> | undefined,
	money?: { currency: Currency; lang: Lang }
) {
	if (!p || !money) return p;
	const out: Record<string, string | number> = { ...p };
	for (const k of ['min', 'max', 'amount'])
		if (typeof out[k] === 'number')
			out[k] = formatMoney(out[k] as number, money.currency, money.lang);
	return out;
}

export function failFrom<E extends Record<string, unknown> = Record<never, never>>(
	e: unknown,
	extra: E = {} as E,
	money?: { currency: Currency; lang: Lang }
) {
	if (e instanceof NotFoundError) error(404, { message: 'not found' });
	if (e instanceof ForbiddenError) error(403, { message: 'forbidden' });
	if (e instanceof ValidationError) {
		const errors: FieldErrors = {};
		for (const [k, v] of Object.entries(e.fields))
			errors[k] = { key: v.key, params: moneyParams(v.params, money) };
		return fail(400, {
			...extra,
			errors,
			error: undefined as { key: string; params: Record<string, string | number> } | undefined
		});
	}
	if (e instanceof ConflictError)
		return fail(409, {
			...extra,
			errors: undefined as FieldErrors | undefined,
			// the clash's own params (e.g. the minutes until an open checkout expires)
			error: { key: e.key, params: moneyParams(e.params, money) ?? {} } as
				{ key: string; params: Record<string, string | number> } | undefined
		});
	throw e;
}

export function idParam(v: string): number {
	const n = Number(v);
	if (!/^\d{1,12}$/.test(v) || !Number.isSafeInteger(n) || n <= 0)
		error(404, { message: 'not found' });
	return n;
}
