/**
 * The daily job (`npm run jobs:daily`, and inside the server once a day). Both take "now" from the
 * clock module. The job_runs table (job, day) makes a second run on the same day a no-op, even
 * across processes. What it does, for active plans:
 *  1. queues a reminder in the outbox for each installment due within 3 days (once per installment);
 *  2. marks unpaid installments past their due date late;
 *  3. breaks a plan whose unpaid installment is more than the plan's grace days late (the debtor is
 *     told, the claim goes back to 'open' and so into the reminder process);
 *  4. completes plans whose schedule is fully paid (a safety net; payments complete them at once);
 *  5. lapses counter-offers the debtor did not accept by their first due date (the debtor is told);
 * then lets the promises work decide the promises whose date passed, purges expired sessions and
 * stale sign-in counters, and anonymises debtors past the retention period (C13, `retention.ts`).
 * Each step runs in chunks of short transactions; in the server it runs in the jobs worker thread
 * (src/lib/server/jobs/), so requests are answered meanwhile.
 */
import { and, asc, eq, isNull, lt, lte, gte, type SQL } from 'drizzle-orm';
import { systemActor, type Actor } from '$lib/domain/actor';
import { addDays, daysBetween, localDate } from '$lib/domain/clock';
import { parseRules } from '$lib/domain/rules';
import type { DB } from '../db/client';
import { installments, jobRuns, plans } from '../db/schema';
import { clock } from '../clock';
import { logEvent } from '../log';
import { audit, updateAudited } from './audit';
import { enqueue } from './outbox';
import { breakPlan, completePlan, lapseCounter } from './plans';
import type { PlanRow } from './plan-common';
import { resolveDuePromises } from './promises';
import { writeTx } from './tx';
import { purgeThrottles } from '../auth/throttle';
import { purgeExpiredSessions } from '../auth/sessions';
import { anonymiseDebtor, retentionDue } from './retention';

export const REMINDER_DAYS_AHEAD = 3;
export const DAILY_JOB = 'daily';

export interface DailyResult {
	day: string;
	skipped: boolean;
	reminders: number;
	late: number;
	broken: number;
	completed: number;
	lapsed: number;
	promises: { kept: number; broken: number } | null;
	purged: { sessions: number; throttles: number };
	/** debtors anonymised under the retention rule (C13) */
	anonymised: number;
}

export interface DailyOptions {
	/** run again although today's run finished (tests, operators) */
	force?: boolean;
	/** called after each committed chunk (tests stop or kill here) */
	afterChunk?: (chunk: number) => void;
	/** items per transaction */
	chunkItems?: number;
}

/** Items per transaction: each is a few rows, so a chunk holds the write lock for milliseconds. */
export const DAILY_CHUNK = 100;

/**
 * Runs the daily work for the clock's current day, once per day: a finished day is skipped, an
 * unfinished one (the process was killed) is taken up again. Each step selects what is still to
 * do and handles it in chunks of short transactions; each item is checked again inside its
 * transaction and its own state says it is done (reminder queued, installment late, plan broken),
 * so a resumed or concurrent run does nothing twice.
 */
