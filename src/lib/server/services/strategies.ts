/**
 * The creditors' collection strategies (issue 16, items 1 and 9): the versions of a creditor (and
 * of each portfolio), saving a new version, moving the claims of an old version to a newer one,
 * and the overview the editor shows. Champion/challenger experiments and their report are in
 * `strategy-experiments.ts`.
 *
 * A saved version never changes (a trigger refuses it): an edit is always version n + 1, so the
 * claims already running keep the version they started under and their planned actions. Moving
 * claims to another version is an explicit action that names the count it was shown, never
 * automatic. Creditor users act on their own creditor only (another creditor's is "not found");
 * admins on any creditor. Every change is audited in its transaction.
 */
import type { AuditAction } from '$lib/domain/audit-actions';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { Arm } from '$lib/domain/experiments';
import { parseStrategy } from '$lib/domain/stage-line';
import {
	defaultStrategyVersion,
	fromLegacyStrategy,
	type StrategyVersion
} from '$lib/domain/strategy';
import { validateStrategy } from '$lib/domain/strategy-validate';
import type { DB } from '../db/client';
import { creditors, staffUsers, strategyExperiments, strategyVersions } from '../db/schema';
import { clock } from '../clock';
import { assertAdmin } from './actor';
import {
	inScope,
	editorIdOf,
	resolveScope,
	scopePickers,
	type CreditorScope
} from './creditor-scope';
import { audit, insertAudited } from './audit';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { bodyOf, currentVersion, newestInScope, type VersionRow } from './strategy-versions';
import { writeTx } from './tx';

export type StrategyScope = CreditorScope;

/** A version's contents as the editor sends them: everything but its identity. */
export type StrategyBody = Omit<StrategyVersion, 'strategyId' | 'version'>;

/** claims still worked (not paid, not closed) */
const RUNNING = `c.status NOT IN ('paid', 'closed')`;

/** A version the actor may see (by its creditor), else "not found". */
export function versionFor(db: DB, actor: Actor, versionId: number): VersionRow {
	const row = db.select().from(strategyVersions).where(eq(strategyVersions.id, versionId)).get();
	if (!row) throw new NotFoundError('strategy_version');
	if (actor.kind === 'creditor' && row.creditorId !== actor.creditorId)
		throw new NotFoundError('strategy_version');
	if (actor.kind !== 'creditor') assertAdmin(actor);
	return row;
}

/** The version 1 a creditor without versions would get (not saved: reading never writes). */
function unsavedFirst(db: DB, creditorId: number): StrategyVersion {
	const legacy = db.$client
		.prepare('SELECT stages_json FROM strategies WHERE creditor_id = ?')
		.pluck()
		.get(creditorId) as string | undefined;
	return legacy ? fromLegacyStrategy(parseStrategy(legacy)) : defaultStrategyVersion();
}

export interface VersionListItem {
	id: number;
	version: number;
	label: string;
	createdAt: number;
	author: string | null;
}

