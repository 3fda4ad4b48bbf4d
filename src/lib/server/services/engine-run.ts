/**
 * The engine's daily run (issue 16, item 4): one run per Budapest business day, a unique
 * engine_runs row per as-of day. Claims are taken in id order in chunks; each chunk is one short
 * transaction that also moves the run's checkpoint (last claim id, counters), so a kill -9 loses
 * at most the chunk in flight, which rolls back whole, and a rerun resumes after the last committed
 * chunk. Every action goes in under its unique key, so even a chunk done twice plans nothing twice.
 * In the server it runs in the jobs worker thread (jobs/runner.ts); `npm run engine:run` runs it
 * from the shell and backfills missed business days by as-of date.
 */
import { desc, eq, ne, sql } from 'drizzle-orm';
import { addDays, localDate } from '$lib/domain/clock';
import { isBusinessDay } from '$lib/domain/holidays';
import type { DB } from '../db/client';
import { engineRuns } from '../db/schema';
import { clock } from '../clock';
import { logEvent } from '../log';
import { loadChunk, WORKED } from './engine-facts';
import { assignVersions, evaluateInRun } from './engine';
import { writeTx } from './tx';

export type RunRow = typeof engineRuns.$inferSelect;

/**
 * Claims per transaction: long enough to amortise the commit (on a million claims 1000 took about
 * 7 % less CPU than 500), short enough to hold the write lock for some 15 ms (npm run bench:engine).
 */
export const ENGINE_CHUNK = 1000;

export interface RunOptions {
	/** the as-of day (default: the clock's Budapest day) */
	asOf?: string;
	chunk?: number;
	/** called after each committed chunk (tests stop or kill here) */
	afterChunk?: (run: RunRow) => void;
}

export type RunOutcome =
	| { ran: true; run: RunRow }
	| { ran: false; reason: 'not_business_day' | 'already_done'; day: string };

/** Starts or resumes the run for a day and takes it to the end. */
export function runEngine(db: DB, opts: RunOptions = {}): RunOutcome {
	const day = opts.asOf ?? localDate(clock().now());
	if (!isBusinessDay(day)) return { ran: false, reason: 'not_business_day', day };
	const size = opts.chunk ?? ENGINE_CHUNK;
	let run = startRun(db, day);
	if (run.state === 'done') return { ran: false, reason: 'already_done', day };
	if (run.done === 0) logEvent('info', 'engine_run_start', { day, total: run.total });

	for (;;) {
		const next = writeTx(db, () => chunkOnce(db, run, size));
		if (!next) break;
		run = next;
		opts.afterChunk?.(run);
	}
	run = writeTx(db, () =>
		db
			.update(engineRuns)
			.set({ state: 'done', finishedAt: clock().now() })
			.where(eq(engineRuns.id, run.id))
			.returning()
			.get()
	);
	logEvent('info', 'engine_run_done', {
		day,
		claims: run.done,
		transitions: run.transitions,
		actions: run.actionsPlanned,
		errors: run.errors,
		ms: (run.finishedAt ?? 0) - run.startedAt
	});
	return { ran: true, run };
}

/** The day's run row: made with the number of claims to do, or the one a killed run left. */
function startRun(db: DB, day: string): RunRow {
	return writeTx(db, () => {
		const have = db.select().from(engineRuns).where(eq(engineRuns.day, day)).get();
		if (have) {
			if (have.state === 'failed')
				return db
					.update(engineRuns)
					.set({ state: 'running' })
					.where(eq(engineRuns.id, have.id))
					.returning()
					.get();
			return have;
		}
		const total = (
			db.$client.prepare(`SELECT count(*) AS n FROM claims c WHERE ${WORKED}`).get() as {
				n: number;
			}
		).n;
		return db
			.insert(engineRuns)
			.values({ day, state: 'running', startedAt: clock().now(), total })
			.returning()
			.get();
	});
}

/**
 * One chunk, in the caller's transaction: evaluate each claim after the checkpoint, each in a
 * savepoint so that one claim's error (recorded, counted) does not undo the others, then move the
 * checkpoint. Returns the updated run, or null when no claim is left.
 */
