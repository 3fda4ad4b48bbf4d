/**
 * A link to another page of a filtered list (a GET filter form above it): the filters that are set,
 * then the page, e.g. `?status=failed&page=2`. Empty filters are left out, as the form leaves them.
 */
export function pageHref(filter: Record<string, string | null | undefined>, page: number): string {
	const s = new URLSearchParams();
	for (const [k, v] of Object.entries(filter)) if (v) s.set(k, v);
	s.set('page', String(page));
	return `?${s}`;
}

/**
 * A form action that keeps the list's filters and page (`?status=failed&page=3&/refund`): without
 * JavaScript the page drawn after the post, a refusal beside its form, is the one it came from.
 */
export function actionHref(search: string, action: string): string {
	const s = new URLSearchParams(search);
	for (const k of [...s.keys()]) if (k.startsWith('/')) s.delete(k);
	const kept = s.toString();
	return kept ? `?${kept}&/${action}` : `?/${action}`;
}
