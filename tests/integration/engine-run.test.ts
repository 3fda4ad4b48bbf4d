import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { claimsDue } from '../helpers/engine-fixtures';
import { runEngine, backfill } from '../../src/lib/server/services/engine-run';
import { reevaluateClaim, engineActor } from '../../src/lib/server/services/engine';
import { changeStatus } from '../../src/lib/server/services/claim-state';
import { writeTx } from '../../src/lib/server/services/tx';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

/** A creditor, and n open claims due on 2026-03-02 (a Monday). */
function world(n: number) {
	const { db, clock } = testDb('2026-03-02');
	return { db, clock, ids: claimsDue(db, n).ids };
}

const stageOf = (db: DB, id: number) => scalar(db, 'SELECT stage FROM claims WHERE id = ?', id);
const actionsOf = (db: DB, id: number) =>
	db.$client
		.prepare(
			'SELECT key, kind, stage, step, state, due_date FROM planned_actions WHERE claim_id = ? ORDER BY id'
		)
		.all(id) as { key: string; kind: string; stage: string; step: string; state: string }[];

describe('the daily engine run', () => {
	it('moves a claim into the friendly reminder on its start day and plans its first step once', () => {
		const { db, ids } = world(1);
		expect(runEngine(db, { asOf: '2026-03-06' })).toMatchObject({ ran: true }); // 4 days past due
		expect(stageOf(db, ids[0])).toBe('new');
		const r = runEngine(db, { asOf: '2026-03-09' }); // Monday, 7 days
		expect(r.ran && r.run).toMatchObject({ state: 'done', done: 1, transitions: 1 });
		expect(stageOf(db, ids[0])).toBe('friendly_reminder');
		const planned = actionsOf(db, ids[0]);
		expect(planned.map((a) => a.step)).toEqual(['first']);
		// the same day again: one run per day, and a re-evaluation plans nothing new
		expect(runEngine(db, { asOf: '2026-03-09' })).toMatchObject({
			ran: false,
			reason: 'already_done'
		});
		expect(reevaluateClaim(db, engineActor, ids[0]).actions).toBe(0);
		expect(actionsOf(db, ids[0])).toHaveLength(1);
	});

	it('runs only on business days', () => {
		const { db } = world(1);
		expect(runEngine(db, { asOf: '2026-03-07' })).toMatchObject({
			ran: false,
			reason: 'not_business_day'
		});
		expect(scalar(db, 'SELECT count(*) FROM engine_runs')).toBe(0);
	});

	it('resumes a run stopped between chunks and ends where one clean run ends', () => {
		const a = world(30);
		const b = world(30);
		backfill(a.db, '2026-03-03', '2026-03-20');
		backfill(b.db, '2026-03-03', '2026-03-19');
		// day 20 in b: stop after the second chunk (the process dies), then run again
		expect(() =>
			runEngine(b.db, {
				asOf: '2026-03-20',
				chunk: 7,
				afterChunk: (run) => {
					if (run.done >= 14) throw new Error('killed');
				}
			})
		).toThrow('killed');
		expect(scalar(b.db, `SELECT state FROM engine_runs WHERE day = '2026-03-20'`)).toBe('running');
		runEngine(b.db, { asOf: '2026-03-20', chunk: 7 });
		const keys = (db: DB) =>
			(
				db.$client.prepare('SELECT key FROM planned_actions ORDER BY key').all() as {
					key: string;
				}[]
			).map((r) => r.key);
		expect(keys(b.db)).toEqual(keys(a.db));
		expect(scalar(b.db, `SELECT done FROM engine_runs WHERE day = '2026-03-20'`)).toBe(30);
	});

	it('cancels what is still planned when the claim is paid, and plans nothing more', () => {
		const { db, ids } = world(1);
		backfill(db, '2026-03-03', '2026-03-09');
		expect(actionsOf(db, ids[0]).map((a) => a.state)).toEqual(['planned']);
		writeTx(db, () => changeStatus(db, engineActor, ids[0], 'paid', 'test'));
		db.$client.prepare('UPDATE claims SET balance_minor = 0 WHERE id = ?').run(ids[0]);
		reevaluateClaim(db, engineActor, ids[0]);
		expect(actionsOf(db, ids[0]).map((a) => a.state)).toEqual(['cancelled']);
		backfill(db, '2026-03-10', '2026-04-30');
		expect(actionsOf(db, ids[0])).toHaveLength(1);
	});
});
