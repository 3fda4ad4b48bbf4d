/**
 * The full-scan oracle of the creditor reports: the same figures as the served versions
 * (reports.ts, from the rollups), computed straight from the base tables (summing the ledger,
 * joining stage events, contacts and payments). Tests compare the two; the benchmark times both.
 * Not used by the server.
 */
import {
	agingTable,
	channelTable,
	liquidationCurves,
	monthOf,
	planPerformance,
	stageFunnel,
	stageOutcomeTable,
	statusBalances,
	type CollectedMonth
} from '$lib/domain/reports';
import {
	OPEN,
	headlineOf,
	portfolioRows,
	today,
	scoped,
	where,
	type HeadlineSums,
	type Impl
} from './reports';

const LEDGER_COLLECTED = `coalesce((SELECT -sum(l.amount_minor) FROM ledger_entries l WHERE l.claim_id = c.id AND l.kind IN ('payment', 'refund')), 0)`;
const LEDGER_BALANCE = `coalesce((SELECT sum(l.amount_minor) FROM ledger_entries l WHERE l.claim_id = c.id), 0)`;

export const fullScan: Impl = {
	headline(db, s) {
		const { w, q } = scoped(db, s, 'c', undefined, true);
		const { sql: wAll, params } = where(s, 'c');
		const rows = q<HeadlineSums>(
			`SELECT c.currency, count(*) AS claims, sum(c.placed_minor) AS placed, sum(${LEDGER_COLLECTED}) AS collected,
				sum(CASE WHEN c.status IN ${OPEN} THEN ${LEDGER_BALANCE} ELSE 0 END) AS open
			 FROM claims c NOT INDEXED WHERE ${w} GROUP BY c.currency ORDER BY c.currency`
		);
		const active = db.$client
			.prepare(
				`SELECT count(*) FROM plans p JOIN claims c ON c.id = p.claim_id WHERE ${wAll} AND p.status = 'active'`
			)
			.pluck()
			.get(...params) as number;
		return headlineOf(rows, active);
	},
	portfolios(db, s) {
		const { w, params } = scoped(db, s, 'c', undefined, true);
		return portfolioRows(
			db,
			`SELECT c.portfolio_id AS portfolioId, p.name, c.currency, count(*) AS claims, sum(c.placed_minor) AS placedMinor, sum(${LEDGER_COLLECTED}) AS collectedMinor
			 FROM claims c NOT INDEXED JOIN portfolios p ON p.id = c.portfolio_id WHERE ${w}
			 GROUP BY c.portfolio_id, c.currency ORDER BY p.placed_date, c.portfolio_id, c.currency`,
			params
		);
	},
	collected(db, s) {
		const { w, q } = scoped(db, s, 'c', undefined, true);
		return q<CollectedMonth>(
			`SELECT c.currency, substr(l.effective_date, 1, 7) AS month, -sum(l.amount_minor) AS collectedMinor
			 FROM ledger_entries l JOIN claims c ON c.id = l.claim_id
			 WHERE ${w} AND l.kind IN ('payment', 'refund') GROUP BY 1, 2 HAVING sum(l.amount_minor) <> 0 ORDER BY 1, 2`
		);
	},
	liquidation(db, s) {
		const { w, q } = scoped(db, s, 'c', undefined, true);
		return liquidationCurves(
			q(
				`SELECT c.currency, substr(c.placed_date, 1, 7) AS cohort, sum(c.placed_minor) AS placedMinor FROM claims c NOT INDEXED WHERE ${w} GROUP BY 1, 2`
			),
			q(
				`SELECT c.currency, substr(c.placed_date, 1, 7) AS cohort, substr(l.effective_date, 1, 7) AS month, -sum(l.amount_minor) AS collectedMinor
				 FROM ledger_entries l JOIN claims c ON c.id = l.claim_id WHERE ${w} AND l.kind IN ('payment', 'refund') GROUP BY 1, 2, 3`
			),
			monthOf(today())
		);
	},
	stages(db, s) {
		const { w, q } = scoped(db, s, 'c');
		return stageOutcomeTable(
			q(
				`SELECT e.stage, coalesce(e.outcome, 'open') AS outcome, count(*) AS events FROM claim_stage_events e JOIN claims c ON c.id = e.claim_id WHERE ${w} GROUP BY 1, 2`
			)
		);
	},
	plans(db, s) {
		const { w, q } = scoped(db, s, 'c');
		return planPerformance(
			q(
				`SELECT p.status, count(*) AS plans FROM plans p JOIN claims c ON c.id = p.claim_id WHERE ${w} GROUP BY 1`
			),
			q(
				`SELECT i.status, coalesce(i.paid_on_time, -1) AS onTime, count(*) AS installments
				 FROM installments i JOIN plans p ON p.id = i.plan_id JOIN claims c ON c.id = p.claim_id WHERE ${w} GROUP BY 1, 2`
			)
		);
	},
	aging(db, s) {
		const { w, q } = scoped(db, s, 'c', undefined, true);
		return agingTable(
			q(
				`SELECT c.currency, c.due_date AS dueDate, count(*) AS claims, sum(${LEDGER_BALANCE}) AS openMinor
				 FROM claims c NOT INDEXED WHERE ${w} AND c.status IN ${OPEN} GROUP BY 1, 2`
			),
			today()
		);
	},
	channels(db, s) {
		const { w, q } = scoped(db, s, 'c');
		return channelTable(
			q(
				`SELECT e.channel, count(*) AS contacts,
					sum(EXISTS (SELECT 1 FROM payments p WHERE p.claim_id = e.claim_id AND +p.status = 'succeeded'
						AND +p.completed_at BETWEEN e.occurred_at AND e.occurred_at + 1209600000)) AS followed
				 FROM contact_events e JOIN claims c ON c.id = e.claim_id WHERE ${w} AND e.outcome <> 'blocked' GROUP BY 1`
			)
		);
	},
	statuses(db, s) {
		const { w, q } = scoped(db, s, 'c', undefined, true);
		return statusBalances(
			q(
				`SELECT c.currency, c.status, count(*) AS claims, sum(${LEDGER_BALANCE}) AS balanceMinor
				 FROM claims c NOT INDEXED WHERE ${w} GROUP BY 1, 2`
			)
		);
	},
	funnel(db, s) {
		const { sql: w, params } = where(s, 'c');
		const placed = db.$client
			.prepare(`SELECT count(*) FROM claims c NOT INDEXED WHERE ${w}`)
			.pluck()
			.get(...params) as number;
		return stageFunnel(placed, fullScan.stages(db, s));
	}
};
