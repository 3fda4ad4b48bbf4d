/**
 * Reading an action's form body. SvelteKit answers a body that is not a form with 415 before the
 * action runs; a body that claims to be one but cannot be parsed (broken multipart, a missing
 * boundary) rejects `request.formData()`, which would be a 500. Here it is a 400 with a clear page,
 * and "too large" (413) only when the server really refused the size (adapter-node's
 * BODY_SIZE_LIMIT, whose error carries status 413).
 */
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { megabytes, uploadLimit } from '$lib/server/body-limit';
import type { FieldErrors, FormFailure } from './types';

function isTooLarge(e: unknown): boolean {
	return typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 413;
}

/** The form body, else 400 (malformed) or 413 (too large) on the error page. */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		if (isTooLarge(e)) error(413, { message: 'too large' });
		error(400, { message: 'malformed form' });
	}
}

/**
 * A form with a file: "too large" is said next to the file field (`tooLarge`), with the limit
 * that applies; a malformed body is a 400 like any other form.
 */
export async function readUploadForm(
	request: Request,
	tooLarge: () => FieldErrors
): Promise<FormData | ActionFailure<FormFailure>> {
	try {
		return await request.formData();
	} catch (e) {
		if (isTooLarge(e)) return fail(413, { errors: tooLarge() });
		error(400, { message: 'malformed form' });
	}
}

/**
 * The usual `tooLarge` of `readUploadForm`: `key` next to the file field, with the limit that
 * applies (the form's own `limit`, or what the server accepts if less) in megabytes.
 */
export function fileTooLarge(key: string, limit: number): () => FieldErrors {
	return () => ({ file: { key, params: { mb: megabytes(uploadLimit(limit)) } } });
}

/** A text field ('' when absent or a file). */
export function text(form: FormData, name: string): string {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
}

/** A non-empty uploaded file's bytes and name, or null. */
export async function file(
	form: FormData,
	name: string
): Promise<{ name: string; bytes: Uint8Array } | null> {
	const f = form.get(name);
	if (!(f instanceof File) || f.size === 0) return null;
	return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/**
 * The text fields as typed, to give back with a refusal; a field sent more than once (checkboxes)
 * as its values joined by ','. Never a password or a code.
 */
export function formValues(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form) {
		if (typeof v !== 'string' || /password|^code$/i.test(k)) continue;
		out[k] = Object.hasOwn(out, k) ? `${out[k]},${v}` : v;
	}
	return out;
}
