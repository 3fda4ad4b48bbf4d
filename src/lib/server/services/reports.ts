/**
 * Creditor reports (DESIGN "Reports"), as served. Every figure comes in two versions with the same
 * output:
 * - the served one, here, reads the rollup tables that triggers keep current (migration
 *   0003_report_rollup_triggers), so a creditor with a million claims reads a few hundred rows;
 * - `fullScan.*` (reports-oracle.ts) computes the same from the base tables. Tests use it as the
 *   oracle, the benchmark as the comparison; the server never loads it.
 * The dashboard's shape and its tables are pure, in domain/report-tables.ts (re-exported here for
 * the routes). Scoped by the creditor actor; another creditor's portfolio is "not found".
 */
import type { Actor } from '$lib/domain/actor';
import { CURRENCIES, type Currency } from '$lib/domain/money';
import {
	agingTable,
	channelTable,
	liquidationCurves,
	planPerformance,
	rate,
	stageOutcomeTable,
	stageFunnel,
	statusBalances,
	monthOf,
	type FunnelStep,
	type StatusBalance,
	type AgingRow,
	type ChannelRow,
	type CohortCurve,
	type CollectedMonth,
	type Headline,
	type PlanPerformance,
	type StageOutcomeRow
} from '$lib/domain/reports';
import type { ChartName, Dashboard, PortfolioRecovery } from '$lib/domain/report-tables';
import { localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { NotFoundError } from './errors';
import { assertCreditor } from './actor';

export interface ReportFilter {
	portfolioId?: number | null;
	/** placement months, inclusive, 'YYYY-MM' */
	from?: string | null;
	to?: string | null;
	/**
	 * Only this currency's money figures. The counts by stage, plan and channel are kept per
	 * creditor, portfolio and month only, so those charts (and the funnel) show every currency.
	 */
	currency?: Currency | null;
}

export interface Scope {
	creditorId: number;
	filter: ReportFilter;
}

/** The creditor whose data the actor may read, with the filter checked against it. */
const isCurrency = (c: string): c is Currency => (CURRENCIES as readonly string[]).includes(c);

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
			to: filter.to && month.test(filter.to) ? filter.to : null,
			currency: filter.currency && isCurrency(filter.currency) ? filter.currency : null
		}
	};
}

/**
 * WHERE for rollup tables (columns creditor_id, portfolio_id, placed_month) or claims (alias c).
 * `byCurrency`: the table has a currency column and the scope's currency filter applies to it.
 */
export function where(
	s: Scope,
	alias?: string,
	rollupAlias?: string,
	byCurrency = false
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
	if (byCurrency && s.filter.currency) {
		parts.push(`${col('currency')} = ?`);
		params.push(s.filter.currency);
	}
	return { sql: parts.join(' AND '), params };
}

export const OPEN = `('open', 'in_plan', 'disputed')`;

type Row = Record<string, unknown>;
export function all<T = Row>(db: DB, sql: string, params: unknown[]): T[] {
	return db.$client.prepare(sql).all(...params) as T[];
}

/** A headline row per currency, as both the served and the full-scan query sum it. */
export type HeadlineSums = {
	currency: Currency;
	claims: number;
	placed: number;
	collected: number;
	open: number;
};

