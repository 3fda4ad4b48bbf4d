/**
 * The paging and sorting of a long staff list, as its address gives them (`?d_sort=amount&d_dir=desc&d_page=2`,
 * one prefix per list on a page). Anything unknown falls back to the list's default, never an error.
 */
export type SortDir = 'asc' | 'desc';

export interface ListParams<K extends string> {
	sort: K;
	dir: SortDir;
	/** 1-based */
	page: number;
}

export function listParams<const K extends string>(
	params: URLSearchParams,
	prefix: string,
	sorts: readonly K[],
	fallback: { sort: K; dir: SortDir }
): ListParams<K> {
	const s = params.get(`${prefix}sort`);
	const sort = sorts.find((k) => k === s) ?? fallback.sort;
	const d = params.get(`${prefix}dir`);
	const dir: SortDir =
		d === 'asc' || d === 'desc' ? d : sort === fallback.sort ? fallback.dir : 'asc';
	const p = params.get(`${prefix}page`) ?? '';
	const page = /^\d{1,6}$/.test(p) ? Math.max(1, Number(p)) : 1;
	return { sort, dir, page };
}

/** The page actually shown of `total` rows in pages of `size` (a page past the end is the last). */
export function pageOf(
	page: number,
	total: number,
	size: number
): { page: number; pages: number; offset: number } {
	const pages = Math.max(1, Math.ceil(total / size));
	const p = Math.min(Math.max(1, page), pages);
	return { page: p, pages, offset: (p - 1) * size };
}
