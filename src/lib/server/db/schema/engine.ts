/**
 * The collection engine (issue 16): strategy versions, experiments, each claim's engine state,
 * holds, the daily runs, the actions they plan, and the legal handover queue.
 */
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { id, createdAt, counter, ref } from './columns';
import { HOLD_KINDS } from '../../../domain/holds';
import {
	ACTION_KINDS,
	ACTION_STATES,
	HANDOVER_STATES,
	RUN_STATES
} from '../../../domain/engine-records';
import { STAGES } from '../../../domain/stages';
import { creditorRef, settingsScope } from './creditors';
import { byStaff, claimKey, claimRef } from './refs';

/**
 * Immutable once inserted (a trigger refuses updates of the body): an edit is a new version. The
 * scope is the creditor, or one of its portfolios (portfolio_id set); versions count 1, 2, ... per
 * scope, and the newest is the one new claims start under unless an experiment splits them.
 */
export const strategyVersions = sqliteTable(
	'strategy_versions',
	{
		id: id(),
		...settingsScope(),
		version: integer('version').notNull(),
		/** JSON of lib/domain/strategy.ts StrategyVersion (validated by strategy-validate.ts) */
		bodyJson: text('body_json').notNull(),
		/** a few words from the author ("shorter firm stage") */
		label: text('label').notNull().default(''),
		createdBy: byStaff('created_by'),
		createdAt: createdAt()
	},
	// versions count per scope: the creditor's own (no portfolio) and each portfolio's
	(t) => [
		uniqueIndex('strategy_versions_creditor_uq')
			.on(t.creditorId, t.version)
			.where(sql`portfolio_id IS NULL`),
		uniqueIndex('strategy_versions_portfolio_uq')
			.on(t.creditorId, t.portfolioId, t.version)
			.where(sql`portfolio_id IS NOT NULL`)
	]
);

/**
 * Champion/challenger: new claims in the scope are split between the arms by a stable hash of the
 * claim id (recorded in claim_engine, never changed). At most one running experiment per scope.
 */
export const strategyExperiments = sqliteTable(
	'strategy_experiments',
	{
		id: id(),
		...settingsScope(),
		name: text('name').notNull(),
		/** JSON: [{ versionId, weight }] (weights are whole percents summing to 100) */
		armsJson: text('arms_json').notNull(),
		startedAt: integer('started_at').notNull(),
		endedAt: integer('ended_at'),
		/** the version promoted when the experiment ended (audited) */
		promotedVersionId: integer('promoted_version_id').references(() => strategyVersions.id),
		createdBy: byStaff('created_by')
	},
	(t) => [index('strategy_experiments_creditor_idx').on(t.creditorId, t.endedAt)]
);

/** Each claim's engine state: the version it runs under (kept until an audited move), and its progress. */
export const claimEngine = sqliteTable(
	'claim_engine',
	{
		claimId: claimKey(),
		versionId: ref('version_id', () => strategyVersions.id),
		experimentId: integer('experiment_id').references(() => strategyExperiments.id),
		/** the experiment arm (index into its arms) the claim was assigned at placement */
		arm: integer('arm'),
		/** 0; raised only by an explicit restart of the process (every step gets a new occurrence) */
		cycle: counter('cycle'),
		/** the Budapest day the claim entered its current stage (null while 'new') */
		stageEnteredOn: text('stage_entered_on'),
		/** the last as-of day the engine evaluated this claim */
		evaluatedOn: text('evaluated_on'),
		assignedAt: integer('assigned_at').notNull()
	},
	(t) => [
		index('claim_engine_version_idx').on(t.versionId),
		index('claim_engine_experiment_idx').on(t.experimentId, t.arm)
	]
);

/**
 * Holds as intervals [start_date, end_date): a dispute, an active plan, a promise (until the
 * promised date plus grace), or an operator's hold. `source_id` names the dispute, plan or promise
 * row that made it; operator holds have a note instead. Ending a hold sets end_date.
 */
