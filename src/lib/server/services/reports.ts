/**
 * Creditor reports (DESIGN "Reports"). Every figure comes in two versions with the same output:
 * - the served one reads the rollup tables that triggers keep current (migration
 *   0003_report_rollup_triggers), so a creditor with a million claims reads a few hundred rows;
 * - `fullScan.*` computes the same from the base tables (summing the ledger, joining stage events,
 *   contacts and payments). Tests use it as the oracle, the benchmark as the comparison.
 * Scoped by the creditor actor; another creditor's portfolio is "not found".
 */
import type { Actor } from '$lib/domain/actor';
import type { Currency } from '$lib/domain/money';
import {
	agingTable,
	channelTable,
	liquidationCurves,
	planPerformance,
	rate,
	stageOutcomeTable,
	monthOf,
	pct1,
	type Cell,
	type AgingRow,
	type ChannelRow,
	type CohortCurve,
	type CollectedMonth,
	type Headline,
	type PlanPerformance,
	type StageOutcomeRow
} from '$lib/domain/reports';
import { localDate } from '$lib/domain/clock';
import { minorToDecimalString } from '$lib/domain/money';
import { BOM, csvLine } from '$lib/domain/csv';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { NotFoundError } from './errors';
import { assertCreditor } from './actor';

export interface ReportFilter {
	portfolioId?: number | null;
	/** placement months, inclusive, 'YYYY-MM' */
	from?: string | null;
	to?: string | null;
}

export interface Scope {
	creditorId: number;
	filter: ReportFilter;
}

/** The creditor whose data the actor may read, with the filter checked against it. */
export function reportScope(db: DB, actor: Actor, filter: ReportFilter = {}): Scope {
	assertCreditor(actor);
	const creditorId = actor.creditorId;
	if (filter.portfolioId != null) {
		const p = db.$client
			.prepare('SELECT creditor_id FROM portfolios WHERE id = ?')
			.get(filter.portfolioId) as { creditor_id: number } | undefined;
		if (!p || p.creditor_id !== creditorId) throw new NotFoundError('portfolio');
	}
	const month = /^\d{4}-(0[1-9]|1[0-2])$/;
	return {
		creditorId,
		filter: {
			portfolioId: filter.portfolioId ?? null,
			from: filter.from && month.test(filter.from) ? filter.from : null,
			to: filter.to && month.test(filter.to) ? filter.to : null
		}
	};
}

/** WHERE for rollup tables (columns creditor_id, portfolio_id, placed_month) or claims (alias c). */
function where(
	s: Scope,
	alias?: string,
	rollupAlias?: string
): { sql: string; params: (string | number)[] } {
	const col = (name: string) =>
		alias ? `${alias}.${name}` : rollupAlias ? `${rollupAlias}.${name}` : name;
	const month = alias ? `substr(${alias}.placed_date, 1, 7)` : col('placed_month');
	const parts = [`${col('creditor_id')} = ?`];
	const params: (string | number)[] = [s.creditorId];
	if (s.filter.portfolioId != null) {
		parts.push(`${col('portfolio_id')} = ?`);
		params.push(s.filter.portfolioId);
	}
	if (s.filter.from) {
		parts.push(alias ? `${alias}.placed_date >= ?` : `${month} >= ?`);
		params.push(alias ? `${s.filter.from}-01` : s.filter.from);
	}
	if (s.filter.to) {
		parts.push(alias ? `${alias}.placed_date <= ?` : `${month} <= ?`);
		params.push(alias ? `${s.filter.to}-31` : s.filter.to);
	}
	return { sql: parts.join(' AND '), params };
}

const OPEN = `('open', 'in_plan', 'disputed')`;

type Row = Record<string, unknown>;
function all<T = Row>(db: DB, sql: string, params: unknown[]): T[] {
	return db.$client.prepare(sql).all(...params) as T[];
}

