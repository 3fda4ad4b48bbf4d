/**
 * The collection engine over 120 days, day by day (issue 16, "Tests that must exist"): a few
 * hundred claims, and payments, promises, disputes, plans and operators' holds arriving on random
 * days (a seeded PRNG) through the real services, with the daily job and the engine's daily run
 * (business days) every morning. Afterwards the audit trail is replayed in order and checked
 * against the invariants:
 *   - no skipped stage: every stage change goes to the next stage of the path;
 *   - nothing planned on a day the claim was on a stop-clock hold, disputed, in a plan, paid or
 *     closed (as the claim stood at that moment, holds replayed from their own audit rows);
 *   - each action key planned once: again only after it was cancelled;
 *   - nothing planned for a paid claim after its payment, nothing left pending on it;
 * and the replay's view of every action ends where the database's planned_actions table does.
 * The world and its random days: tests/helpers/simulation-fixtures.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar } from '../helpers/db';
import {
	CLAIMS,
	DAYS,
	START,
	dayEvents,
	simulationWorld,
	type Tally
} from '../helpers/simulation-fixtures';
import { addDays, instantAt } from '../../src/lib/domain/clock';
import { holdCovers, type Hold, type HoldEffect, type HoldKind } from '../../src/lib/domain/holds';
import { isBusinessDay } from '../../src/lib/domain/holidays';
import { PATH_STAGES } from '../../src/lib/domain/strategy';
import type { DB } from '../../src/lib/server/db/client';
import { runEngine } from '../../src/lib/server/services/engine-run';
import { runDailyJobs } from '../../src/lib/server/services/jobs';

afterAll(removeTempDbs);

interface AuditRow {
	id: number;
	action: string;
	entity_id: string;
	before_json: string | null;
	after_json: string | null;
}

const STOPPED_STATUSES = new Set(['paid', 'closed', 'disputed', 'in_plan']);

/**
 * Replays the audit trail in order and returns the violations found (empty: none), with the
 * replay's final view of every action key.
 */
function replay(db: DB) {
	const rows = db.$client
		.prepare(
			`SELECT id, action, entity_id, before_json, after_json FROM audit_log
			  WHERE action IN ('engine.evaluated', 'claim.stage', 'claim.status', 'hold.start', 'hold.end')
			  ORDER BY id`
		)
		.all() as AuditRow[];
	const violations: string[] = [];
	const holds = new Map<number, Hold & { claimId: number }>();
	const holdsOf = new Map<number, number[]>();
	const status = new Map<number, string>();
	const stage = new Map<number, string>();
	const keys = new Map<number, Map<string, 'planned' | 'done' | 'cancelled'>>();
	const path = ['new', ...PATH_STAGES];
	let planned = 0;
	for (const r of rows) {
		const after = r.after_json ? JSON.parse(r.after_json) : {};
		const before = r.before_json ? JSON.parse(r.before_json) : {};
		const id = Number(r.entity_id);
		if (r.action === 'hold.start') {
			holds.set(id, {
				claimId: after.claimId,
				kind: after.kind as HoldKind,
				start: after.start,
				end: after.end,
				effect: { kind: after.effect } as HoldEffect
			});
			holdsOf.set(after.claimId, [...(holdsOf.get(after.claimId) ?? []), id]);
		} else if (r.action === 'hold.end') {
			holds.get(id)!.end = after.end;
		} else if (r.action === 'claim.status') {
			status.set(id, after.status);
		} else if (r.action === 'claim.stage') {
			const from = path.indexOf(before.stage);
			if (path.indexOf(after.stage) !== from + 1)
				violations.push(`claim ${id}: stage ${before.stage} -> ${after.stage} skips`);
			stage.set(id, after.stage);
		} else if (r.action === 'engine.evaluated') {
			const mine = keys.get(id) ?? new Map();
			keys.set(id, mine);
			// what the evaluation cancelled (before it planned): all pending, or all but the new stage's
			if (after.cancelled > 0) {
				const keep = after.cancelReason === 'moved_on' ? stage.get(id) : null;
				let n = 0;
				for (const [k, s] of mine)
					if (s === 'planned' && (keep == null || k.split(':')[2] !== keep)) {
						mine.set(k, 'cancelled');
						n++;
					}
				if (n !== after.cancelled)
					violations.push(`claim ${id}: ${after.cancelled} cancelled, replay found ${n}`);
			}
			if (after.planned.length === 0) continue;
			const day: string = after.asOf;
			const st = status.get(id) ?? 'open';
			if (STOPPED_STATUSES.has(st))
				violations.push(`claim ${id}: planned ${after.planned} on ${day} while ${st}`);
			for (const hid of holdsOf.get(id) ?? []) {
				const h = holds.get(hid)!;
				if (h.effect.kind === 'stop_clock' && holdCovers(h, day))
					violations.push(`claim ${id}: planned ${after.planned} on ${day} under a ${h.kind} hold`);
			}
			for (const k of after.planned as string[]) {
				const was = mine.get(k);
				if (was === 'planned' || was === 'done')
					violations.push(`claim ${id}: ${k} planned again while ${was}`);
				// fees and handovers are done when planned
				mine.set(k, /:(fee|handover):/.test(k) ? 'done' : 'planned');
				planned++;
			}
		}
	}
	return { violations, keys, planned, status };
}

