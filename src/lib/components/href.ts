/**
 * The address of the page shown, with some of its query parameters changed (`null`: removed), as
 * a list's links need it: another page, another sort order, a filter cleared.
 */
export function hrefWith(url: URL, changes: Record<string, string | null>): string {
	const u = new URL(url);
	for (const [k, v] of Object.entries(changes)) {
		if (v === null) u.searchParams.delete(k);
		else u.searchParams.set(k, v);
	}
	return u.pathname + u.search;
}
