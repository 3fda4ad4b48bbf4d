/**
 * Reading strategy versions and assigning each claim the version it runs under. A version is
 * immutable (a trigger refuses changes), so a parsed version is cached by id for the life of the
 * process. The scope's newest version is the one new claims start under, unless the scope runs an
 * experiment, which splits them by a stable hash (domain/experiments.ts).
 *
 * A creditor that has no version yet gets version 1 from the strategy it had before versions
 * existed (strategies.stages_json), or the agency's default, the first time one is needed.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { systemActor } from '$lib/domain/actor';
import { armFor, type Arm } from '$lib/domain/experiments';
import { parseStrategy } from '$lib/domain/stage-line';
import {
	defaultStrategyVersion,
	fromLegacyStrategy,
	type StrategyVersion
} from '$lib/domain/strategy';
import type { DB } from '../db/client';
import {
	claimEngine,
	claims,
	strategies,
	strategyExperiments,
	strategyVersions
} from '../db/schema';
import { clock } from '../clock';
import { inScope } from './creditor-scope';
import { insertAudited } from './audit';

export type VersionRow = typeof strategyVersions.$inferSelect;
export type ClaimEngineRow = typeof claimEngine.$inferSelect;

const parsed = new WeakMap<DB, Map<number, StrategyVersion>>();

/** The version's body, with its key parts (strategyId = the row id, version) from the row. */
export function versionBody(db: DB, versionId: number): StrategyVersion {
	let cache = parsed.get(db);
	if (!cache) parsed.set(db, (cache = new Map()));
	let v = cache.get(versionId);
	if (!v) {
		const row = db.select().from(strategyVersions).where(eq(strategyVersions.id, versionId)).get();
		if (!row) throw new Error(`strategy version ${versionId} missing`);
		v = bodyOf(row);
		cache.set(versionId, v);
	}
	return v;
}

export function bodyOf(row: VersionRow): StrategyVersion {
	const body = JSON.parse(row.bodyJson) as StrategyVersion;
	return { ...body, strategyId: row.id, version: row.version };
}

/** The newest version saved in exactly this scope (no fallback), or undefined. */
export function newestInScope(
	db: DB,
	creditorId: number,
	portfolioId: number | null
): VersionRow | undefined {
	return db
		.select()
		.from(strategyVersions)
		.where(inScope(strategyVersions, creditorId, portfolioId))
		.orderBy(desc(strategyVersions.version))
		.limit(1)
		.get();
}

/**
 * The version new claims of a portfolio start under: the portfolio's own newest, else the
 * creditor's newest, else version 1 made now from the creditor's earlier strategy. Call in a writeTx.
 */
export function currentVersion(db: DB, creditorId: number, portfolioId: number | null): VersionRow {
	const own = portfolioId === null ? undefined : newestInScope(db, creditorId, portfolioId);
	return own ?? newestInScope(db, creditorId, null) ?? firstVersion(db, creditorId);
}

function firstVersion(db: DB, creditorId: number): VersionRow {
	const legacy = db
		.select({ j: strategies.stagesJson })
		.from(strategies)
		.where(eq(strategies.creditorId, creditorId))
		.get();
	const body = legacy ? fromLegacyStrategy(parseStrategy(legacy.j)) : defaultStrategyVersion();
	const row = insertAudited(db, systemActor('engine'), strategyVersions, {
		values: {
			creditorId,
			portfolioId: null,
			version: 1,
			bodyJson: JSON.stringify(body),
			label: '',
			createdAt: clock().now()
		},
		audit: {
			action: 'strategy.version.first',
			entity: 'strategy_version',
			after: { creditorId, version: 1, from: legacy ? 'earlier_strategy' : 'default' }
		}
	});
	return row;
}

/** The running experiment of a scope (the portfolio's, else the creditor-wide one), if any. */
export function runningExperiment(db: DB, creditorId: number, portfolioId: number | null) {
	const rows = db
		.select()
		.from(strategyExperiments)
		.where(and(eq(strategyExperiments.creditorId, creditorId), isNull(strategyExperiments.endedAt)))
		.all();
	return (
		rows.find((e) => portfolioId !== null && e.portfolioId === portfolioId) ??
		rows.find((e) => e.portfolioId === null)
	);
}

/**
 * The claim's engine row, made on first need: the scope's experiment arm when one runs and the
 * claim was made after it started (stable hash, recorded), else the current version. Never changed afterwards except by an audited move.
 * Call inside a writeTx.
 */
export function claimEngineRow(db: DB, claimId: number): ClaimEngineRow {
	const have = db.select().from(claimEngine).where(eq(claimEngine.claimId, claimId)).get();
	if (have) return have;
	const c = db
		.select({
			creditorId: claims.creditorId,
			portfolioId: claims.portfolioId,
			createdAt: claims.createdAt
		})
		.from(claims)
		.where(eq(claims.id, claimId))
		.get();
	if (!c) throw new Error(`claim ${claimId} missing`);
	const running = runningExperiment(db, c.creditorId, c.portfolioId);
	// an experiment splits the claims placed while it runs; an older claim met here for the first
	// time (made before claims were assigned at placement) is not one of its sample
	const exp = running && c.createdAt >= running.startedAt ? running : undefined;
	let versionId: number;
	let arm: number | null = null;
	if (exp) {
		const arms = JSON.parse(exp.armsJson) as Arm[];
		arm = armFor(exp.id, claimId, arms);
		versionId = arms[arm].versionId;
	} else versionId = currentVersion(db, c.creditorId, c.portfolioId).id;
	return db
		.insert(claimEngine)
		.values({
			claimId,
			versionId,
			experimentId: exp?.id ?? null,
			arm,
			cycle: 0,
			stageEnteredOn: null,
			evaluatedOn: null,
			assignedAt: clock().now()
		})
		.returning()
		.get();
}

/**
 * Assigning new claims of one scope at placement, in bulk: the scope's experiment and version are
 * read once (per placing chunk), then each claim gets its row by one prepared insert — the
 * experiment arm by the same stable hash as `claimEngineRow`, so it is recorded at placement.
 * Call inside the chunk's writeTx. Returns the function to call with each new claim's id.
 */
export function placementAssigner(
	db: DB,
	creditorId: number,
	portfolioId: number | null
): (claimId: number) => void {
	const exp = runningExperiment(db, creditorId, portfolioId);
	const arms = exp ? (JSON.parse(exp.armsJson) as Arm[]) : null;
	const versionId = arms ? null : currentVersion(db, creditorId, portfolioId).id;
	const now = clock().now();
	const insert = db.$client.prepare(
		`INSERT OR IGNORE INTO claim_engine (claim_id, version_id, experiment_id, arm, cycle, assigned_at)
		 VALUES (?, ?, ?, ?, 0, ?)`
	);
	return (claimId) => {
		if (exp && arms) {
			const arm = armFor(exp.id, claimId, arms);
			insert.run(claimId, arms[arm].versionId, exp.id, arm, now);
		} else insert.run(claimId, versionId, null, null, now);
	};
}