function headlineOf(
	rows: { currency: Currency; claims: number; placed: number; collected: number; open: number }[],
	activePlans: number
): Headline {
	return {
		currencies: rows
			.filter((r) => r.claims > 0)
			.map((r) => ({
				currency: r.currency,
				claims: r.claims,
				placedMinor: r.placed,
				collectedMinor: r.collected,
				openMinor: r.open,
				recoveryRate: rate(r.collected, r.placed)
			})),
		activePlans
	};
}

export function today(): string {
	return localDate(clock().now());
}

// ---------------------------------------------------------------------------------------------
// Served versions (rollups)

export function headline(db: DB, s: Scope): Headline {
	const w = where(s);
	const rows = all<{
		currency: Currency;
		claims: number;
		placed: number;
		collected: number;
		open: number;
	}>(
		db,
		`SELECT currency, sum(claims) AS claims, sum(placed_minor) AS placed, sum(collected_minor) AS collected,
			sum(CASE WHEN status IN ${OPEN} THEN balance_minor ELSE 0 END) AS open
		 FROM report_claims WHERE ${w.sql} GROUP BY currency ORDER BY currency`,
		w.params
	);
	const active = db.$client
		.prepare(
			`SELECT coalesce(sum(plans), 0) FROM report_plans WHERE ${w.sql} AND status = 'active'`
		)
		.pluck()
		.get(...w.params) as number;
	return headlineOf(rows, active);
}

export function collectedPerMonth(db: DB, s: Scope): CollectedMonth[] {
	const w = where(s);
	return all<CollectedMonth>(
		db,
		`SELECT currency, month, sum(collected_minor) AS collectedMinor FROM report_collected
		 WHERE ${w.sql} GROUP BY currency, month HAVING sum(collected_minor) <> 0 ORDER BY currency, month`,
		w.params
	);
}

export function liquidation(db: DB, s: Scope): CohortCurve[] {
	const w = where(s);
	const placed = all<{ currency: Currency; cohort: string; placedMinor: number }>(
		db,
		`SELECT currency, placed_month AS cohort, sum(placed_minor) AS placedMinor FROM report_claims
		 WHERE ${w.sql} GROUP BY currency, placed_month HAVING sum(claims) > 0`,
		w.params
	);
	const collected = all<{
		currency: Currency;
		cohort: string;
		month: string;
		collectedMinor: number;
	}>(
		db,
		`SELECT currency, placed_month AS cohort, month, sum(collected_minor) AS collectedMinor FROM report_collected
		 WHERE ${w.sql} GROUP BY currency, placed_month, month`,
		w.params
	);
	return liquidationCurves(placed, collected, monthOf(today()));
}

export function stageOutcomes(db: DB, s: Scope): StageOutcomeRow[] {
	const w = where(s);
	return stageOutcomeTable(
		all(
			db,
			`SELECT stage, outcome, sum(events) AS events FROM report_stage_outcomes WHERE ${w.sql} GROUP BY stage, outcome`,
			w.params
		)
	);
}

export function plans(db: DB, s: Scope): PlanPerformance {
	const w = where(s);
	return planPerformance(
		all(
			db,
			`SELECT status, sum(plans) AS plans FROM report_plans WHERE ${w.sql} GROUP BY status`,
			w.params
		),
		all(
			db,
			`SELECT status, on_time AS onTime, sum(installments) AS installments FROM report_installments WHERE ${w.sql} GROUP BY status, on_time`,
			w.params
		)
	);
}

export function aging(db: DB, s: Scope): AgingRow[] {
	const w = where(s);
	return agingTable(
		all(
			db,
			`SELECT currency, due_date AS dueDate, sum(claims) AS claims, sum(open_minor) AS openMinor FROM report_aging WHERE ${w.sql} GROUP BY currency, due_date`,
			w.params
		),
		today()
	);
}

