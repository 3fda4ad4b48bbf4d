/**
 * Issue 16, "tests that must exist": a daily engine run killed with SIGKILL (as kill -9) in a
 * real child process after some chunks committed, then run again, leaves exactly what one
 * uninterrupted run leaves on an identical database: the same planned actions (keys, states,
 * why), the same stage transitions, fees, handovers, run counters and audit records.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runAndKill } from '../helpers/kill-child';
import path from 'node:path';
import {
	allRows as all,
	freshDb,
	manualClock,
	removeTempDbs,
	scalar,
	tempDbPath
} from '../helpers/db';
import { engineWorld } from '../helpers/engine-fixtures';
import { backfill, runEngine } from '../../src/lib/server/services/engine-run';
import { openDatabase, type DB } from '../../src/lib/server/db/client';
import { verifyAuditChain } from '../../src/lib/server/services/audit';

afterAll(removeTempDbs);

/** Everything the engine writes, without the wall-clock times (the child keeps the real clock). */
function outcome(db: DB, auditFrom: number) {
	return {
		actions: all(
			db,
			`SELECT key, claim_id, version_id, run_id, kind, stage, step, occurrence, due_date,
			        channels_json, template, amount_minor, why_json, state, cancel_reason
			   FROM planned_actions ORDER BY key`
		),
		claims: all(db, 'SELECT id, stage, status, balance_minor FROM claims ORDER BY id'),
		stages: all(
			db,
			`SELECT claim_id, stage, outcome, left_at IS NULL AS current
			   FROM claim_stage_events ORDER BY claim_id, stage`
		),
		engine: all(
			db,
			'SELECT claim_id, version_id, cycle, stage_entered_on, evaluated_on FROM claim_engine ORDER BY claim_id'
		),
		ledger: all(
			db,
			`SELECT claim_id, component, kind, amount_minor, effective_date, memo FROM ledger_entries ORDER BY id`
		),
		handovers: all(db, 'SELECT claim_id, state FROM legal_handovers ORDER BY claim_id'),
		runs: all(
			db,
			`SELECT id, day, state, total, done, last_claim_id, transitions, actions_planned, errors
			   FROM engine_runs ORDER BY id`
		),
		audit: db.$client
			.prepare(
				'SELECT action, entity, entity_id, before_json, after_json FROM audit_log WHERE id > ? ORDER BY id'
			)
			.all(auditFrom)
	};
}

const DAY = '2026-03-20';
const CHUNK = 20;

describe('kill -9 during the engine run', () => {
	it('a run killed after some chunks, then run again, equals one clean run', async () => {
		process.env.RENDEZ_EUR_HUF_RATE = '400.52';
		manualClock('2026-03-02');
		const file = tempDbPath('engine-kill');
		const db = freshDb(file);
		engineWorld(db, 600, DAY);
		// a few days before (a server often down): stages entered, steps planned, fees charged,
		// handovers queued; many claims are a stage behind on the day
		for (const d of ['2025-10-01', '2025-11-03', '2025-12-01', '2026-01-05', '2026-02-02'])
			runEngine(db, { asOf: d });
		backfill(db, '2026-03-02', '2026-03-02');
		backfill(db, '2026-03-13', '2026-03-13');
		// then some claims paid in full, their status not yet caught up: the day's run cancels what
		// is still planned and withdraws their handovers
		db.$client.prepare(`UPDATE claims SET balance_minor = 0 WHERE id % 17 = 3`).run();
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		const auditFrom = scalar(db, 'SELECT max(id) FROM audit_log');

		// an identical copy for the clean run
		const cleanFile = path.join(path.dirname(file), 'clean.db');
		db.$client.prepare('VACUUM INTO ?').run(cleanFile);
		const clean = openDatabase(cleanFile);
		const cleanRun = runEngine(clean, { asOf: DAY, chunk: CHUNK });
		expect(cleanRun.ran && cleanRun.run).toMatchObject({ state: 'done', errors: 0 });
		const want = outcome(clean, auditFrom);
		// the day does real work of every kind
		const run = cleanRun.ran ? cleanRun.run : null;
		expect(run!.total).toBeGreaterThan(10 * CHUNK);
		expect(run!.transitions).toBeGreaterThan(20);
		expect(run!.actionsPlanned).toBeGreaterThan(50);
		expect(
			scalar(clean, `SELECT count(DISTINCT kind) FROM planned_actions WHERE run_id = ?`, run!.id)
		).toBe(3);
		expect(
			scalar(clean, `SELECT count(*) FROM planned_actions WHERE cancel_reason = 'paid'`)
		).toBeGreaterThan(0);

		// the same day in a child process, killed after its fifth chunk
		const out = await runAndKill(['engine', file, DAY, String(CHUNK)], 5);
		expect(out).toContain('exit SIGKILL');
		expect(out).not.toContain('done\n');
		const mid = db.$client.prepare('SELECT * FROM engine_runs WHERE day = ?').get(DAY) as {
			state: string;
			done: number;
			total: number;
			last_claim_id: number;
		};
		expect(mid.state).toBe('running');
		expect(mid.done % CHUNK).toBe(0);
		expect(mid.done).toBeGreaterThanOrEqual(5 * CHUNK);
		expect(mid.done).toBeLessThan(mid.total);
		// whole chunks only: every claim up to the checkpoint evaluated on the day, none after it
		expect(
			scalar(
				db,
				`SELECT count(*) FROM claim_engine WHERE evaluated_on = ? AND claim_id > ?`,
				DAY,
				mid.last_claim_id
			)
		).toBe(0);
		expect(outcome(db, auditFrom)).not.toEqual(want);

		// the rerun (the worker's catch-up or npm run engine:run) resumes after the checkpoint
		const again = runEngine(db, { asOf: DAY, chunk: CHUNK });
		expect(again.ran).toBe(true);
		expect(outcome(db, auditFrom)).toEqual(want);
		expect(verifyAuditChain(db).ok).toBe(true);
		// and a third time does nothing
		expect(runEngine(db, { asOf: DAY })).toMatchObject({ ran: false, reason: 'already_done' });
		clean.$client.close();
	}, 120_000); // 600 claims through six runs and a child process: seconds alone, more on a loaded machine
});
