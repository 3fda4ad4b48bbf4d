/**
 * Ids and keys from the request. Route folders use the `id` matcher (`src/params/id.ts`,
 * `[id=id]`), so /my/claims/abc is a 404 before any code runs; form and query ids go through
 * `parseId` (digits only, never `Number()` on a raw string).
 */
import { error } from '@sveltejs/kit';
import { isId } from '$lib/domain/id';

/** A positive id, or null for anything else (empty, signs, spaces, hex, exponents). */
export function parseId(raw: string | null | undefined): number | null {
	return typeof raw === 'string' && isId(raw) ? Number(raw) : null;
}

/** A route's id parameter (matched by `[id=id]`), else 404. */
export function idParam(raw: string | undefined): number {
	const id = parseId(raw);
	if (id === null) error(404, { message: 'not found' });
	return id;
}

/**
 * A request value used as a key of a fixed table: own keys only. `key in table` and `table[key]`
 * also find `constructor`, `__proto__`, `toString`... of Object.prototype.
 */
export function ownKey<T extends object>(table: T, raw: string | null | undefined): keyof T | null {
	return typeof raw === 'string' && Object.hasOwn(table, raw) ? (raw as keyof T) : null;
}

/** A request value that must be one of a list (else null). */
export function oneOf<const T extends string>(
	list: readonly T[],
	raw: string | null | undefined
): T | null {
	return list.find((v) => v === raw) ?? null;
}

/**
 * What a list page reads from its address: the page (`?page=`, 1 unless an id) and, for a list
 * with a filter, the one its links chose (`?<param>=`, one of `values`; anything else is
 * `fallback`, or null for "all").
 */
export function listQuery<const T extends string = never, F extends T | null = null>(
	url: URL,
	param?: string,
	values?: readonly T[],
	fallback?: F
): { page: number; filter: T | F } {
	const chosen = param && values ? oneOf(values, url.searchParams.get(param)) : null;
	return {
		page: parseId(url.searchParams.get('page')) ?? 1,
		filter: (chosen ?? fallback ?? null) as T | F
	};
}
