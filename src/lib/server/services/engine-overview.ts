/**
 * What operators and admins see of the engine at /ops/engine: its daily runs, newest first and
 * paged (day, state, claims done of total, transitions, actions planned, errors, how long it
 * took), and the planned actions still waiting, by kind and first channel. No personal data: the
 * runs count claims, they name none.
 */
import { count, desc, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import type { ActionKind, RunState } from '$lib/domain/engine-records';
import type { Channel } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { engineRuns } from '../db/schema';
import { isBusinessDay } from '$lib/domain/holidays';
import { clock } from '../clock';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { restartRun } from './engine-run';
import { ConflictError } from './errors';
import { pagedSelect } from './paging';
import { writeTx } from './tx';

export const RUNS_PAGE_SIZE = 20;

export interface RunView {
	id: number;
	day: string;
	state: RunState;
	done: number;
	total: number;
	transitions: number;
	actionsPlanned: number;
	errors: number;
	/** finished minus started; for a run still going, how long it has been going */
	durationMs: number;
}

export interface WaitingActions {
	kind: ActionKind;
	/** the first channel in the fallback order (a call or visit is a task for people) */
	channel: Channel | null;
	count: number;
	/** of those, due today or earlier */
	due: number;
}

export interface EngineOverview {
	runs: RunView[];
	page: number;
	pages: number;
	total: number;
	waiting: WaitingActions[];
}

export function engineOverview(db: DB, actor: Actor, opts: { page?: number } = {}): EngineOverview {
	assertAgencyStaff(actor);
	const now = clock().now();
	const total = db.select({ n: count() }).from(engineRuns).get()?.n ?? 0;
	const newestFirst = db.select().from(engineRuns).orderBy(desc(engineRuns.day)).$dynamic();
	const { rows, ...page } = pagedSelect(opts.page, RUNS_PAGE_SIZE, total, newestFirst);
	const runs = rows.map((r) => ({
		id: r.id,
		day: r.day,
		state: r.state,
		done: r.done,
		total: r.total,
		transitions: r.transitions,
		actionsPlanned: r.actionsPlanned,
		errors: r.errors,
		durationMs: Math.max(0, (r.finishedAt ?? now) - r.startedAt)
	}));
	const waiting = db.$client
		.prepare(
			`SELECT kind, json_extract(channels_json, '$[0]') AS channel, count(*) AS count,
			        sum(due_date <= ?) AS due
			   FROM planned_actions WHERE state = 'planned'
			  GROUP BY kind, channel ORDER BY kind, channel`
		)
		.all(localDate(now)) as WaitingActions[];
	return { runs, ...page, waiting };
}

/**
 * An operator asks for today's pass once more (after claims were moved to a new strategy version,
 * or holds were lifted): the day's run goes back to its start, and the jobs worker runs it. Refused
 * on a day with no run (weekends, holidays) and while the day's pass is still going. Audited.
 */
export function runAgain(db: DB, actor: Actor): { day: string } {
	assertAgencyStaff(actor);
	const day = localDate(clock().now());
	if (!isBusinessDay(day)) throw new ConflictError('ops.engine.again.notBusinessDay');
	return writeTx(db, () => {
		const before = db.select().from(engineRuns).where(eq(engineRuns.day, day)).get();
		if (before && before.state !== 'done') throw new ConflictError('ops.engine.again.running');
		const run = restartRun(db, day);
		audit(db, actor, {
			action: 'engine.run_again',
			entity: 'engine_run',
			entityId: run.id,
			before: before ? { state: before.state, done: before.done } : null,
			after: { state: run.state, day }
		});
		return { day };
	});
}
