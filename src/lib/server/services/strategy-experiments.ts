/**
 * Champion/challenger experiments of the creditors' collection strategies (issue 16, item 9):
 * starting one in a scope, ending it by promoting an arm's version, and the report per arm.
 * The versions themselves (saving, moving claims) are in `strategies.ts`.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { armsValid, type Arm } from '$lib/domain/experiments';
import {
	MIN_ARM_CLAIMS,
	compareRates,
	compareShares,
	contactCostMinor,
	costPerCollected,
	liquidationShare,
	ratioEstimate,
	wilson,
	type Comparison,
	type Interval,
	type RatioEstimate
} from '$lib/domain/experiment-stats';
import type { Currency } from '$lib/domain/money';
import {
	monthOf,
	monthsBetween,
	stageOutcomeTable,
	type StageOutcomeRow
} from '$lib/domain/reports';
import type { Channel } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { strategyExperiments, strategyVersions } from '../db/schema';
import { clock } from '../clock';
import { creditorFor, inScope, editorIdOf, resolveScope } from './creditor-scope';
import { audit, insertAudited } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { insertVersion, versionFor, type StrategyScope } from './strategies';
import { bodyOf, newestInScope } from './strategy-versions';
import { writeTx } from './tx';

/**
 * Starts a champion/challenger experiment in a scope: two or more of the creditor's versions with
 * whole-percent weights summing to 100 (the first arm is the champion). New claims of the scope
 * are split by a stable hash at placement. At most one running experiment per scope.
 */
export function startExperiment(
	db: DB,
	actor: Actor,
	input: StrategyScope & { name: string; arms: Arm[] }
): { id: number } {
	if (!armsValid(input.arms))
		throw new ValidationError({ arms: { key: 'strategy.experiment.error.arms' } });
	return writeTx(db, () => {
		const { creditorId, portfolioId } = resolveScope(db, actor, input);
		for (const a of input.arms) {
			const v = versionFor(db, actor, a.versionId);
			if (v.creditorId !== creditorId) throw new NotFoundError('strategy_version');
		}
		const clash = db
			.select({ id: strategyExperiments.id })
			.from(strategyExperiments)
			.where(
				and(
					inScope(strategyExperiments, creditorId, portfolioId),
					isNull(strategyExperiments.endedAt)
				)
			)
			.get();
		if (clash) throw new ConflictError('strategy.experiment.error.running');
		const arms = input.arms.map((a) => ({ versionId: a.versionId, weight: a.weight }));
		const row = insertAudited(db, actor, strategyExperiments, {
			values: {
				creditorId,
				portfolioId,
				name: input.name,
				armsJson: JSON.stringify(arms),
				startedAt: clock().now(),
				createdBy: editorIdOf(actor)
			},
			audit: {
				action: 'strategy.experiment.start',
				entity: 'strategy_experiment',
				after: { creditorId, portfolioId, name: input.name, arms }
			}
		});
		return { id: row.id };
	});
}

function experimentFor(db: DB, actor: Actor, experimentId: number) {
	const e = db
		.select()
		.from(strategyExperiments)
		.where(eq(strategyExperiments.id, experimentId))
		.get();
	if (!e) throw new NotFoundError('strategy_experiment');
	creditorFor(db, actor, e.creditorId);
	return e;
}

/**
 * Ends a running experiment by promoting one of its arms' versions: it becomes the scope's newest
 * version (a copy as version n + 1, unless it already is the newest), so new claims start under
 * it. Claims already assigned keep their arm and version. Audited.
 */
export function endExperiment(
	db: DB,
	actor: Actor,
	input: { experimentId: number; promoteVersionId: number }
): { promotedVersionId: number; version: number; copied: boolean } {
	return writeTx(db, () => {
		const e = experimentFor(db, actor, input.experimentId);
		if (e.endedAt !== null) throw new ConflictError('strategy.experiment.error.ended');
		const arms = JSON.parse(e.armsJson) as Arm[];
		if (!arms.some((a) => a.versionId === input.promoteVersionId))
			throw new ValidationError({ promote: { key: 'strategy.experiment.error.promote' } });
		const promoted = versionFor(db, actor, input.promoteVersionId);
		const newest = newestInScope(db, e.creditorId, e.portfolioId);
		let result = { id: promoted.id, version: promoted.version };
		const copied = newest?.id !== promoted.id;
		if (copied) {
			const { strategyId: _id, version: _v, ...body } = bodyOf(promoted);
			void _id;
			void _v;
			result = insertVersion(db, actor, e.creditorId, e.portfolioId, body, promoted.label, {
				action: 'strategy.version.promote',
				after: { fromVersionId: promoted.id, experimentId: e.id }
			});
		}
		db.update(strategyExperiments)
			.set({ endedAt: clock().now(), promotedVersionId: result.id })
			.where(eq(strategyExperiments.id, e.id))
			.run();
		audit(db, actor, {
			action: 'strategy.experiment.end',
			entity: 'strategy_experiment',
			entityId: e.id,
			before: { endedAt: null },
			after: {
				promotedVersionId: result.id,
				version: result.version,
				fromVersionId: promoted.id,
				copied
			}
		});
		return { promotedVersionId: result.id, version: result.version, copied };
	});
}

