import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { CHARTS, chartCsv, chartData, chartTable } from '$lib/server/services/reports';
import { oneOf, orHttp } from '$lib/server/http';
import { translate } from '$lib/i18n';
import { csvFormatOf, csvSuffix } from '$lib/domain/csv-format';
import { parseFilter } from '../../filter';

/**
 * One chart's numbers as CSV with the dashboard's filter: ?format=excel (default: ';', decimal
 * comma, BOM, for Hungarian Excel) or ?format=csv (',', decimal point). Words, never codes.
 */
export const GET: RequestHandler = ({ params, url, locals }) => {
	const actor = requireRole('creditor');
	const chart = oneOf(CHARTS, params.chart);
	if (!chart) error(404, { message: 'not found' });
	const { filter } = parseFilter(url);
	const data = orHttp(() => chartData(getDb(), actor, chart, filter));
	const table = chartTable(chart, data, (k, p) => translate(locals.lang, k, p));
	const format = csvFormatOf(url.searchParams.get('format'));
	return new Response(chartCsv(table, format), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="rendez-${chart}${csvSuffix(format)}.csv"`
		}
	});
};