export function runDailyJobs(db: DB, opts: DailyOptions = {}): DailyResult {
	const actor = systemActor('daily');
	const now = clock().now();
	const today = localDate(now);
	const result: DailyResult = {
		day: today,
		skipped: false,
		reminders: 0,
		late: 0,
		broken: 0,
		completed: 0,
		lapsed: 0,
		promises: null,
		purged: { sessions: 0, throttles: 0 },
		anonymised: 0
	};
	const go = writeTx(db, () => {
		const run = db
			.select()
			.from(jobRuns)
			.where(and(eq(jobRuns.job, DAILY_JOB), eq(jobRuns.day, today)))
			.get();
		if (!run) {
			db.insert(jobRuns).values({ job: DAILY_JOB, day: today, startedAt: now }).run();
			return true;
		}
		if (run.finishedAt == null) return true; // interrupted: resume
		if (!opts.force) return false;
		db.update(jobRuns)
			.set({ startedAt: now, finishedAt: null, step: null })
			.where(and(eq(jobRuns.job, DAILY_JOB), eq(jobRuns.day, today)))
			.run();
		return true;
	});
	if (!go) return { ...result, skipped: true };

	let chunk = 0;
	const size = opts.chunkItems ?? DAILY_CHUNK;
	const inChunks = (name: string, ids: number[], each: (id: number) => void) => {
		for (let i = 0; i < ids.length; i += size) {
			writeTx(db, () => ids.slice(i, i + size).forEach(each));
			opts.afterChunk?.(++chunk);
		}
		db.update(jobRuns)
			.set({ step: name })
			.where(and(eq(jobRuns.job, DAILY_JOB), eq(jobRuns.day, today)))
			.run();
	};
	const ctx = { db, actor, now, today, result };
	inChunks('reminders', dueSoon(ctx), (id) => remind(ctx, id));
	inChunks('late', overdue(ctx), (id) => markLate(ctx, id));
	inChunks('plans', activePlans(ctx), (id) => settlePlan(ctx, id));
	inChunks('counters', staleCounters(ctx), (id) => lapse(ctx, id));
	result.promises = resolveDuePromises(db, today);
	// housekeeping: sign-in counters and sessions that can no longer matter
	writeTx(db, () => {
		result.purged = { throttles: purgeThrottles(db), sessions: purgeExpiredSessions(db) };
	});
	inChunks('retention', retentionDue(db, now), (id) => {
		if (anonymiseDebtor(db, id, now)) result.anonymised++;
	});
	writeTx(db, () => {
		db.update(jobRuns)
			.set({ finishedAt: clock().now(), step: 'done' })
			.where(and(eq(jobRuns.job, DAILY_JOB), eq(jobRuns.day, today)))
			.run();
	});
	logEvent('info', 'daily_job', { ...result });
	return result;
}

interface Ctx {
	db: DB;
	actor: Actor;
	now: number;
	today: string;
	result: DailyResult;
}

// 1. reminders for installments due within 3 days (the down payment was agreed that very day: no reminder)
const dueSoonWhere = (today: string) =>
	and(
		eq(plans.status, 'active'),
		eq(installments.status, 'due'),
		isNull(installments.reminderQueuedAt),
		gte(installments.dueDate, today),
		lte(installments.dueDate, addDays(today, REMINDER_DAYS_AHEAD))
	);

function dueSoon({ db, today }: Ctx): number[] {
	return db
		.select({ id: installments.id })
		.from(installments)
		.innerJoin(plans, eq(plans.id, installments.planId))
		.where(dueSoonWhere(today))
		.orderBy(asc(installments.id))
		.all()
		.map((r) => r.id);
}

function remind({ db, actor, now, today, result }: Ctx, id: number): void {
	const row = db
		.select({ inst: installments, plan: plans })
		.from(installments)
		.innerJoin(plans, eq(plans.id, installments.planId))
		.where(and(eq(installments.id, id), dueSoonWhere(today)))
		.get();
	if (!row) return;
	const { inst, plan } = row;
	if (inst.seq === 0 || inst.paidMinor >= inst.amountMinor) return;
	const queued = enqueue(db, {
		debtorId: plan.debtorId,
		claimId: plan.claimId,
		template: 'installment_reminder',
		params: {
			planId: plan.id,
			seq: inst.seq,
			dueDate: inst.dueDate,
			link: `/my/claims/${plan.claimId}/plan`
		},
		dedupeKey: `installment_reminder:${inst.id}`,
		now
	});
	db.update(installments).set({ reminderQueuedAt: now }).where(eq(installments.id, inst.id)).run();
	if (queued) {
		result.reminders++;
		audit(db, actor, {
			action: 'installment.reminder_queued',
			entity: 'installment',
			entityId: inst.id,
			after: { planId: plan.id, dueDate: inst.dueDate }
		});
	}
}

