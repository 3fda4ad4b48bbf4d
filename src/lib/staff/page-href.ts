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
