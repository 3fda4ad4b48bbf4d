/**
 * Dashboard filters from the URL (so a view can be bookmarked and shared):
 * ?portfolio=<id>&from=YYYY-MM&to=YYYY-MM&currency=HUF|EUR
 */
import type { ReportFilter } from '$lib/server/services/reports';
import { parseId } from '$lib/server/http';
import { CURRENCIES, type Currency } from '$lib/domain/money';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface ParsedFilter {
	filter: ReportFilter;
	/** raw values for the form */
	values: { portfolio: string; from: string; to: string; currency: string };
	errors: { from?: string; to?: string };
}

export function parseFilter(url: URL): ParsedFilter {
	const portfolio = url.searchParams.get('portfolio') ?? '';
	const from = (url.searchParams.get('from') ?? '').trim();
	const to = (url.searchParams.get('to') ?? '').trim();
	const c = (url.searchParams.get('currency') ?? '').trim().toUpperCase();
	const currency = (CURRENCIES as readonly string[]).includes(c) ? (c as Currency) : null;
	const errors: ParsedFilter['errors'] = {};
	if (from && !MONTH.test(from)) errors.from = 'creditor.filter.badMonth';
	if (to && !MONTH.test(to)) errors.to = 'creditor.filter.badMonth';
	const pid = parseId(portfolio);
	return {
		filter: {
			portfolioId: pid,
			from: errors.from ? null : from || null,
			to: errors.to ? null : to || null,
			currency
		},
		values: { portfolio, from, to, currency: currency ?? '' },
		errors
	};
}

/** The same filter as a query string, for CSV links. */
export function filterQuery(f: ReportFilter): string {
	const q = new URLSearchParams();
	if (f.portfolioId != null) q.set('portfolio', String(f.portfolioId));
	if (f.from) q.set('from', f.from);
	if (f.to) q.set('to', f.to);
	if (f.currency) q.set('currency', f.currency);
	const s = q.toString();
	return s ? `?${s}` : '';
}