export function channels(db: DB, s: Scope): ChannelRow[] {
	const w = where(s);
	return channelTable(
		all(
			db,
			`SELECT channel, sum(contacts) AS contacts, sum(followed) AS followed FROM report_contacts WHERE ${w.sql} GROUP BY channel`,
			w.params
		)
	);
}

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

function portfolioRows(db: DB, sql: string, params: unknown[]): PortfolioRecovery[] {
	return all<Omit<PortfolioRecovery, 'recoveryRate'>>(db, sql, params)
		.filter((r) => r.claims > 0)
		.map((r) => ({ ...r, recoveryRate: rate(r.collectedMinor, r.placedMinor) }));
}

export function portfolioRecovery(db: DB, s: Scope): PortfolioRecovery[] {
	const w = where(s, undefined, 'r');
	return portfolioRows(
		db,
		`SELECT r.portfolio_id AS portfolioId, p.name, r.currency, sum(r.claims) AS claims, sum(r.placed_minor) AS placedMinor, sum(r.collected_minor) AS collectedMinor
		 FROM report_claims r JOIN portfolios p ON p.id = r.portfolio_id
		 WHERE ${w.sql}
		 GROUP BY r.portfolio_id, r.currency ORDER BY p.placed_date, r.portfolio_id, r.currency`,
		w.params
	);
}

export const CHARTS = [
	'headline',
	'portfolios',
	'collected',
	'liquidation',
	'stages',
	'plans',
	'aging',
	'channels'
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
}

type Impl = { [K in ChartName]: (db: DB, s: Scope) => Dashboard[K] };

export const served: Impl = {
	headline,
	portfolios: portfolioRecovery,
	collected: collectedPerMonth,
	liquidation,
	stages: stageOutcomes,
	plans,
	aging,
	channels
};

/** Everything the dashboard shows, for the actor and filter. */
export function dashboard(db: DB, actor: Actor, filter: ReportFilter = {}): Dashboard {
	const s = reportScope(db, actor, filter);
	return {
		headline: headline(db, s),
		portfolios: portfolioRecovery(db, s),
		collected: collectedPerMonth(db, s),
		liquidation: liquidation(db, s),
		stages: stageOutcomes(db, s),
		plans: plans(db, s),
		aging: aging(db, s),
		channels: channels(db, s)
	};
}

/** One chart's data (CSV downloads). */
export function chartData<K extends ChartName>(
	db: DB,
	actor: Actor,
	chart: K,
	filter: ReportFilter = {}
): Dashboard[K] {
	const s = reportScope(db, actor, filter);
	return served[chart](db, s);
}

/** The creditor's portfolios for the filter. */
export function portfoliosOf(
	db: DB,
	actor: Actor
): { id: number; name: string; placedDate: string }[] {
	assertCreditor(actor);
	return all(
		db,
		'SELECT id, name, placed_date AS placedDate FROM portfolios WHERE creditor_id = ? ORDER BY placed_date DESC, id DESC',
		[actor.creditorId]
	);
}

// ---------------------------------------------------------------------------------------------
// Full-scan versions: the same figures straight from the base tables

const LEDGER_COLLECTED = `coalesce((SELECT -sum(l.amount_minor) FROM ledger_entries l WHERE l.claim_id = c.id AND l.kind IN ('payment', 'refund')), 0)`;
const LEDGER_BALANCE = `coalesce((SELECT sum(l.amount_minor) FROM ledger_entries l WHERE l.claim_id = c.id), 0)`;

