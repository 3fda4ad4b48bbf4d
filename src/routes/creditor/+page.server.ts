import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	CHARTS,
	chartTable,
	dashboard,
	discountsGiven,
	portfoliosOf,
	type ChartTable,
	type ChartName
} from '$lib/server/services/reports';
import { orHttp } from '$lib/server/http';
import { translate } from '$lib/i18n';
import { formatMoney } from '$lib/domain/money';
import { parseFilter, filterQuery } from './filter';

export const load: PageServerLoad = ({ url, locals }) => {
	const actor = requireRole('creditor');
	const db = getDb();
	const parsed = parseFilter(url);
	const data = orHttp(() => dashboard(db, actor, parsed.filter));
	const tr = (key: string, params?: Record<string, string | number>) =>
		translate(locals.lang, key, params);
	const tables = Object.fromEntries(CHARTS.map((c) => [c, chartTable(c, data[c], tr)])) as Record<
		ChartName,
		ChartTable
	>;
	return {
		portfolios: portfoliosOf(db, actor),
		values: parsed.values,
		errors: parsed.errors,
		query: filterQuery(parsed.filter),
		data,
		tables,
		discounts: discountsGiven(db, actor, parsed.filter).map((r) =>
			translate(locals.lang, 'report.settlements.line', {
				count: r.claims,
				amount: formatMoney(r.discountMinor, r.currency, locals.lang)
			})
		)
	};
};