// 2. late: unpaid and past the due date
const overdueWhere = (today: string) =>
	and(eq(plans.status, 'active'), eq(installments.status, 'due'), lt(installments.dueDate, today));

function overdue({ db, today }: Ctx): number[] {
	return db
		.select({ id: installments.id, paid: installments.paidMinor, amount: installments.amountMinor })
		.from(installments)
		.innerJoin(plans, eq(plans.id, installments.planId))
		.where(overdueWhere(today))
		.orderBy(asc(installments.id))
		.all()
		.filter((r) => r.paid < r.amount)
		.map((r) => r.id);
}

function markLate({ db, actor, today, result }: Ctx, id: number): void {
	const row = db
		.select({ inst: installments })
		.from(installments)
		.innerJoin(plans, eq(plans.id, installments.planId))
		.where(and(eq(installments.id, id), overdueWhere(today)))
		.get();
	if (!row || row.inst.paidMinor >= row.inst.amountMinor) return;
	updateAudited(db, actor, installments, id, {
		set: { status: 'late' },
		audit: {
			action: 'installment.late',
			entity: 'installment',
			before: { status: 'due' },
			after: { status: 'late', dueDate: row.inst.dueDate }
		}
	});
	result.late++;
}

/** The ids of the plans that meet `where`, oldest first. */
function planIds(db: DB, where: SQL | undefined): number[] {
	return db
		.select({ id: plans.id })
		.from(plans)
		.where(where)
		.orderBy(asc(plans.id))
		.all()
		.map((r) => r.id);
}

/** The plan, if it still meets `where` (read again in the chunk's transaction). */
function planIf(db: DB, id: number, where: SQL | undefined): PlanRow | undefined {
	return db
		.select()
		.from(plans)
		.where(and(eq(plans.id, id), where))
		.get();
}

// 3. broken: an installment more than the grace days late; 4. completed: nothing left to pay
const activeWhere = eq(plans.status, 'active');

function activePlans({ db }: Ctx): number[] {
	return planIds(db, activeWhere);
}

function settlePlan({ db, actor, now, today, result }: Ctx, id: number): void {
	const plan = planIf(db, id, activeWhere);
	if (!plan) return;
	const rows = db.select().from(installments).where(eq(installments.planId, plan.id)).all();
	const unpaid = rows.filter((r) => r.paidMinor < r.amountMinor);
	if (unpaid.length === 0) {
		completePlan(db, actor, plan, now);
		result.completed++;
		return;
	}
	const grace = parseRules(plan.rulesJson).graceDays;
	const missed = unpaid.filter((r) => daysBetween(r.dueDate, today) > grace);
	if (missed.length > 0) {
		breakPlan(
			db,
			actor,
			plan,
			today,
			now,
			missed.map((r) => r.id)
		);
		result.broken++;
	}
}

// 5. counter-offers past their first due date: they can no longer start
const staleWhere = (today: string) =>
	and(eq(plans.status, 'countered'), lt(plans.firstDueDate, today));

function staleCounters({ db, today }: Ctx): number[] {
	return planIds(db, staleWhere(today));
}

function lapse({ db, actor, now, today, result }: Ctx, id: number): void {
	const plan = planIf(db, id, staleWhere(today));
	if (!plan) return;
	lapseCounter(db, actor, plan, now);
	result.lapsed++;
}

/** Whether the daily job finished on a day (an interrupted run is not finished: it resumes). */
export function dailyDoneOn(db: DB, day: string): boolean {
	const run = db
		.select({ finishedAt: jobRuns.finishedAt })
		.from(jobRuns)
		.where(and(eq(jobRuns.job, DAILY_JOB), eq(jobRuns.day, day)))
		.get();
	return run?.finishedAt != null;
}
