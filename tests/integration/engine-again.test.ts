import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { resumeUnfinished, runEngine } from '../../src/lib/server/services/engine-run';
import { runAgain } from '../../src/lib/server/services/engine-overview';
import { ConflictError, ForbiddenError } from '../../src/lib/server/services/errors';
import { instantAt } from '../../src/lib/domain/clock';

afterAll(removeTempDbs);

const OPERATOR = { kind: 'operator' as const, userId: 1 };

describe("an operator runs today's pass again", () => {
	it('restarts the day’s one run from the first claim; the worker takes it to the end; nothing is planned twice', () => {
		const { db } = testDb('2026-03-20');
		const cr = makeCreditor(db);
		const debtor = makeDebtor(db);
		for (let i = 0; i < 3; i++) makeClaim(db, cr, debtor, { principal: 5_000_000 });
		db.$client.prepare(`UPDATE claims SET due_date = '2026-03-02'`).run();
		const first = runEngine(db);
		expect(first.ran && first.run.transitions).toBe(3);
		const planned = scalar(db, 'SELECT count(*) FROM planned_actions');

		expect(runAgain(db, OPERATOR)).toEqual({ day: '2026-03-20' });
		expect(scalar(db, `SELECT state || ' / ' || done FROM engine_runs`)).toBe('running / 0');
		// asked again while it is going: refused in words
		expect(() => runAgain(db, OPERATOR)).toThrow(ConflictError);
		const [again] = resumeUnfinished(db);
		expect(again).toMatchObject({ ran: true, run: { state: 'done', done: 3 } });
		expect(scalar(db, 'SELECT count(*) FROM engine_runs')).toBe(1);
		expect(scalar(db, 'SELECT count(*) FROM planned_actions')).toBe(planned);
		expect(scalar(db, `SELECT count(*) FROM audit_log WHERE action = 'engine.run_again'`)).toBe(1);
	});

	it('is refused on a day with no run, and for creditor users', () => {
		const { db, clock } = testDb('2026-03-21'); // a Saturday
		expect(() => runAgain(db, OPERATOR)).toThrow(ConflictError);
		clock.set(instantAt('2026-03-20', 10));
		expect(() => runAgain(db, { kind: 'creditor', userId: 2, creditorId: 1 })).toThrow(
			ForbiddenError
		);
	});
});