describe('120 days of the engine over a few hundred claims', () => {
	it('keeps every invariant with payments, promises, disputes, plans and holds arriving on random days', async () => {
		const w = simulationWorld(20261207);
		const { db, clock } = w;
		const tally: Tally = {};
		const answers = new Map<number, { day: string; disputeId: number }>();
		const opHolds = new Map<number, { day: string; holdId: number }>();
		let runs = 0;
		for (let i = 0; i < DAYS; i++) {
			const day = addDays(START, i);
			clock.set(instantAt(day, 6));
			runDailyJobs(db);
			clock.set(instantAt(day, 7));
			if (isBusinessDay(day)) {
				const r = runEngine(db, { asOf: day });
				expect(r.ran).toBe(true);
				runs++;
			}
			clock.set(instantAt(day, 12));
			await dayEvents(w, day, answers, opHolds, tally);
		}
		expect(scalar(db, 'SELECT count(*) FROM engine_runs')).toBe(runs);
		expect(scalar(db, 'SELECT coalesce(sum(errors), 0) FROM engine_runs')).toBe(0);

		const { violations, keys, planned } = replay(db);
		expect(violations).toEqual([]);

		// the stage rows agree: each claim's stages are the path from 'new' up to its current one
		const path = ['new', ...PATH_STAGES];
		const gaps = (
			db.$client
				.prepare(
					`SELECT c.id, c.stage, group_concat(e.stage) AS stages FROM claims c
					   JOIN claim_stage_events e ON e.claim_id = c.id GROUP BY c.id`
				)
				.all() as { id: number; stage: string; stages: string }[]
		).filter((r) => {
			const want = path.slice(0, path.indexOf(r.stage) + 1);
			return [...r.stages.split(',')].sort().join() !== [...want].sort().join();
		});
		expect(gaps).toEqual([]);

		// the replay ends where the table does: every key, in the same state
		const table = db.$client
			.prepare('SELECT claim_id AS claimId, key, state FROM planned_actions')
			.all() as { claimId: number; key: string; state: string }[];
		const replayed = [...keys.values()].flatMap((m) => [...m].map(([k, s]) => `${k}=${s}`));
		expect(replayed.sort()).toEqual(table.map((r) => `${r.key}=${r.state}`).sort());

		// paid and closed claims have nothing pending
		expect(
			scalar(
				db,
				`SELECT count(*) FROM planned_actions a JOIN claims c ON c.id = a.claim_id
				  WHERE a.state = 'planned' AND (c.status IN ('paid', 'closed') OR c.balance_minor <= 0)`
			)
		).toBe(0);
		// nothing pending for a claim on a stop-clock hold on the last day
		const last = addDays(START, DAYS - 1);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM planned_actions a JOIN holds h ON h.claim_id = a.claim_id
				  WHERE a.state = 'planned' AND h.effect_json LIKE '%stop_clock%'
				    AND h.start_date <= ? AND (h.end_date IS NULL OR h.end_date > ?)`,
				last,
				last
			)
		).toBe(0);

		// the simulation did what it says: every kind of event, every stage, cancellations of each kind
		for (const k of [
			'payment_full',
			'payment_partial',
			'promise',
			'dispute_open',
			'dispute_rejected',
			'dispute_upheld',
			'plan',
			'installment',
			'operator_hold',
			'operator_hold_end'
		])
			expect(tally[k], k).toBeGreaterThan(0);
		for (const s of PATH_STAGES)
			expect(
				scalar(db, `SELECT count(*) FROM claim_stage_events WHERE stage = ?`, s),
				s
			).toBeGreaterThan(0);
		for (const reason of ['paid', 'hold', 'moved_on'])
			expect(
				scalar(db, `SELECT count(*) FROM planned_actions WHERE cancel_reason = ?`, reason),
				reason
			).toBeGreaterThan(0);
		for (const kind of ['dispute', 'plan', 'promise'])
			expect(scalar(db, `SELECT count(*) FROM holds WHERE kind = ?`, kind), kind).toBeGreaterThan(
				0
			);
		expect(scalar(db, `SELECT count(*) FROM plans WHERE status = 'broken'`)).toBeGreaterThan(0);
		expect(scalar(db, `SELECT count(*) FROM plans WHERE status = 'completed'`)).toBeGreaterThan(0);
		expect(scalar(db, `SELECT count(*) FROM promises WHERE status = 'kept'`)).toBeGreaterThan(0);
		expect(scalar(db, `SELECT count(*) FROM promises WHERE status = 'broken'`)).toBeGreaterThan(0);
		expect(planned).toBeGreaterThan(CLAIMS);
		// about 20 s alone; a busy two-core machine (a CI runner beside other jobs) takes several times that
	}, 240_000);
});
