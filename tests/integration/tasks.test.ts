import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeCreditor, makeDebtor, addStaff } from '../helpers/portal-fixtures';
import { claimsDue } from '../helpers/engine-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import { dueTasks, recordTaskOutcome } from '../../src/lib/server/services/tasks';
import { ConflictError, ForbiddenError } from '../../src/lib/server/services/errors';
import { instantAt } from '../../src/lib/domain/clock';

afterAll(removeTempDbs);

const OPERATOR = { kind: 'operator' as const, userId: 1 };

/** One claim due 2026-03-02 run by the engine until its firm reminder's call step is planned (27 March). */
function world() {
	const { db, clock } = testDb('2026-03-02');
	addStaff(db, 'operator', 'op@example.test', 'Op');
	const cr = makeCreditor(db);
	const debtorId = makeDebtor(db, 'Teszt Elek', { phone: '+36301234567' });
	const [claimId] = claimsDue(db, 1, { creditor: cr, debtorId }).ids;
	backfill(db, '2026-03-03', '2026-03-27');
	clock.set(instantAt('2026-03-27', 10));
	return { db, clock, claimId };
}

describe('the operators’ call and visit queue', () => {
	it('lists the call the engine planned, with the phone, and records how it went', () => {
		const { db, claimId } = world();
		const tasks = dueTasks(db, OPERATOR);
		expect(tasks).toHaveLength(1);
		expect(tasks[0]).toMatchObject({
			claimId,
			channel: 'call',
			reach: '+36301234567',
			stage: 'firm_reminder',
			refusal: null
		});
		recordTaskOutcome(db, OPERATOR, { taskId: tasks[0].id, outcome: 'no_answer' });
		expect(dueTasks(db, OPERATOR)).toEqual([]);
		expect(scalar(db, `SELECT state FROM planned_actions WHERE id = ?`, tasks[0].id)).toBe('done');
		expect(
			scalar(
				db,
				`SELECT outcome || '/' || channel || '/' || operator_id FROM contact_events WHERE claim_id = ?`,
				claimId
			)
		).toBe('no_answer/call/1');
		expect(scalar(db, `SELECT count(*) FROM audit_log WHERE action = 'task.done'`)).toBe(1);
		// done is done: the form sent twice finds no task
		expect(() =>
			recordTaskOutcome(db, OPERATOR, { taskId: tasks[0].id, outcome: 'no_answer' })
		).toThrow();
	});

	it('C1: outside the contact hours the call is refused, recorded as blocked, and stays in the queue', () => {
		const { db, clock, claimId } = world();
		clock.set(instantAt('2026-03-27', 21));
		const [task] = dueTasks(db, OPERATOR);
		expect(task.refusal).toBe('c1_window');
		expect(() =>
			recordTaskOutcome(db, OPERATOR, { taskId: task.id, outcome: 'conversation' })
		).toThrow(ConflictError);
		expect(
			scalar(
				db,
				`SELECT blocked_reason FROM contact_events WHERE claim_id = ? AND outcome = 'blocked'`,
				claimId
			)
		).toBe('c1_window');
		expect(scalar(db, `SELECT state FROM planned_actions WHERE id = ?`, task.id)).toBe('planned');
	});

	it('C2: the fourth identified contact in 7 days is refused with its reason recorded', () => {
		const { db, claimId } = world();
		const ins = db.$client.prepare(
			`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, occurred_at)
			 SELECT id, debtor_id, 'sms', stage, 'outbound', 'delivered', ? FROM claims WHERE id = ?`
		);
		for (const d of ['2026-03-23', '2026-03-24', '2026-03-25']) ins.run(instantAt(d, 10), claimId);
		const [task] = dueTasks(db, OPERATOR);
		expect(task.refusal).toBe('c2_cap');
		expect(() =>
			recordTaskOutcome(db, OPERATOR, { taskId: task.id, outcome: 'conversation' })
		).toThrow(ConflictError);
		expect(scalar(db, `SELECT blocked_reason FROM contact_events WHERE outcome = 'blocked'`)).toBe(
			'c2_cap'
		);
	});

	it('is for agency staff only', () => {
		const { db } = world();
		expect(() => dueTasks(db, { kind: 'creditor', userId: 9, creditorId: 1 })).toThrow(
			ForbiddenError
		);
	});
});
