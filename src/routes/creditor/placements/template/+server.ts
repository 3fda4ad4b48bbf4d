import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { placementTemplate } from '$lib/server/services/placements';

export const GET: RequestHandler = () => {
	requireRole('creditor');
	return new Response(placementTemplate(), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="rendez-placement-template.csv"'
		}
	});
};
