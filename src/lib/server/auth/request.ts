/** Small helpers shared by the auth routes. */
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../services/errors';
import { SESSION_COOKIE, sessionIdOf } from './sessions';

/** The client's address as the adapter sees it (set ADDRESS_HEADER behind a proxy). */
export function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** The id of the session the browser holds now, if any (it is ended when a new one starts). */
export function currentSessionId(event: Pick<RequestEvent, 'cookies'>): string | null {
	return sessionIdOf(event.cookies.get(SESSION_COOKIE));
}

export type FieldErrors = Record<string, { key: string; params?: Record<string, string | number> }>;

export function str(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}

/**
 * Maps a service's deliberate errors to answers: a user's mistake -> fail(400) with field keys
 * (and the values they typed, so nothing is lost); conflict -> fail(409) with a message key;
 * another tenant's or a missing record -> 404; not allowed -> 403. Anything else is unexpected.
 */
export function failFromService(e: unknown, values: Record<string, string> = {}) {
	if (e instanceof ValidationError)
		return fail(400, { errors: e.fields as FieldErrors, values, message: null });
	if (e instanceof ConflictError)
		return fail(409, {
			errors: {} as FieldErrors,
			values,
			message: { key: e.key, params: e.params }
		});
	if (e instanceof NotFoundError) error(404, { message: 'not found' });
	if (e instanceof ForbiddenError) error(403, { message: 'forbidden' });
	throw e;
}

/** A positive integer route parameter, else 404 (never a 500 for a typed-in URL). */
export function idParam(raw: string): number {
	if (!/^\d{1,12}$/.test(raw)) error(404, { message: 'not found' });
	const n = Number(raw);
	if (!Number.isSafeInteger(n) || n <= 0) error(404, { message: 'not found' });
	return n;
}

export function formValues(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string' && k !== 'password') out[k] = v;
	return out;
}
