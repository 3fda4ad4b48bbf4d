import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	CHARTS,
	chartCsv,
	chartData,
	chartTable,
	type ChartName
} from '$lib/server/services/reports';
import { NotFoundError } from '$lib/server/services/errors';
import { translate } from '$lib/i18n';
import { parseFilter } from '../../filter';

/** One chart's numbers as CSV (UTF-8 with BOM), with the dashboard's filter. */
export const GET: RequestHandler = ({ params, url, locals }) => {
	const actor = requireRole('creditor');
	const chart = params.chart as ChartName;
	if (!(CHARTS as readonly string[]).includes(chart)) error(404, { message: 'not found' });
	const { filter } = parseFilter(url);
	let data;
	try {
		data = chartData(getDb(), actor, chart, filter);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, { message: 'not found' });
		throw e;
	}
	const table = chartTable(chart, data, (k, p) => translate(locals.lang, k, p));
	return new Response(chartCsv(table), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="rendez-${chart}.csv"`
		}
	});
};