/** Everything the strategy editor shows for a scope. */
export function strategyOverview(db: DB, actor: Actor, scope: StrategyScope) {
	const { creditorId, portfolioId } = resolveScope(db, actor, scope);
	const creditor = db
		.select({ id: creditors.id, name: creditors.name, feesAllowed: creditors.feesAllowed })
		.from(creditors)
		.where(eq(creditors.id, creditorId))
		.get()!;
	const own = newestInScope(db, creditorId, portfolioId);
	const inheritedRow =
		own ?? (portfolioId === null ? undefined : newestInScope(db, creditorId, null));
	const shown = inheritedRow ? bodyOf(inheritedRow) : unsavedFirst(db, creditorId);
	const rows = db
		.select({
			id: strategyVersions.id,
			version: strategyVersions.version,
			label: strategyVersions.label,
			createdAt: strategyVersions.createdAt,
			portfolioId: strategyVersions.portfolioId,
			author: staffUsers.name
		})
		.from(strategyVersions)
		.leftJoin(staffUsers, eq(staffUsers.id, strategyVersions.createdBy))
		.where(eq(strategyVersions.creditorId, creditorId))
		.orderBy(desc(strategyVersions.version), desc(strategyVersions.id))
		.all();
	const scopeRows = rows.filter((r) => r.portfolioId === portfolioId);
	const versions: VersionListItem[] = scopeRows.map((r) => ({
		id: r.id,
		version: r.version,
		label: r.label,
		createdAt: r.createdAt,
		author: r.author
	}));
	const pickers = scopePickers(db, actor, creditorId);
	const portfolioName = new Map(pickers.portfolios.map((p) => [p.id, p.name]));
	const experiments = db
		.select()
		.from(strategyExperiments)
		.where(inScope(strategyExperiments, creditorId, portfolioId))
		.orderBy(desc(strategyExperiments.startedAt), desc(strategyExperiments.id))
		.all();
	const versionNo = new Map(rows.map((r) => [r.id, r.version]));
	return {
		creditor,
		portfolioId,
		...pickers,
		/** what the editor starts from: the scope's newest, else what it inherits */
		current: {
			id: own?.id ?? null,
			version: own?.version ?? null,
			body: shown,
			inherited: own === undefined
		},
		newestId: own?.id ?? null,
		versions,
		/** every version of the creditor (any scope), for an experiment's arms */
		allVersions: rows.map((r) => ({
			id: r.id,
			version: r.version,
			portfolio: r.portfolioId === null ? null : (portfolioName.get(r.portfolioId) ?? null)
		})),
		experiments: experiments.map((e) => ({
			id: e.id,
			name: e.name,
			startedAt: e.startedAt,
			endedAt: e.endedAt,
			promotedVersion:
				e.promotedVersionId === null ? null : (versionNo.get(e.promotedVersionId) ?? null),
			arms: (JSON.parse(e.armsJson) as Arm[]).map((a) => ({
				...a,
				version: versionNo.get(a.versionId) ?? null
			}))
		})),
		running: experiments.find((e) => e.endedAt === null)?.id ?? null
	};
}

function problemsToFields(problems: ReturnType<typeof validateStrategy>): ValidationError {
	const fields: ValidationError['fields'] = {};
	for (const p of problems)
		if (!Object.hasOwn(fields, p.path)) fields[p.path] = { key: p.key, params: p.params };
	return new ValidationError(fields);
}

/** Inserts version n + 1 of the scope (checked, audited). Inside a writeTx. */
export function insertVersion(
	db: DB,
	actor: Actor,
	creditorId: number,
	portfolioId: number | null,
	body: StrategyBody,
	label: string,
	audited: { action: AuditAction; after?: Record<string, unknown> }
): { id: number; version: number } {
	// the creditor's version 1 (from its earlier strategy) exists before any later one is saved
	currentVersion(db, creditorId, null);
	const version = (newestInScope(db, creditorId, portfolioId)?.version ?? 0) + 1;
	const full: StrategyVersion = { ...structuredClone(body), strategyId: 0, version };
	const problems = validateStrategy(full);
	const feesAllowed = db
		.select({ f: creditors.feesAllowed })
		.from(creditors)
		.where(eq(creditors.id, creditorId))
		.get()!.f;
	if (!feesAllowed)
		full.stages.forEach((s, i) => {
			if (s.fee !== null)
				problems.push({ path: `stages.${i}.fee`, key: 'strategy.fee.refused.contract' });
		});
	if (problems.length > 0) throw problemsToFields(problems);
	const { strategyId: _id, version: _v, ...stored } = full;
	void _id;
	void _v;
	const row = insertAudited(db, actor, strategyVersions, {
		values: {
			creditorId,
			portfolioId,
			version,
			bodyJson: JSON.stringify(stored),
			label,
			createdBy: editorIdOf(actor),
			createdAt: clock().now()
		},
		audit: {
			action: audited.action,
			entity: 'strategy_version',
			after: { creditorId, portfolioId, version, label, ...audited.after, body: stored }
		}
	});
	return { id: row.id, version };
}

/**
 * Saves an edit as the scope's next version (validated: every problem is reported next to its
 * field, by the body's path, e.g. `stages.1.steps.0.day`). Claims already running keep theirs.
 */
export function saveStrategyVersion(
	db: DB,
	actor: Actor,
	input: StrategyScope & { body: StrategyBody; label?: string }
): { id: number; version: number } {
	return writeTx(db, () => {
		const { creditorId, portfolioId } = resolveScope(db, actor, input);
		return insertVersion(db, actor, creditorId, portfolioId, input.body, input.label ?? '', {
			action: 'strategy.version.save'
		});
	});
}

/**
 * How many claims still run under a version: the count shown before moving them. Asked for one
 * version when the user starts a move (a scan of that version's claims), never on every page view.
 */
