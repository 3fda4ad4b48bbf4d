/**
 * The creditors' REST API's plumbing (routes/api/v1): the bearer key, its scope, the rate limit,
 * idempotency keys and one JSON error shape `{ error: { code, message } }`. A route says what it
 * reads or writes; everything else is here, so every endpoint answers the same way.
 */
import { json } from '@sveltejs/kit';
import { getDb } from '../db';
import type { DB } from '../db/client';
import { callerOfKey, type ApiCaller } from '../services/api-keys';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../services/errors';
import { hashToken } from '../auth/tokens';
import { clock } from '../clock';
import { logEvent } from '../log';
import { rateLimiter } from './rate-limit';
import { translate } from '$lib/i18n';

export interface ApiContext extends ApiCaller {
	db: DB;
}

const apiError = (status: number, code: string, message: string, extra: object = {}) =>
	json({ error: { code, message, ...extra } }, { status });

/** Requests per key per minute (RENDEZ_API_RATE_PER_MIN, default 120). */
const overLimit = rateLimiter(() => Number(process.env.RENDEZ_API_RATE_PER_MIN ?? 120));

/** Runs an endpoint for a caller with a valid key (and the write scope when `write`). */
export async function apiCall(
	request: Request,
	opts: { write: boolean },
	fn: (c: ApiContext) => Response | Promise<Response>
): Promise<Response> {
	const auth = request.headers.get('authorization') ?? '';
	const db = getDb();
	const caller = auth.startsWith('Bearer ') ? callerOfKey(db, auth.slice(7).trim()) : null;
	if (!caller)
		return apiError(
			401,
			'unauthorized',
			'A valid API key is required (Authorization: Bearer rk_…).'
		);
	if (opts.write && caller.scope !== 'read_write')
		return apiError(403, 'forbidden', 'This key may only read.');
	const retry = overLimit(caller.keyId, clock().now());
	if (retry != null) {
		const r = apiError(429, 'rate_limited', 'Too many requests; try again later.');
		r.headers.set('retry-after', String(retry));
		return r;
	}
	try {
		return await fn({ ...caller, db });
	} catch (e) {
		if (e instanceof NotFoundError) return apiNotFound();
		if (e instanceof ForbiddenError) return apiError(403, 'forbidden', 'Not allowed.');
		if (e instanceof ValidationError)
			return invalidRows(
				Object.entries(e.fields).map(([field, v]) => ({ field, ...v })),
				request
			);
		if (e instanceof ConflictError) return apiError(409, 'conflict', e.key);
		// a body over the route's limit (http/body-limit.ts), refused when it is read
		if ((e as { status?: unknown } | null)?.status === 413)
			return apiError(413, 'too_large', 'The request body is too large.');
		logEvent('error', 'api_failed', { error: e instanceof Error ? e.name : 'Error' });
		return apiError(500, 'server_error', 'Something went wrong on our side.');
	}
}

export const apiNotFound = () => apiError(404, 'not_found', 'Not found.');
export const badJson = () => apiError(400, 'bad_request', 'The body must be JSON.');
type FieldError = { field: string; key: string; params?: Record<string, string | number> };

/**
 * 422 with each refused field twice: `fields` its code (stable, for programs) and `messages` the
 * same in words, in Hungarian when the request's Accept-Language asks for it, else English.
 */
export function invalidRows(errors: FieldError[], request: Request): Response {
	const lang = /^\s*hu\b/i.test(request.headers.get('accept-language') ?? '') ? 'hu' : 'en';
	return apiError(422, 'invalid', 'The request has invalid fields.', {
		fields: Object.fromEntries(errors.map((e) => [e.field, e.key])),
		messages: Object.fromEntries(errors.map((e) => [e.field, translate(lang, e.key, e.params)]))
	});
}

/**
 * An `Idempotency-Key` header makes a write happen once: a repeat with the same key and the same
 * request gets the first answer again; the same key with another request is refused (422).
 */
export async function idempotent(
	c: ApiContext,
	request: Request,
	body: string,
	run: () => Response | Promise<Response>
): Promise<Response> {
	const key = request.headers.get('idempotency-key');
	if (!key) return run();
	if (key.length > 200) return apiError(400, 'bad_request', 'Idempotency-Key is too long.');
	const reqHash = hashToken(`${request.method} ${new URL(request.url).pathname}\n${body}`);
	const q = c.db.$client.prepare(
		'SELECT request_hash AS h, status, body FROM api_idempotency WHERE creditor_id = ? AND key = ?'
	);
	const seen = q.get(c.actor.creditorId, key) as
		{ h: string; status: number; body: string } | undefined;
	if (seen)
		return seen.h === reqHash
			? new Response(seen.body, {
					status: seen.status,
					headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' }
				})
			: apiError(
					422,
					'idempotency_key_reused',
					'This Idempotency-Key was used for another request.'
				);
	const res = await run();
	if (res.status < 500) {
		const text = await res.clone().text();
		c.db.$client
			.prepare(
				`INSERT INTO api_idempotency (creditor_id, key, request_hash, status, body, created_at)
				 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
			)
			.run(c.actor.creditorId, key, reqHash, res.status, text, clock().now());
	}
	return res;
}

export function numberParam(v: string | null, fallback: number, max: number): number {
	const n = v && /^\d{1,9}$/.test(v) ? Number(v) : fallback;
	return Math.min(n, max);
}
