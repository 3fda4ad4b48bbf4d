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
 * then lets the promises work decide the promises whose date passed.
 */
import { and, asc, eq, isNull, lt, lte, gte } from 'drizzle-orm';
import { systemActor } from '$lib/domain/actor';
import { addDays, daysBetween, localDate } from '$lib/domain/clock';
import { parseRules } from '$lib/domain/rules';
import type { DB } from '../db/client';
import { installments, jobRuns, plans } from '../db/schema';
import { clock } from '../clock';
import { logEvent } from '../log';
import { audit } from './audit';
import { enqueue } from './outbox';
import { breakPlan, completePlan, lapseCounter } from './plans';
import { resolveDuePromises } from './promises';
import { writeTx } from './tx';

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
}

/** Runs the daily work for the clock's current day, once per day. `force` runs again (tests, operators). */
export function runDailyJobs(db: DB, opts: { force?: boolean } = {}): DailyResult {
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
		promises: null
	};
	const ran = writeTx(db, () => {
		const claimed = db
			.insert(jobRuns)
			.values({ job: DAILY_JOB, day: today, startedAt: now })
			.onConflictDoNothing()
			.run();
		if (claimed.changes === 0 && !opts.force) return false;

		// 1. reminders for installments due within 3 days (the down payment was agreed that very day: no reminder)
		const soon = db
			.select({ inst: installments, plan: plans })
			.from(installments)
			.innerJoin(plans, eq(plans.id, installments.planId))
			.where(
				and(
					eq(plans.status, 'active'),
					eq(installments.status, 'due'),
					isNull(installments.reminderQueuedAt),
					gte(installments.dueDate, today),
					lte(installments.dueDate, addDays(today, REMINDER_DAYS_AHEAD))
				)
			)
			.all();
		for (const { inst, plan } of soon) {
			if (inst.seq === 0 || inst.paidMinor >= inst.amountMinor) continue;
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
			db.update(installments)
				.set({ reminderQueuedAt: now })
				.where(eq(installments.id, inst.id))
				.run();
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
		const overdue = db
			.select({ inst: installments })
			.from(installments)
			.innerJoin(plans, eq(plans.id, installments.planId))
			.where(
				and(
					eq(plans.status, 'active'),
					eq(installments.status, 'due'),
					lt(installments.dueDate, today)
				)
			)
			.all();
		for (const { inst } of overdue) {
			if (inst.paidMinor >= inst.amountMinor) continue;
			db.update(installments).set({ status: 'late' }).where(eq(installments.id, inst.id)).run();
			audit(db, actor, {
				action: 'installment.late',
				entity: 'installment',
				entityId: inst.id,
				before: { status: 'due' },
				after: { status: 'late', dueDate: inst.dueDate }
			});
			result.late++;
		}

		// 3. broken: an installment more than the grace days late; 4. completed: nothing left to pay
		const active = db
			.select()
			.from(plans)
			.where(eq(plans.status, 'active'))
			.orderBy(asc(plans.id))
			.all();
		for (const plan of active) {
			const rows = db.select().from(installments).where(eq(installments.planId, plan.id)).all();
			const unpaid = rows.filter((r) => r.paidMinor < r.amountMinor);
			if (unpaid.length === 0) {
				completePlan(db, actor, plan, now);
				result.completed++;
				continue;
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
		const stale = db
			.select()
			.from(plans)
			.where(and(eq(plans.status, 'countered'), lt(plans.firstDueDate, today)))
			.orderBy(asc(plans.id))
			.all();
		for (const plan of stale) {
			lapseCounter(db, actor, plan, now);
			result.lapsed++;
		}
		if (!claimed.changes) {
			db.update(jobRuns)
				.set({ startedAt: now, finishedAt: null })
				.where(and(eq(jobRuns.job, DAILY_JOB), eq(jobRuns.day, today)))
				.run();
		}
		return true;
	});
	if (!ran) return { ...result, skipped: true };
	result.promises = resolveDuePromises(db, today);
	writeTx(db, () => {
		db.update(jobRuns)
			.set({ finishedAt: clock().now() })
			.where(and(eq(jobRuns.job, DAILY_JOB), eq(jobRuns.day, today)))
			.run();
	});
	logEvent('info', 'daily_job', { ...result, promises: result.promises });
	return result;
}

/** Whether the daily job already ran (started) on a day. */
export function dailyRanOn(db: DB, day: string): boolean {
	return !!db
		.select({ day: jobRuns.day })
		.from(jobRuns)
		.where(and(eq(jobRuns.job, DAILY_JOB), eq(jobRuns.day, day)))
		.get();
}

let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Inside the server: run at start and then try every 15 minutes; the job_runs row makes it run once a
 * day however many times (or processes) ask. Errors are logged, never thrown into the server.
 */
export function startDailyTimer(getDb: () => DB, everyMs = 15 * 60_000): void {
	if (timer || process.env.RENDEZ_DAILY_TIMER === '0') return;
	const tick = () => {
		try {
			const db = getDb();
			if (!dailyRanOn(db, localDate(clock().now()))) runDailyJobs(db);
		} catch (e) {
			logEvent('error', 'daily_job_failed', {
				error: e instanceof Error ? e.name + ': ' + e.message : String(e)
			});
		}
	};
	// the first run happens before the server takes requests, so what pages show is already settled
	tick();
	timer = setInterval(tick, everyMs);
	timer.unref?.();
}
