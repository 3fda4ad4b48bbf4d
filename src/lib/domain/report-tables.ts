/**
 * The creditor dashboard's shape and its tables, pure: which charts there are, what each one's
 * data is, and the one table per chart that the page shows beside the chart and the CSV download
 * writes exactly. The figures themselves come from services/reports.ts (served from the rollups)
 * or services/reports-oracle.ts (the full-scan oracle).
 */
import type { Currency } from './money';
import { csvAmount, csvDecimal, csvRow, csvStart, type CsvFormat } from './csv-format';
import { pct1 } from './reports';
import type {
	Cell,
	FunnelStep,
	StatusBalance,
	AgingRow,
	ChannelRow,
	CohortCurve,
	CollectedMonth,
	Headline,
	PlanPerformance,
	StageOutcomeRow
} from './reports';

/** Recovery rate per portfolio (DESIGN: "overall and per portfolio"), per currency. */
export interface PortfolioRecovery {
	portfolioId: number;
	name: string;
	currency: Currency;
	claims: number;
	placedMinor: number;
	collectedMinor: number;
	recoveryRate: number | null;
}

export const CHARTS = [
	'headline',
	'portfolios',
	'collected',
	'liquidation',
	'stages',
	'plans',
	'aging',
	'channels',
	'statuses',
	'funnel'
] as const;
export type ChartName = (typeof CHARTS)[number];

export interface Dashboard {
	headline: Headline;
	portfolios: PortfolioRecovery[];
	collected: CollectedMonth[];
	liquidation: CohortCurve[];
	stages: StageOutcomeRow[];
	plans: PlanPerformance;
	aging: AgingRow[];
	channels: ChannelRow[];
	/** claims and balance per currency and status (the headline's "in plan" and "disputed") */
	statuses: StatusBalance[];
	/** placement -> each stage -> paid / plan / disputed / legal, from the engine's stage rows */
	funnel: FunnelStep[];
}

// One table per chart: the page shows it beside the chart, the CSV download writes exactly it.

/** A table cell: text, a count, money in one currency, or a ratio (0..1, shown as %). */
export type { Cell };
export interface ChartTable {
	columns: string[];
	rows: Cell[][];
}

type Tr = (key: string, params?: Record<string, string | number>) => string;

const money = (m: number, c: Currency): Cell => ({ m, c });
const ratio = (p: number | null): Cell => ({ p });