export const fullScan: Impl = {
	headline(db, s) {
		const w = where(s, 'c');
		const rows = all<{
			currency: Currency;
			claims: number;
			placed: number;
			collected: number;
			open: number;
		}>(
			db,
			`SELECT c.currency, count(*) AS claims, sum(c.placed_minor) AS placed, sum(${LEDGER_COLLECTED}) AS collected,
				sum(CASE WHEN c.status IN ${OPEN} THEN ${LEDGER_BALANCE} ELSE 0 END) AS open
			 FROM claims c NOT INDEXED WHERE ${w.sql} GROUP BY c.currency ORDER BY c.currency`,
			w.params
		);
		const active = db.$client
			.prepare(
				`SELECT count(*) FROM plans p JOIN claims c ON c.id = p.claim_id WHERE ${w.sql} AND p.status = 'active'`
			)
			.pluck()
			.get(...w.params) as number;
		return headlineOf(rows, active);
	},
	portfolios(db, s) {
		const w = where(s, 'c');
		return portfolioRows(
			db,
			`SELECT c.portfolio_id AS portfolioId, p.name, c.currency, count(*) AS claims, sum(c.placed_minor) AS placedMinor, sum(${LEDGER_COLLECTED}) AS collectedMinor
			 FROM claims c NOT INDEXED JOIN portfolios p ON p.id = c.portfolio_id WHERE ${w.sql}
			 GROUP BY c.portfolio_id, c.currency ORDER BY p.placed_date, c.portfolio_id, c.currency`,
			w.params
		);
	},
	collected(db, s) {
		const w = where(s, 'c');
		return all<CollectedMonth>(
			db,
			`SELECT c.currency, substr(l.effective_date, 1, 7) AS month, -sum(l.amount_minor) AS collectedMinor
			 FROM ledger_entries l JOIN claims c ON c.id = l.claim_id
			 WHERE ${w.sql} AND l.kind IN ('payment', 'refund') GROUP BY 1, 2 HAVING sum(l.amount_minor) <> 0 ORDER BY 1, 2`,
			w.params
		);
	},
	liquidation(db, s) {
		const w = where(s, 'c');
		const placed = all<{ currency: Currency; cohort: string; placedMinor: number }>(
			db,
			`SELECT c.currency, substr(c.placed_date, 1, 7) AS cohort, sum(c.placed_minor) AS placedMinor FROM claims c NOT INDEXED WHERE ${w.sql} GROUP BY 1, 2`,
			w.params
		);
		const collected = all<{
			currency: Currency;
			cohort: string;
			month: string;
			collectedMinor: number;
		}>(
			db,
			`SELECT c.currency, substr(c.placed_date, 1, 7) AS cohort, substr(l.effective_date, 1, 7) AS month, -sum(l.amount_minor) AS collectedMinor
			 FROM ledger_entries l JOIN claims c ON c.id = l.claim_id WHERE ${w.sql} AND l.kind IN ('payment', 'refund') GROUP BY 1, 2, 3`,
			w.params
		);
		return liquidationCurves(placed, collected, monthOf(today()));
	},
	stages(db, s) {
		const w = where(s, 'c');
		return stageOutcomeTable(
			all(
				db,
				`SELECT e.stage, coalesce(e.outcome, 'open') AS outcome, count(*) AS events FROM claim_stage_events e JOIN claims c ON c.id = e.claim_id WHERE ${w.sql} GROUP BY 1, 2`,
				w.params
			)
		);
	},
	plans(db, s) {
		const w = where(s, 'c');
		return planPerformance(
			all(
				db,
				`SELECT p.status, count(*) AS plans FROM plans p JOIN claims c ON c.id = p.claim_id WHERE ${w.sql} GROUP BY 1`,
				w.params
			),
			all(
				db,
				`SELECT i.status, coalesce(i.paid_on_time, -1) AS onTime, count(*) AS installments
				 FROM installments i JOIN plans p ON p.id = i.plan_id JOIN claims c ON c.id = p.claim_id WHERE ${w.sql} GROUP BY 1, 2`,
				w.params
			)
		);
	},
	aging(db, s) {
		const w = where(s, 'c');
		return agingTable(
			all(
				db,
				`SELECT c.currency, c.due_date AS dueDate, count(*) AS claims, sum(${LEDGER_BALANCE}) AS openMinor
				 FROM claims c NOT INDEXED WHERE ${w.sql} AND c.status IN ${OPEN} GROUP BY 1, 2`,
				w.params
			),
			today()
		);
	},
	channels(db, s) {
		const w = where(s, 'c');
		return channelTable(
			all(
				db,
				`SELECT e.channel, count(*) AS contacts,
					sum(EXISTS (SELECT 1 FROM payments p WHERE p.claim_id = e.claim_id AND +p.status = 'succeeded'
						AND +p.completed_at BETWEEN e.occurred_at AND e.occurred_at + 1209600000)) AS followed
				 FROM contact_events e JOIN claims c ON c.id = e.claim_id WHERE ${w.sql} AND e.outcome <> 'blocked' GROUP BY 1`,
				w.params
			)
		);
	}
};

