import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { translate } from '$lib/i18n';
import { csvFormatOf, csvSuffix } from '$lib/domain/csv-format';
import { placementGuideCsv } from '$lib/domain/placement-guide';

/**
 * The template's columns explained (column, required?, format, example) in the reader's language,
 * a second download beside the template, which stays exactly what the importer reads.
 * ?format=excel (default) | csv.
 */
export const GET: RequestHandler = ({ url, locals }) => {
	requireRole('creditor');
	const format = csvFormatOf(url.searchParams.get('format'));
	return new Response(
		placementGuideCsv((k) => translate(locals.lang, k), format),
		{
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="rendez-placement-columns${csvSuffix(format)}.csv"`
			}
		}
	);
};