export const holds = sqliteTable(
	'holds',
	{
		id: id(),
		claimId: claimRef(),
		kind: text('kind', { enum: HOLD_KINDS }).notNull(),
		startDate: text('start_date').notNull(),
		endDate: text('end_date'),
		/** JSON of lib/domain/holds.ts HoldEffect */
		effectJson: text('effect_json').notNull(),
		sourceId: integer('source_id'),
		note: text('note').notNull().default(''),
		createdBy: byStaff('created_by'),
		createdAt: createdAt(),
		endedAt: integer('ended_at')
	},
	(t) => [
		index('holds_claim_idx').on(t.claimId, t.startDate),
		index('holds_source_idx').on(t.kind, t.sourceId)
	]
);

/** One row per as-of day (unique): a second run on a day resumes or does nothing. */
export const engineRuns = sqliteTable('engine_runs', {
	id: id(),
	day: text('day').notNull().unique(),
	state: text('state', { enum: RUN_STATES }).notNull().default('running'),
	startedAt: integer('started_at').notNull(),
	finishedAt: integer('finished_at'),
	/** open claims when the run started */
	total: counter('total'),
	done: counter('done'),
	/** checkpoint: claims are taken in id order, each chunk commits with the last id it did */
	lastClaimId: counter('last_claim_id'),
	transitions: counter('transitions'),
	actionsPlanned: counter('actions_planned'),
	errors: counter('errors'),
	/** the first error's text (no personal data: an error name and claim id) */
	lastError: text('last_error')
});

/**
 * What the engine decided to do, under a unique key (claim, version, stage, step, occurrence), so
 * a rerun, a resumed run and a re-evaluation cannot plan anything twice. Messages wait here for
 * the dispatcher, calls and visits for the operators' and field agents' queues, fees and
 * handovers are done by the engine itself when planned.
 */
export const plannedActions = sqliteTable(
	'planned_actions',
	{
		id: id(),
		key: text('key').notNull().unique(),
		claimId: claimRef(),
		versionId: integer('version_id').references(() => strategyVersions.id),
		runId: integer('run_id').references(() => engineRuns.id),
		kind: text('kind', { enum: ACTION_KINDS }).notNull(),
		stage: text('stage', { enum: STAGES }).notNull(),
		step: text('step').notNull(),
		occurrence: counter('occurrence'),
		/** the business day it is due */
		dueDate: text('due_date').notNull(),
		/** a callback the debtor asked for: the moment to call (null: any time on the due day) */
		dueAt: integer('due_at'),
		/** JSON array of channels in fallback order */
		channelsJson: text('channels_json').notNull().default('[]'),
		template: text('template'),
		amountMinor: integer('amount_minor'),
		/** JSON { rule, facts }: why it was planned (C12) */
		whyJson: text('why_json').notNull(),
		state: text('state', { enum: ACTION_STATES }).notNull().default('planned'),
		/** paid | closed | hold | moved_on | operator */
		cancelReason: text('cancel_reason'),
		createdAt: createdAt(),
		doneAt: integer('done_at')
	},
	(t) => [
		index('planned_actions_claim_idx').on(t.claimId, t.state),
		index('planned_actions_queue_idx').on(t.state, t.kind, t.dueDate)
	]
);

/** The legal stage's queue: an operator checks the claim, builds the package, marks it handed over. */
export const legalHandovers = sqliteTable(
	'legal_handovers',
	{
		id: id(),
		claimId: claimRef().unique(),
		creditorId: creditorRef(),
		state: text('state', { enum: HANDOVER_STATES }).notNull().default('queued'),
		queuedAt: integer('queued_at').notNull(),
		checkedAt: integer('checked_at'),
		checkedBy: byStaff('checked_by'),
		handedOverAt: integer('handed_over_at'),
		handedOverBy: byStaff('handed_over_by'),
		/** set when the claim was paid or held before the handover: the row stays, marked withdrawn */
		withdrawnAt: integer('withdrawn_at')
	},
	(t) => [index('legal_handovers_state_idx').on(t.state, t.queuedAt)]
);
