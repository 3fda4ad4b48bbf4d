import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs } from '../helpers/db';
import { all, num, seeded } from '../helpers/seed-fixtures';
import { setClock } from '../../src/lib/server/clock';
import { ManualClock, instantAt } from '../../src/lib/domain/clock';
import { runEngine } from '../../src/lib/server/services/engine-run';

afterAll(removeTempDbs);

/**
 * The seed tells each claim's history with the engine's own evaluator, day by day, and leaves the
 * engine state the live engine would have left: so the live engine, run over the seed's last
 * business day, finds nothing new to do — demo data and live behaviour are one.
 */
describe('the seed and the live engine agree', () => {
	it('a live run over the last seeded business day moves no claim and plans nothing new', async () => {
		setClock(new ManualClock(instantAt('2026-03-02', 10)));
		const db = await seeded(5);
		const before = num(db, 'SELECT count(*) FROM planned_actions');
		expect(before).toBeGreaterThan(0);
		expect(num(db, `SELECT count(*) FROM claim_engine`)).toBe(
			num(db, 'SELECT count(*) FROM claims')
		);
		// 2026-03-02 is a Monday: the seed's history ends on Sunday, its last business day is Friday
		const r = runEngine(db, { asOf: '2026-02-27' });
		expect(r.ran && r.run).toMatchObject({
			state: 'done',
			transitions: 0,
			actionsPlanned: 0,
			errors: 0
		});
		expect(num(db, 'SELECT count(*) FROM planned_actions')).toBe(before);
		// claims were moved by the evaluator: every stage path in the history is in order, none skipped
		const order = ['new', 'friendly_reminder', 'firm_reminder', 'formal_notice', 'legal'];
		const rows = all(
			db,
			'SELECT claim_id, stage FROM claim_stage_events ORDER BY claim_id, entered_at, id'
		);
		const seen = new Map<number, string[]>();
		for (const r of rows)
			seen.set(Number(r.claim_id), [...(seen.get(Number(r.claim_id)) ?? []), String(r.stage)]);
		for (const [id, stages] of seen)
			expect(stages, `claim ${id}`).toEqual(order.slice(0, stages.length));
		// the legal stage queues the claim for the handover to the law firm
		expect(num(db, `SELECT count(*) FROM claims WHERE stage = 'legal' AND status = 'open'`)).toBe(
			num(
				db,
				`SELECT count(*) FROM legal_handovers h JOIN claims c ON c.id = h.claim_id WHERE c.status = 'open' AND h.state = 'queued'`
			)
		);
	});
});