// ---------------------------------------------------------------------------------------------
// One table per chart: the page shows it beside the chart, the CSV download writes exactly it.

export type { Cell };
export interface ChartTable {
	columns: string[];
	rows: Cell[][];
}

type Tr = (key: string, params?: Record<string, string | number>) => string;

const money = (m: number, c: Currency): Cell => ({ m, c });
const ratio = (p: number | null): Cell => ({ p });

export function chartTable<K extends ChartName>(chart: K, data: Dashboard[K], tr: Tr): ChartTable {
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
				columns: [
					tr('creditor.col.portfolio'),
					tr('creditor.col.currency'),
					tr('creditor.col.claims'),
					tr('creditor.col.placed'),
					tr('creditor.col.collected'),
					tr('creditor.col.ratePct')
				],
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
				columns: [
					tr('creditor.col.currency'),
					tr('creditor.col.month'),
					tr('creditor.col.collected')
				],
				rows: (data as CollectedMonth[]).map((r) => [
					r.currency,
					r.month,
					money(r.collectedMinor, r.currency)
				])
			};
		case 'liquidation':
			return {
				columns: [
					tr('creditor.col.currency'),
					tr('creditor.col.cohort'),
					tr('creditor.col.placed'),
					tr('creditor.col.monthsSince'),
					tr('creditor.col.cumulative'),
					tr('creditor.col.cumulativePct')
				],
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
				columns: [
					tr('creditor.plans.active'),
					tr('creditor.plans.completed'),
					tr('creditor.plans.broken'),
					tr('creditor.plans.installmentsDue'),
					tr('creditor.plans.paidOnTime'),
					tr('creditor.plans.onTimePct')
				],
				rows: [
					[p.active, p.completed, p.broken, p.installmentsDue, p.paidOnTime, ratio(p.onTimeRate)]
				]
			};
		}
		case 'aging':
			return {
				columns: [
					tr('creditor.col.currency'),
					tr('creditor.col.bucket'),
					tr('creditor.col.claims'),
					tr('creditor.col.open')
				],
				rows: (data as AgingRow[]).map((r) => [
					r.currency,
					r.bucket,
					r.claims,
					money(r.openMinor, r.currency)
				])
			};
		case 'channels':
			return {
				columns: [
					tr('creditor.col.channel'),
					tr('creditor.col.contacts'),
					tr('creditor.col.followed'),
					tr('creditor.col.share')
				],
				rows: (data as ChannelRow[]).map((r) => [
					tr(`creditor.channel.${r.channel}`),
					r.contacts,
					r.followed,
					ratio(r.followedRate)
				])
			};
	}
	return { columns: [], rows: [] };
}

/** A cell as CSV text: money as a plain decimal ('12500.00'), ratios as a percentage with one decimal. */
export function cellText(c: Cell): string {
	if (c == null) return '';
	if (typeof c === 'object') {
		if ('m' in c) return minorToDecimalString(c.m);
		return c.p == null ? '' : pct1(c.p)!.toFixed(1);
	}
	return String(c);
}

export function chartCsv(table: ChartTable): string {
	return BOM + csvLine(table.columns) + table.rows.map((r) => csvLine(r.map(cellText))).join('');
}