export interface ArmReport {
	arm: number;
	versionId: number;
	version: number | null;
	weight: number;
	claims: number;
	placedMinor: number;
	collectedMinor: number;
	recovery: RatioEstimate | null;
	paidOff: number;
	paidOffShare: number | null;
	paidOffInterval: Interval | null;
	/** cumulative collected share by month since placement (0 = the placement month) */
	liquidation: number[];
	stages: StageOutcomeRow[];
	contacts: Partial<Record<Channel, number>>;
	contactsTotal: number;
	/** HUF minor units (the cost table is in forints) */
	costMinor: number;
	/** forints spent per forint collected: HUF claims only */
	costPerForint: number | null;
	/** against the champion (arm 0); null for the champion itself */
	vsChampion: { recovery: Comparison; paidOff: Comparison } | null;
}

export interface ExperimentReport {
	id: number;
	name: string;
	startedAt: number;
	endedAt: number | null;
	promotedVersionId: number | null;
	creditorId: number;
	portfolioId: number | null;
	currency: Currency;
	currencies: Currency[];
	/** months since placement the curves cover */
	months: number;
	minArmClaims: number;
	arms: ArmReport[];
}

/**
 * The report per arm, over the same period (the claims assigned while the experiment ran, as of
 * today), for the claims in one currency (amounts in two currencies are never added): claims,
 * recovery rate with its 95% interval, paid-off share with its Wilson interval, liquidation
 * curve, stage outcomes, contacts and their cost per forint collected, and each challenger's
 * difference from the champion with whether it is significant.
 */