function chunkOnce(db: DB, started: RunRow, size: number): RunRow | null {
	// the checkpoint as committed (another process may be running the same day, or it was restarted)
	const run = db.select().from(engineRuns).where(eq(engineRuns.id, started.id)).get() ?? started;
	if (run.state === 'done') return null;
	const batch = loadChunk(db, run.lastClaimId, size);
	if (batch.length === 0) return null;
	assignVersions(db, batch);
	let transitions = 0;
	let actions = 0;
	let errors = 0;
	let firstError: string | null = null;
	for (const loaded of batch) {
		try {
			const r = evaluateInRun(db, loaded, run.day, run.id);
			transitions += r.transitions;
			actions += r.actions;
		} catch (e) {
			errors++;
			firstError ??= `${e instanceof Error ? e.name : 'Error'} on claim ${loaded.facts.claimId}`;
		}
	}
	return db
		.update(engineRuns)
		.set({
			done: sql`${engineRuns.done} + ${batch.length}`,
			lastClaimId: batch[batch.length - 1].facts.claimId,
			transitions: sql`${engineRuns.transitions} + ${transitions}`,
			actionsPlanned: sql`${engineRuns.actionsPlanned} + ${actions}`,
			errors: sql`${engineRuns.errors} + ${errors}`,
			lastError: firstError ?? run.lastError
		})
		.where(eq(engineRuns.id, run.id))
		.returning()
		.get();
}

/**
 * Runs every business day from `from` to `to` (inclusive) in order that has no finished run:
 * the backfill after the server was down. Days already done are left as they are.
 */
export function backfill(db: DB, from: string, to: string, opts: Omit<RunOptions, 'asOf'> = {}) {
	const out: RunOutcome[] = [];
	for (let d = from; d <= to; d = addDays(d, 1)) out.push(runEngine(db, { ...opts, asOf: d }));
	return out;
}

/** How far back a server that was down catches up on missed business days. */
export const CATCH_UP_DAYS = 10;

/**
 * What the jobs worker does on start and after the daily job: finish any run a killed process left
 * unfinished (its own as-of day), then run every business day after the last run up to `today`,
 * at most `maxDays` back, in date order. A database the engine never ran on starts with today
 * (its data are as of now: nothing was missed).
 */
export function catchUp(
	db: DB,
	opts: { today?: string; maxDays?: number } & Omit<RunOptions, 'asOf'> = {}
): RunOutcome[] {
	const { today = localDate(clock().now()), maxDays = CATCH_UP_DAYS, ...run } = opts;
	const out = resumeUnfinished(db, today, run);
	const last = lastRun(db)?.day;
	const earliest = addDays(today, -maxDays);
	const from =
		last === undefined ? today : addDays(last, 1) > earliest ? addDays(last, 1) : earliest;
	if (from <= today) out.push(...backfill(db, from, today, run));
	return out;
}

/**
 * Takes every run not done (killed, failed, or asked for again by an operator) up to `today` to
 * its end, oldest first. The jobs worker calls it on start, after the daily job, and when woken.
 */
export function resumeUnfinished(
	db: DB,
	today = localDate(clock().now()),
	run: Omit<RunOptions, 'asOf'> = {}
): RunOutcome[] {
	const unfinished = db
		.select({ day: engineRuns.day })
		.from(engineRuns)
		.where(ne(engineRuns.state, 'done'))
		.orderBy(engineRuns.day)
		.all();
	return unfinished
		.filter((r) => r.day <= today)
		.map((r) => runEngine(db, { ...run, asOf: r.day }));
}

/**
 * Today's pass once more, from the first claim (an operator asked, e.g. after claims were moved to a
 * new strategy version): the day's one run row goes back to 'running' with its checkpoint at the
 * start. Nothing is planned twice (every action has its key); the counters add up both passes.
 * Call inside a writeTx; the jobs worker does the work when woken.
 */
export function restartRun(db: DB, day: string): RunRow {
	const total = (
		db.$client.prepare(`SELECT count(*) AS n FROM claims c WHERE ${WORKED}`).get() as { n: number }
	).n;
	const now = clock().now();
	const have = db.select().from(engineRuns).where(eq(engineRuns.day, day)).get();
	if (!have)
		return db
			.insert(engineRuns)
			.values({ day, state: 'running', startedAt: now, total })
			.returning()
			.get();
	return db
		.update(engineRuns)
		.set({ state: 'running', done: 0, lastClaimId: 0, total, startedAt: now, finishedAt: null })
		.where(eq(engineRuns.id, have.id))
		.returning()
		.get();
}

/**
 * Marks the runs still 'running' as failed, with an error text that names no person (the error's
 * name and code): called by the jobs worker when a run threw. The next catch-up resumes them.
 */
export function failUnfinished(db: DB, error: string): void {
	writeTx(db, () =>
		db
			.update(engineRuns)
			.set({ state: 'failed', lastError: error.slice(0, 200) })
			.where(eq(engineRuns.state, 'running'))
			.run()
	);
}

/** The newest run (the catch-up asks which day the engine last ran). */
export function lastRun(db: DB): RunRow | undefined {
	return db.select().from(engineRuns).orderBy(desc(engineRuns.day)).limit(1).get();
}
