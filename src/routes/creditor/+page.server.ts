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
	type ChartName,
	type Dashboard
} from '$lib/server/services/reports';
import { orHttp } from '$lib/server/http';
import { recallFigures } from '$lib/server/services/recall';
import { translate } from '$lib/i18n';
import { CURRENCIES, formatMoney, type Currency } from '$lib/domain/money';
import { parseFilter, filterQuery } from './filter';

/** The charts drawn once per currency (amounts in different currencies do not add up). */
const PER_CURRENCY = ['collected', 'liquidation', 'aging', 'statuses'] as const;
type PerCurrency = (typeof PER_CURRENCY)[number];

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
	const currencies = data.headline.currencies.map((c) => c.currency);
	/** per chart and currency: that currency's table and its CSV link's query */
	const byCurrency = Object.fromEntries(
		PER_CURRENCY.map((chart) => [
			chart,
			currencies.map((currency) => ({
				currency,
				table: chartTable(
					chart,
					(data[chart] as { currency: Currency }[]).filter(
						(r) => r.currency === currency
					) as Dashboard[typeof chart],
					tr
				),
				query: filterQuery({ ...parsed.filter, currency })
			}))
		])
	) as Record<PerCurrency, { currency: Currency; table: ChartTable; query: string }[]>;
	return {
		portfolios: portfoliosOf(db, actor),
		currencyOptions: CURRENCIES,
		values: parsed.values,
		errors: parsed.errors,
		filter: parsed.filter,
		query: filterQuery(parsed.filter),
		data,
		tables,
		discounts: discountsGiven(db, actor, parsed.filter).map((r) =>
			translate(locals.lang, 'report.settlements.line', {
				count: r.claims,
				amount: formatMoney(r.discountMinor, r.currency, locals.lang)
			})
		),
		byCurrency,
		// claims the creditor took back or was paid for directly (issue 20, item 4)
		closures: recallFigures(db, actor)
	};
};