export function experimentReport(
	db: DB,
	actor: Actor,
	input: { experimentId: number; currency?: Currency | null }
): ExperimentReport {
	const e = experimentFor(db, actor, input.experimentId);
	const arms = JSON.parse(e.armsJson) as Arm[];
	const c = db.$client;
	const currencies = (
		c
			.prepare(
				`SELECT cl.currency AS cur, count(*) AS n FROM claim_engine ce JOIN claims cl ON cl.id = ce.claim_id
				 WHERE ce.experiment_id = ? GROUP BY cl.currency ORDER BY n DESC, cl.currency`
			)
			.all(e.id) as { cur: Currency }[]
	).map((r) => r.cur);
	const currency: Currency =
		input.currency && currencies.includes(input.currency)
			? input.currency
			: (currencies[0] ?? 'HUF');
	const base = `FROM claim_engine ce JOIN claims cl ON cl.id = ce.claim_id WHERE ce.experiment_id = ? AND cl.currency = ?`;
	type Sums = {
		arm: number;
		n: number;
		placed: number;
		collected: number;
		sxx: number;
		syy: number;
		sxy: number;
		paid: number;
	};
	const sums = new Map(
		(
			c
				.prepare(
					`SELECT ce.arm AS arm, count(*) AS n, sum(cl.placed_minor) AS placed, sum(cl.collected_minor) AS collected,
					 total(CAST(cl.placed_minor AS REAL) * cl.placed_minor) AS sxx,
					 total(CAST(cl.collected_minor AS REAL) * cl.collected_minor) AS syy,
					 total(CAST(cl.placed_minor AS REAL) * cl.collected_minor) AS sxy,
					 sum(cl.status = 'paid') AS paid ${base} GROUP BY ce.arm`
				)
				.all(e.id, currency) as Sums[]
		).map((r) => [r.arm, r])
	);
	const today = localDate(clock().now());
	const startMonth = monthOf(localDate(e.startedAt));
	const months = Math.max(0, monthsBetween(startMonth, monthOf(today))) + 1;
	const paidRows = c
		.prepare(
			`SELECT ce.arm AS arm, substr(cl.placed_date, 1, 7) AS cohort, substr(l.effective_date, 1, 7) AS month,
			 -sum(l.amount_minor) AS collected
			 FROM ledger_entries l JOIN claim_engine ce ON ce.claim_id = l.claim_id JOIN claims cl ON cl.id = l.claim_id
			 WHERE ce.experiment_id = ? AND cl.currency = ? AND l.kind IN ('payment', 'refund') GROUP BY 1, 2, 3`
		)
		.all(e.id, currency) as { arm: number; cohort: string; month: string; collected: number }[];
	const stageRows = c
		.prepare(
			`SELECT ce.arm AS arm, e.stage AS stage, coalesce(e.outcome, 'open') AS outcome, count(*) AS events
			 FROM claim_stage_events e JOIN claim_engine ce ON ce.claim_id = e.claim_id JOIN claims cl ON cl.id = e.claim_id
			 WHERE ce.experiment_id = ? AND cl.currency = ? GROUP BY 1, 2, 3`
		)
		.all(e.id, currency) as { arm: number; stage: string; outcome: string; events: number }[];
	const contactRows = c
		.prepare(
			`SELECT ce.arm AS arm, e.channel AS channel, count(*) AS n
			 FROM contact_events e JOIN claim_engine ce ON ce.claim_id = e.claim_id JOIN claims cl ON cl.id = e.claim_id
			 WHERE ce.experiment_id = ? AND cl.currency = ? AND e.direction = 'outbound' AND e.outcome <> 'blocked'
			 GROUP BY 1, 2`
		)
		.all(e.id, currency) as { arm: number; channel: Channel; n: number }[];
	const versionNo = new Map(
		db
			.select({ id: strategyVersions.id, version: strategyVersions.version })
			.from(strategyVersions)
			.where(eq(strategyVersions.creditorId, e.creditorId))
			.all()
			.map((r) => [r.id, r.version])
	);

	const reports: ArmReport[] = arms.map((a, i) => {
		const s = sums.get(i);
		const n = s?.n ?? 0;
		const placed = s?.placed ?? 0;
		const collected = s?.collected ?? 0;
		const paid = s?.paid ?? 0;
		const contacts: Partial<Record<Channel, number>> = {};
		for (const r of contactRows) if (r.arm === i) contacts[r.channel] = r.n;
		const costMinor = contactCostMinor(contacts);
		return {
			arm: i,
			versionId: a.versionId,
			version: versionNo.get(a.versionId) ?? null,
			weight: a.weight,
			claims: n,
			placedMinor: placed,
			collectedMinor: collected,
			recovery: s
				? ratioEstimate({
						n,
						sumX: placed,
						sumY: collected,
						sumXX: s.sxx,
						sumYY: s.syy,
						sumXY: s.sxy
					})
				: null,
			paidOff: paid,
			paidOffShare: n > 0 ? paid / n : null,
			paidOffInterval: wilson(paid, n),
			liquidation: liquidationShare(
				placed,
				paidRows
					.filter((r) => r.arm === i)
					.map((r) => ({
						monthsSince: monthsBetween(r.cohort, r.month),
						collectedMinor: r.collected
					})),
				months
			),
			stages: stageOutcomeTable(stageRows.filter((r) => r.arm === i)),
			contacts,
			contactsTotal: Object.values(contacts).reduce((x, y) => x + y, 0),
			costMinor,
			costPerForint: currency === 'HUF' ? costPerCollected(costMinor, collected) : null,
			vsChampion: null
		};
	});
	const champion = reports[0];
	for (const r of reports.slice(1))
		r.vsChampion = {
			recovery: compareRates(
				{ n: champion.claims, estimate: champion.recovery },
				{ n: r.claims, estimate: r.recovery }
			),
			paidOff: compareShares(
				{ k: champion.paidOff, n: champion.claims },
				{ k: r.paidOff, n: r.claims }
			)
		};
	return {
		id: e.id,
		name: e.name,
		startedAt: e.startedAt,
		endedAt: e.endedAt,
		promotedVersionId: e.promotedVersionId,
		creditorId: e.creditorId,
		portfolioId: e.portfolioId,
		currency,
		currencies,
		months,
		minArmClaims: MIN_ARM_CLAIMS,
		arms: reports
	};
}
