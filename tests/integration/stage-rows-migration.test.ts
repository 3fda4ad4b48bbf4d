/**
 * Migration 0007 on a database written before it: a claim that came back to a stage had two rows
 * for it, and the stage outcomes counted it twice. The migration merges them (first entry, last
 * outcome), adds the unique index, and counts the rollup again.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDatabase, migrateDatabase } from '../../src/lib/server/db/client';
import { tempDbPath, manualClock, migrationsBefore, allRows } from '../helpers/db';
import { addCreditor, addPortfolio, addClaim } from '../helpers/reports-fixtures';
import { dashboard, served, reportScope } from '../../src/lib/server/services/reports';
import { fullScan } from '../../src/lib/server/services/reports-oracle';
import { instantAt } from '../../src/lib/domain/clock';

describe('migration 0007: one stage row per claim and stage', () => {
	it('merges the rows of a stage re-entered before it, and the stage outcomes count each claim once', () => {
		manualClock('2026-03-02');
		const db = openDatabase(tempDbPath('stage-rows'));
		migrateDatabase(db, migrationsBefore(7));
		const at = (d: string) => instantAt(d, 10);
		const a = addCreditor(db, 'Alfa Bank');
		const p = addPortfolio(db, a, 'Alfa 2026/01', '2026-01-10');
		const c1 = addClaim(db, {
			creditorId: a,
			portfolioId: p,
			reference: 'A-1',
			currency: 'HUF',
			placedDate: '2026-01-10',
			dueDate: '2025-12-01',
			charges: { principal: 1_000_000 }
		});
		const c2 = addClaim(db, {
			creditorId: a,
			portfolioId: p,
			reference: 'A-2',
			currency: 'HUF',
			placedDate: '2026-01-10',
			dueDate: '2025-12-01',
			charges: { principal: 2_000_000 }
		});
		const c3 = addClaim(db, {
			creditorId: a,
			portfolioId: p,
			reference: 'A-3',
			currency: 'HUF',
			placedDate: '2026-01-10',
			dueDate: '2025-12-01',
			charges: { principal: 3_000_000 }
		});
		const ins = db.$client.prepare(
			'INSERT INTO claim_stage_events (claim_id, stage, entered_at, left_at, outcome) VALUES (?, ?, ?, ?, ?)'
		);
		const close = db.$client.prepare(
			"UPDATE claim_stage_events SET left_at = ?, outcome = ? WHERE claim_id = ? AND stage = 'new'"
		);
		// c1, as the code before 0007 wrote it: friendly reminder -> a plan -> broken -> paid
		close.run(at('2026-01-12'), 'moved_on', c1);
		ins.run(c1, 'friendly_reminder', at('2026-01-12'), at('2026-01-20'), 'in_plan');
		ins.run(c1, 'friendly_reminder', at('2026-02-10'), at('2026-02-25'), 'paid');
		// c2: disputed in 'new', the dispute rejected, still open there
		close.run(at('2026-01-15'), 'disputed', c2);
		ins.run(c2, 'new', at('2026-02-14'), null, null);
		// c3: three times in the firm reminder stage (a plan, then a dispute, then open again)
		close.run(at('2026-01-11'), 'moved_on', c3);
		ins.run(c3, 'firm_reminder', at('2026-01-11'), at('2026-01-20'), 'in_plan');
		ins.run(c3, 'firm_reminder', at('2026-02-01'), at('2026-02-03'), 'disputed');
		ins.run(c3, 'firm_reminder', at('2026-02-20'), null, null);
		const countOf = (stage: string) =>
			db.$client
				.prepare(
					'SELECT outcome, events FROM report_stage_outcomes WHERE stage = ? AND events > 0 ORDER BY outcome'
				)
				.all(stage);
		expect(countOf('friendly_reminder')).toEqual([
			{ outcome: 'in_plan', events: 1 },
			{ outcome: 'paid', events: 1 }
		]);

		migrateDatabase(db, path.resolve('drizzle'));

		const rows = allRows(
			db,
			'SELECT claim_id, stage, entered_at, left_at, outcome FROM claim_stage_events ORDER BY claim_id, id'
		);
		expect(rows).toEqual([
			{
				claim_id: c1,
				stage: 'new',
				entered_at: at('2026-01-10'),
				left_at: at('2026-01-12'),
				outcome: 'moved_on'
			},
			{
				claim_id: c1,
				stage: 'friendly_reminder',
				entered_at: at('2026-01-12'),
				left_at: at('2026-02-25'),
				outcome: 'paid'
			},
			{ claim_id: c2, stage: 'new', entered_at: at('2026-01-10'), left_at: null, outcome: null },
			{
				claim_id: c3,
				stage: 'new',
				entered_at: at('2026-01-10'),
				left_at: at('2026-01-11'),
				outcome: 'moved_on'
			},
			{
				claim_id: c3,
				stage: 'firm_reminder',
				entered_at: at('2026-01-11'),
				left_at: null,
				outcome: null
			}
		]);
		expect(countOf('firm_reminder')).toEqual([{ outcome: 'open', events: 1 }]);
		expect(countOf('friendly_reminder')).toEqual([{ outcome: 'paid', events: 1 }]);
		expect(countOf('new')).toEqual([
			{ outcome: 'moved_on', events: 2 },
			{ outcome: 'open', events: 1 }
		]);
		const actor = { kind: 'creditor' as const, userId: 1, creditorId: a };
		const s = reportScope(db, actor, {});
		expect(served.stages(db, s)).toEqual(fullScan.stages(db, s));
		expect(dashboard(db, actor).stages.map((r) => [r.stage, r.total])).toEqual([
			['new', 3],
			['friendly_reminder', 1],
			['firm_reminder', 1]
		]);
		// the index keeps it so
		expect(() => ins.run(c1, 'friendly_reminder', at('2026-03-01'), null, null)).toThrow(/UNIQUE/);
		db.$client.close();
	});
});