export function claimsUnderVersion(db: DB, actor: Actor, input: { versionId: number }): number {
	const v = versionFor(db, actor, input.versionId);
	return db.$client
		.prepare(
			`SELECT count(*) FROM claim_engine ce JOIN claims c ON c.id = ce.claim_id
			 WHERE ce.version_id = ? AND c.creditor_id = ? AND ${RUNNING}`
		)
		.pluck()
		.get(v.id, v.creditorId) as number;
}

/**
 * Moves the claims still running under one version to another of the same creditor. The caller
 * names the count it showed; when it changed meanwhile nothing moves and the new count is
 * given back (ConflictError), so nobody moves claims they were not shown. A version in a running
 * experiment is not moved (its arm would mix). The old version's actions still waiting for these
 * claims are cancelled ('version_moved'). Audited with the counts.
 */
export function moveClaims(
	db: DB,
	actor: Actor,
	input: { fromVersionId: number; toVersionId: number; expectedCount: number }
): { moved: number; cancelled: number } {
	return writeTx(db, () => {
		const from = versionFor(db, actor, input.fromVersionId);
		const to = versionFor(db, actor, input.toVersionId);
		if (to.creditorId !== from.creditorId) throw new NotFoundError('strategy_version');
		if (to.id === from.id) throw new ConflictError('strategy.move.same');
		const inExperiment = db
			.select({ arms: strategyExperiments.armsJson })
			.from(strategyExperiments)
			.where(
				and(
					eq(strategyExperiments.creditorId, from.creditorId),
					isNull(strategyExperiments.endedAt)
				)
			)
			.all()
			.some((e) => (JSON.parse(e.arms) as Arm[]).some((a) => a.versionId === from.id));
		if (inExperiment) throw new ConflictError('strategy.move.inExperiment');
		const count = claimsUnderVersion(db, actor, { versionId: from.id });
		if (count !== input.expectedCount)
			throw new ConflictError('strategy.move.countChanged', { count });
		if (count === 0) return { moved: 0, cancelled: 0 };
		const movedClaims = `SELECT ce.claim_id FROM claim_engine ce JOIN claims c ON c.id = ce.claim_id
			 WHERE ce.version_id = @from AND c.creditor_id = @creditor AND ${RUNNING}`;
		// what the old version planned and nobody has done yet is dropped: from now on the claim
		// follows the new version's steps (a step whose day passed follows its missed-days policy),
		// so no message goes out twice, once under each version
		const cancelled = db.$client
			.prepare(
				`UPDATE planned_actions SET state = 'cancelled', cancel_reason = 'version_moved'
				 WHERE state = 'planned' AND version_id = @from AND claim_id IN (${movedClaims})`
			)
			.run({ from: from.id, creditor: from.creditorId }).changes;
		// what the old version already did in the claim's current stage counts under the new one:
		// its done actions are carried over under the new version's keys, so a step done before the
		// move (a call, a letter) is not planned again by the new version's missed-days policy
		db.$client
			.prepare(
				`INSERT OR IGNORE INTO planned_actions
				   (key, claim_id, version_id, run_id, kind, stage, step, occurrence, due_date, channels_json,
				    template, amount_minor, why_json, state, created_at, done_at)
				 SELECT replace(pa.key, @fromKey, @toKey), pa.claim_id, @to, NULL, pa.kind, pa.stage, pa.step,
				        pa.occurrence, pa.due_date, pa.channels_json, pa.template, pa.amount_minor,
				        json_object('rule', 'carried_over', 'facts', json_object('fromVersion', @fromVersion)),
				        'done', @now, pa.done_at
				   FROM planned_actions pa JOIN claims c ON c.id = pa.claim_id
				  WHERE pa.version_id = @from AND pa.state = 'done' AND pa.stage = c.stage
				    AND pa.claim_id IN (${movedClaims})`
			)
			.run({
				from: from.id,
				to: to.id,
				creditor: from.creditorId,
				fromKey: `:${from.id}@${from.version}:`,
				toKey: `:${to.id}@${to.version}:`,
				fromVersion: from.version,
				now: clock().now()
			});
		const moved = db.$client
			.prepare(`UPDATE claim_engine SET version_id = @to WHERE claim_id IN (${movedClaims})`)
			.run({ to: to.id, from: from.id, creditor: from.creditorId }).changes;
		audit(db, actor, {
			action: 'strategy.claims.move',
			entity: 'strategy_version',
			entityId: to.id,
			before: { versionId: from.id, version: from.version },
			after: { versionId: to.id, version: to.version, claims: moved, cancelledActions: cancelled }
		});
		return { moved, cancelled };
	});
}