export function headlineOf(rows: HeadlineSums[], activePlans: number): Headline {
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

/** The scope's WHERE (`w`, its `params`) and `q`, which runs a query using that WHERE once. */
export function scoped(db: DB, s: Scope, alias?: string, rollupAlias?: string, byCurrency = false) {
	const { sql, params } = where(s, alias, rollupAlias, byCurrency);
	return { w: sql, params, q: <T = Row>(query: string) => all<T>(db, query, params) };
}

// ---------------------------------------------------------------------------------------------
// Served versions (rollups)

export function headline(db: DB, s: Scope): Headline {
	const { w, q } = scoped(db, s, undefined, undefined, true);
	const { sql: wAll, params } = where(s);
	const rows = q<HeadlineSums>(
		`SELECT currency, sum(claims) AS claims, sum(placed_minor) AS placed, sum(collected_minor) AS collected,
			sum(CASE WHEN status IN ${OPEN} THEN balance_minor ELSE 0 END) AS open
		 FROM report_claims WHERE ${w} GROUP BY currency ORDER BY currency`
	);
	const active = db.$client
		.prepare(`SELECT coalesce(sum(plans), 0) FROM report_plans WHERE ${wAll} AND status = 'active'`)
		.pluck()
		.get(...params) as number;
	return headlineOf(rows, active);
}

export function collectedPerMonth(db: DB, s: Scope): CollectedMonth[] {
	const { w, q } = scoped(db, s, undefined, undefined, true);
	return q<CollectedMonth>(
		`SELECT currency, month, sum(collected_minor) AS collectedMinor FROM report_collected
		 WHERE ${w} GROUP BY currency, month HAVING sum(collected_minor) <> 0 ORDER BY currency, month`
	);
}

export function liquidation(db: DB, s: Scope): CohortCurve[] {
	const { w, q } = scoped(db, s, undefined, undefined, true);
	return liquidationCurves(
		q(
			`SELECT currency, placed_month AS cohort, sum(placed_minor) AS placedMinor FROM report_claims
			 WHERE ${w} GROUP BY currency, placed_month HAVING sum(claims) > 0`
		),
		q(
			`SELECT currency, placed_month AS cohort, month, sum(collected_minor) AS collectedMinor FROM report_collected
			 WHERE ${w} GROUP BY currency, placed_month, month`
		),
		monthOf(today())
	);
}

export function stageOutcomes(db: DB, s: Scope): StageOutcomeRow[] {
	const { w, q } = scoped(db, s);
	return stageOutcomeTable(
		q(
			`SELECT stage, outcome, sum(events) AS events FROM report_stage_outcomes WHERE ${w} GROUP BY stage, outcome`
		)
	);
}

export function plans(db: DB, s: Scope): PlanPerformance {
	const { w, q } = scoped(db, s);
	return planPerformance(
		q(`SELECT status, sum(plans) AS plans FROM report_plans WHERE ${w} GROUP BY status`),
		q(
			`SELECT status, on_time AS onTime, sum(installments) AS installments FROM report_installments WHERE ${w} GROUP BY status, on_time`
		)
	);
}

export function aging(db: DB, s: Scope): AgingRow[] {
	const { w, q } = scoped(db, s, undefined, undefined, true);
	return agingTable(
		q(
			`SELECT currency, due_date AS dueDate, sum(claims) AS claims, sum(open_minor) AS openMinor FROM report_aging WHERE ${w} GROUP BY currency, due_date`
		),
		today()
	);
}

export function channels(db: DB, s: Scope): ChannelRow[] {
	const { w, q } = scoped(db, s);
	return channelTable(
		q(
			`SELECT channel, sum(contacts) AS contacts, sum(followed) AS followed FROM report_contacts WHERE ${w} GROUP BY channel`
		)
	);
}

export function portfolioRows(db: DB, sql: string, params: unknown[]): PortfolioRecovery[] {
	return all<Omit<PortfolioRecovery, 'recoveryRate'>>(db, sql, params)
		.filter((r) => r.claims > 0)
		.map((r) => ({ ...r, recoveryRate: rate(r.collectedMinor, r.placedMinor) }));
}

export function portfolioRecovery(db: DB, s: Scope): PortfolioRecovery[] {
	const { w, params } = scoped(db, s, undefined, 'r', true);
	return portfolioRows(
		db,
		`SELECT r.portfolio_id AS portfolioId, p.name, r.currency, sum(r.claims) AS claims, sum(r.placed_minor) AS placedMinor, sum(r.collected_minor) AS collectedMinor
		 FROM report_claims r JOIN portfolios p ON p.id = r.portfolio_id
		 WHERE ${w}
		 GROUP BY r.portfolio_id, r.currency ORDER BY p.placed_date, r.portfolio_id, r.currency`,
		params
	);
}

export function statuses(db: DB, s: Scope): StatusBalance[] {
	const { w, q } = scoped(db, s, undefined, undefined, true);
	return statusBalances(
		q(
			`SELECT currency, status, sum(claims) AS claims, sum(balance_minor) AS balanceMinor FROM report_claims WHERE ${w} GROUP BY currency, status`
		)
	);
}

/** Claims placed (every currency: the stage rows are not kept per currency) for the funnel. */
export function placedClaims(db: DB, s: Scope): number {
	const { sql: w, params } = where(s);
	return db.$client
		.prepare(`SELECT coalesce(sum(claims), 0) FROM report_claims WHERE ${w}`)
		.pluck()
		.get(...params) as number;
}

export function funnel(db: DB, s: Scope): FunnelStep[] {
	return stageFunnel(placedClaims(db, s), stageOutcomes(db, s));
}

/** One function per chart: `served` here, `fullScan` in reports-oracle.ts. */
export type Impl = { [K in ChartName]: (db: DB, s: Scope) => Dashboard[K] };

export const served: Impl = {
	headline,
	portfolios: portfolioRecovery,
	collected: collectedPerMonth,
	liquidation,
	stages: stageOutcomes,
	plans,
	aging,
	channels,
	statuses,
	funnel
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
		channels: channels(db, s),
		statuses: statuses(db, s),
		funnel: funnel(db, s)
	};
}

export interface DiscountsGiven {
	currency: Currency;
	/** claims settled with a discount (settlement offers taken) */
	claims: number;
	discountMinor: number;
}

/**
 * Discounts given by settlement offers (issue 19 item 6), per currency, for the filter: the
 * ledger's settlement_discount entries (a partial index holds only those) of the scope's claims.
 */
export function discountsGiven(db: DB, actor: Actor, filter: ReportFilter = {}): DiscountsGiven[] {
	const s = reportScope(db, actor, filter);
	const { w, q } = scoped(db, s, 'c');
	return q<DiscountsGiven>(
		`SELECT c.currency, count(DISTINCT l.claim_id) AS claims, -sum(l.amount_minor) AS discountMinor
		 FROM ledger_entries l INDEXED BY ledger_settlement_idx JOIN claims c ON c.id = l.claim_id
		 WHERE l.kind = 'settlement_discount' AND ${w}
		 GROUP BY c.currency ORDER BY c.currency`
	);
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

export {
	CHARTS,
	cellText,
	cellTextIn,
	chartCsv,
	chartTable,
	type Cell,
	type ChartName,
	type ChartTable,
	type Dashboard,
	type PortfolioRecovery
} from '$lib/domain/report-tables';
