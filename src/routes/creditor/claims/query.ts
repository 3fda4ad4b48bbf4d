import type { ClaimQuery, SortKey } from '$lib/server/services/creditor-claims';

/** The list's filters from the URL (kept there so the view and the export share them). */
export function claimQuery(url: URL): ClaimQuery {
	const p = url.searchParams;
	const portfolio = p.get('portfolio') ?? '';
	return {
		q: p.get('q'),
		status: p.get('status'),
		stage: p.get('stage'),
		portfolioId: /^\d{1,12}$/.test(portfolio) ? Number(portfolio) : null,
		sort: (p.get('sort') as SortKey) ?? undefined,
		dir: p.get('dir') === 'asc' ? 'asc' : 'desc',
		after: p.get('after')
	};
}