export function chartTable<K extends ChartName>(chart: K, data: Dashboard[K], tr: Tr): ChartTable {
	/** the texts of a group of keys: `under('col', 'currency')` is `creditor.col.currency` */
	const under = (group: string, ...keys: string[]) => keys.map((k) => tr(`creditor.${group}.${k}`));
	switch (chart) {
		case 'headline': {
			const d = data as Headline;
			return {
				columns: [
					tr('creditor.head.currency'),
					tr('creditor.head.claims'),
					tr('creditor.head.placed'),
					tr('creditor.head.collected'),
					tr('creditor.col.ratePct'),
					tr('creditor.head.open'),
					tr('creditor.col.activePlans')
				],
				rows: d.currencies.map((c, i) => [
					c.currency,
					c.claims,
					money(c.placedMinor, c.currency),
					money(c.collectedMinor, c.currency),
					ratio(c.recoveryRate),
					money(c.openMinor, c.currency),
					i === 0 ? d.activePlans : null
				])
			};
		}
		case 'portfolios':
			return {
				columns: under('col', 'portfolio', 'currency', 'claims', 'placed', 'collected', 'ratePct'),
				rows: (data as PortfolioRecovery[]).map((r) => [
					r.name,
					r.currency,
					r.claims,
					money(r.placedMinor, r.currency),
					money(r.collectedMinor, r.currency),
					ratio(r.recoveryRate)
				])
			};
		case 'collected':
			return {
				columns: under('col', 'currency', 'month', 'collected'),
				rows: (data as CollectedMonth[]).map((r) => [
					r.currency,
					r.month,
					money(r.collectedMinor, r.currency)
				])
			};
		case 'liquidation':
			return {
				columns: under(
					'col',
					'currency',
					'cohort',
					'placed',
					'monthsSince',
					'cumulative',
					'cumulativePct'
				),
				rows: (data as CohortCurve[]).flatMap((c) =>
					c.cumulativeMinor.map((v, k) => [
						c.currency,
						c.cohort,
						money(c.placedMinor, c.currency),
						k,
						money(v, c.currency),
						ratio(c.cumulativeRate[k])
					])
				)
			};
		case 'stages':
			return {
				columns: [
					tr('creditor.col.stage'),
					...['paid', 'in_plan', 'disputed', 'moved_on', 'closed', 'open'].map((o) =>
						tr(`creditor.outcome.${o}`)
					),
					tr('creditor.col.total')
				],
				rows: (data as StageOutcomeRow[]).map((r) => [
					tr(`creditor.stage.${r.stage}`),
					r.counts.paid,
					r.counts.in_plan,
					r.counts.disputed,
					r.counts.moved_on,
					r.counts.closed,
					r.counts.open,
					r.total
				])
			};
		case 'plans': {
			const p = data as PlanPerformance;
			return {
				columns: under(
					'plans',
					'active',
					'completed',
					'broken',
					'installmentsDue',
					'paidOnTime',
					'onTimePct'
				),
				rows: [
					[p.active, p.completed, p.broken, p.installmentsDue, p.paidOnTime, ratio(p.onTimeRate)]
				]
			};
		}
		case 'aging':
			return {
				columns: under('col', 'currency', 'bucket', 'claims', 'open'),
				rows: (data as AgingRow[]).map((r) => [
					r.currency,
					r.bucket,
					r.claims,
					money(r.openMinor, r.currency)
				])
			};
		case 'channels':
			return {
				columns: under('col', 'channel', 'contacts', 'followed', 'share'),
				rows: (data as ChannelRow[]).map((r) => [
					tr(`creditor.channel.${r.channel}`),
					r.contacts,
					r.followed,
					ratio(r.followedRate)
				])
			};
		case 'statuses':
			return {
				columns: under('col', 'currency', 'status', 'claims', 'balance'),
				rows: (data as StatusBalance[]).map((r) => [
					r.currency,
					tr(`creditor.status.${r.status}`),
					r.claims,
					money(r.balanceMinor, r.currency)
				])
			};
		case 'funnel':
			return {
				columns: under('col', 'funnelStep', 'claims', 'sharePlaced'),
				rows: (data as FunnelStep[]).map((r) => [
					r.kind === 'stage' ? tr(`creditor.stage.${r.step}`) : tr(`creditor.funnel.${r.step}`),
					r.claims,
					ratio(r.share)
				])
			};
	}
	return { columns: [], rows: [] };
}

/**
 * A cell as CSV text: money as a decimal without grouping ('12500.00', or '12500,00' for Excel hu),
 * ratios as a percentage with one decimal ('78.9' / '78,9').
 */
export function cellTextIn(c: Cell, format: CsvFormat): string {
	if (c == null) return '';
	if (typeof c === 'object') {
		if ('m' in c) return csvAmount(c.m, format);
		return c.p == null ? '' : csvDecimal(pct1(c.p)!, 1, format);
	}
	return String(c);
}

/** A cell as plain CSV text (decimal point). */
export const cellText = (c: Cell): string => cellTextIn(c, 'csv');

/** The table as a file: Excel (hu) by default (';', decimal comma, BOM), or plain CSV. */
export function chartCsv(table: ChartTable, format: CsvFormat = 'excel'): string {
	return (
		csvStart(format) +
		csvRow(table.columns, format) +
		table.rows
			.map((r) =>
				csvRow(
					r.map((c) => cellTextIn(c, format)),
					format
				)
			)
			.join('')
	);
}
