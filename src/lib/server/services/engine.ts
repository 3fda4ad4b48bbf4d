/**
 * Applying the evaluator's decisions (domain/engine.ts) to the database: stage transitions through
 * claim-state.ts (stage history and audit in one place), planned actions under their unique key,
 * stage fees on the ledger, the legal handover queue, and the cancellation of what is no longer
 * due. The daily run (engine-run.ts) and the re-evaluation after a payment, promise, dispute, plan
 * change or call outcome (`reevaluateClaim`) both come here, so they cannot disagree.
 */
import { systemActor, type Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { evaluateClaim, type Evaluation, type PlannedAction } from '$lib/domain/engine';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { clock } from '../clock';
import { audit } from './audit';
import { changeStatus, enterStage } from './claim-state';
import { loadClaim, type LoadedClaim } from './engine-facts';
import { postEntries } from './ledger';
import {
	claimEngineRow,
	currentVersion,
	runningExperiment,
	versionBody
} from './strategy-versions';
import { writeTx } from './tx';

export interface Applied {
	transitions: number;
	actions: number;
	cancelled: number;
}

const stmts = perConnection((c) => ({
	// a key cancelled by a hold (or a payment later refunded) is planned again, not doubled
	insert: c.prepare(
		`INSERT INTO planned_actions
		   (key, claim_id, version_id, run_id, kind, stage, step, occurrence, due_date,
		    channels_json, template, amount_minor, why_json, state, created_at)
		 VALUES (@key, @claimId, @versionId, @runId, @kind, @stage, @step, @occurrence, @dueDate,
		    @channelsJson, @template, @amountMinor, @whyJson, 'planned', @now)
		 ON CONFLICT(key) DO UPDATE SET state = 'planned', cancel_reason = NULL,
		    due_date = excluded.due_date, channels_json = excluded.channels_json,
		    why_json = excluded.why_json, run_id = excluded.run_id
		 WHERE planned_actions.state = 'cancelled'
		 RETURNING id`
	),
	cancelAll: c.prepare(
		`UPDATE planned_actions SET state = 'cancelled', cancel_reason = ?
		  WHERE claim_id = ? AND state = 'planned'`
	),
	cancelOthers: c.prepare(
		`UPDATE planned_actions SET state = 'cancelled', cancel_reason = ?
		  WHERE claim_id = ? AND state = 'planned' AND stage <> ?`
	),
	done: c.prepare(`UPDATE planned_actions SET state = 'done', done_at = ? WHERE id = ?`),
	entered: c.prepare(
		`UPDATE claim_engine SET stage_entered_on = ?, evaluated_on = ? WHERE claim_id = ?`
	),
	handover: c.prepare(
		`INSERT INTO legal_handovers (claim_id, creditor_id, state, queued_at)
		 SELECT id, creditor_id, 'queued', ? FROM claims WHERE id = ?
		 ON CONFLICT(claim_id) DO UPDATE SET state = 'queued', queued_at = excluded.queued_at,
		    checked_at = NULL, checked_by = NULL, withdrawn_at = NULL
		 WHERE legal_handovers.state = 'withdrawn'`
	),
	// as claimEngineRow makes it for a scope without an experiment
	assign: c.prepare(
		`INSERT INTO claim_engine (claim_id, version_id, experiment_id, arm, cycle, stage_entered_on, evaluated_on, assigned_at)
		 VALUES (?, ?, NULL, NULL, 0, NULL, NULL, ?) ON CONFLICT(claim_id) DO NOTHING`
	),
	// a paid or closed claim leaves the queue (a handed-over one stays handed over)
	withdraw: c.prepare(
		`UPDATE legal_handovers SET state = 'withdrawn', withdrawn_at = ?
		  WHERE claim_id = ? AND state IN ('queued', 'checked')`
	)
}));

/**
 * Writes one claim's evaluation. Call inside a writeTx. The caller has made sure the claim has its
 * engine row (`claimEngineRow`) and passes the version it was evaluated under.
 */
export function applyEvaluation(
	db: DB,
	actor: Actor,
	loaded: LoadedClaim,
	e: Evaluation,
	asOf: string,
	versionId: number,
	runId: number | null
): Applied {
	const s = stmts(db);
	const now = clock().now();
	const claimId = loaded.facts.claimId;
	const out: Applied = { transitions: 0, actions: 0, cancelled: 0 };

	if (e.cancel) {
		const r =
			e.cancel.keepStage === null
				? s.cancelAll.run(e.cancel.reason, claimId)
				: s.cancelOthers.run(e.cancel.reason, claimId, e.cancel.keepStage);
		out.cancelled = r.changes;
		if (e.cancel.reason === 'paid' || e.cancel.reason === 'closed') s.withdraw.run(now, claimId);
	}
	if (e.close) {
		changeStatus(db, actor, claimId, 'closed', e.close.why.rule);
	}
	for (const t of e.transitions) {
		enterStage(db, actor, claimId, t.to);
		s.entered.run(t.on, asOf, claimId);
		out.transitions++;
	}
	const planned: string[] = [];
	for (const a of e.actions) {
		const row = s.insert.get(actionRow(a, versionId, runId, now)) as { id: number } | undefined;
		if (!row) continue; // planned before (another run, a re-evaluation): nothing new
		planned.push(a.key);
		out.actions++;
		if (a.kind === 'fee' && a.amountMinor !== null) {
			postEntries(db, claimId, [
				{
					component: 'fee',
					kind: 'charge',
					amountMinor: a.amountMinor,
					effectiveDate: asOf,
					memo: a.why.rule
				}
			]);
			s.done.run(now, row.id);
		} else if (a.kind === 'handover') {
			s.handover.run(now, claimId);
			s.done.run(now, row.id);
		}
	}
	if (planned.length > 0 || out.cancelled > 0 || e.refusedFees.length > 0) {
		audit(db, actor, {
			action: 'engine.evaluated',
			entity: 'claim',
			entityId: claimId,
			after: {
				asOf,
				planned,
				cancelled: out.cancelled,
				cancelReason: e.cancel?.reason ?? null,
				refusedFees: e.refusedFees.map((f) => f.reason)
			}
		});
	}
	return out;
}

function actionRow(a: PlannedAction, versionId: number, runId: number | null, now: number) {
	return {
		key: a.key,
		claimId: a.claimId,
		versionId,
		runId,
		kind: a.kind,
		stage: a.stage,
		step: a.step,
		occurrence: a.occurrence,
		dueDate: a.date,
		channelsJson: JSON.stringify(a.channels),
		template: a.template,
		amountMinor: a.amountMinor,
		whyJson: JSON.stringify(a.why),
		now
	};
}

/** Nothing to write: no transition, action, closing, and no cancellation that could find anything. */
function nothingToApply(loaded: LoadedClaim, e: Evaluation): boolean {
	if (e.transitions.length > 0 || e.actions.length > 0 || e.close) return false;
	// a claim on hold cancels what is still planned; with no key at all there is nothing planned
	if (e.cancel) return e.cancel.reason === 'hold' && loaded.facts.plannedKeys.size === 0;
	return true;
}

const savepoint = perConnection(
	(c) => c.transaction((f: () => unknown) => f()) as <T>(f: () => T) => T
);

/** Runs `fn` in a savepoint of the caller's transaction (one wrapper per connection). */
function inSavepoint<T>(db: DB, fn: () => T): T {
	return savepoint(db)(fn);
}

const NOTHING: Applied = Object.freeze({ transitions: 0, actions: 0, cancelled: 0 });

/**
 * The daily run's step for one claim, inside the chunk's transaction: evaluates it and, only when
 * there is something to write, applies it in a savepoint of its own (so one claim's error undoes
 * that claim alone). Most claims have nothing due on a given day: they cost one pure evaluation.
 */
export function evaluateInRun(db: DB, loaded: LoadedClaim, asOf: string, runId: number): Applied {
	if (loaded.versionId === null)
		return inSavepoint(db, () => evaluateLoaded(db, engineActor, loaded, asOf, runId));
	const versionId = loaded.versionId;
	const e = evaluateClaim(loaded.facts, versionBody(db, versionId), asOf);
	if (nothingToApply(loaded, e)) return NOTHING;
	return inSavepoint(db, () => applyEvaluation(db, engineActor, loaded, e, asOf, versionId, runId));
}

/**
 * Gives the claims of a chunk that have no engine row yet (claims placed before the engine
 * existed) the version they start under, in one statement per scope instead of one
 * `claimEngineRow` each (which costs some 0.3 ms a claim: a million claims' first run took five
 * minutes). Only scopes without a running experiment: their claims get the scope's current
 * version, exactly as `claimEngineRow` gives it; a claim in an experiment's scope is left to
 * `claimEngineRow` (its arm by the stable hash). Call inside the chunk's transaction.
 */
export function assignVersions(db: DB, batch: LoadedClaim[]): void {
	const scopes = new Map<string, LoadedClaim[]>();
	for (const l of batch) {
		if (l.versionId !== null) continue;
		const k = `${l.creditorId}:${l.portfolioId}`;
		const list = scopes.get(k);
		if (list) list.push(l);
		else scopes.set(k, [l]);
	}
	if (scopes.size === 0) return;
	const insert = stmts(db).assign;
	const now = clock().now();
	for (const list of scopes.values()) {
		const { creditorId, portfolioId } = list[0];
		try {
			const versionId = inSavepoint(db, () => {
				if (runningExperiment(db, creditorId, portfolioId)) return null;
				const id = currentVersion(db, creditorId, portfolioId).id;
				for (const l of list) insert.run(l.facts.claimId, id, now);
				return id;
			});
			if (versionId !== null) for (const l of list) l.versionId = versionId;
		} catch {
			// left to claimEngineRow claim by claim, where an error counts against that claim alone
		}
	}
}

/** Evaluates and applies one loaded claim (inside a writeTx). */
export function evaluateLoaded(
	db: DB,
	actor: Actor,
	loaded: LoadedClaim,
	asOf: string,
	runId: number | null
): Applied {
	const versionId = loaded.versionId ?? claimEngineRow(db, loaded.facts.claimId).versionId;
	const e = evaluateClaim(loaded.facts, versionBody(db, versionId), asOf);
	return applyEvaluation(db, actor, loaded, e, asOf, versionId, runId);
}

/**
 * Re-evaluates one claim at once, as of today (issue 16, item 2): a payment, promise, dispute, plan
 * change or call outcome must not wait for the nightly run to cancel what is no longer due or to
 * plan what now is. Call inside the caller's writeTx (or alone: it opens its own).
 */
export function reevaluateClaim(db: DB, actor: Actor, claimId: number): Applied {
	return writeTx(db, () => {
		const loaded = loadClaim(db, claimId);
		if (!loaded) return { transitions: 0, actions: 0, cancelled: 0 };
		return evaluateLoaded(db, actor, loaded, localDate(clock().now()), null);
	});
}

export const engineActor = systemActor('engine');
