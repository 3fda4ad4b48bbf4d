import { SORTS, type ClaimQuery } from '$lib/server/services/creditor-claims';
import { ownKey, parseId } from '$lib/server/http';

/**
 * The list's filters from the URL (kept there so the view and the export share them). The sort
 * is looked up as an own key of SORTS: `sort=constructor` is no sort, not Object's constructor
 * spliced into ORDER BY.
 */
export function claimQuery(url: URL): ClaimQuery {
	const p = url.searchParams;
	return {
		q: p.get('q'),
		status: p.get('status'),
		stage: p.get('stage'),
		handover: p.get('handover'),
		portfolioId: parseId(p.get('portfolio')),
		sort: ownKey(SORTS, p.get('sort')) ?? undefined,
		dir: p.get('dir') === 'asc' ? 'asc' : 'desc',
		after: p.get('after')
	};
}
