/**
 * The creditor's reports count the engine's real work (issue 16, item 8): the stage outcomes are
 * the rollup of claim_stage_events, which the engine's transitions write (claim-state.ts
 * enterStage), so a claim the daily run moves shows up in the report as it moves; the liquidation
 * curve is the rollup of the payments. Both equal the full scan of the base tables.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { claimsDue } from '../helpers/engine-fixtures';
import { pay } from '../helpers/reports-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import { changeStatus } from '../../src/lib/server/services/claim-state';
import { engineActor } from '../../src/lib/server/services/engine';
import { writeTx } from '../../src/lib/server/services/tx';
import { liquidation, reportScope, stageOutcomes } from '../../src/lib/server/services/reports';
import { fullScan } from '../../src/lib/server/services/reports-oracle';
import { instantAt } from '../../src/lib/domain/clock';
import type { Actor } from '../../src/lib/domain/actor';

afterAll(removeTempDbs);

describe('reports from the engine’s transitions', () => {
	it('counts the claims the daily run moved through the stages, and how each stage ended', () => {
		const { db, clock } = testDb('2026-03-02');
		const { cr, ids } = claimsDue(db, 5, { charges: { principal: 4_000_000 } });
		const creditor: Actor = { kind: 'creditor', userId: 1, creditorId: cr.creditorId };
		const scope = reportScope(db, creditor);
		// before the engine: every claim is new
		expect(stageOutcomes(db, scope)).toEqual([
			{ stage: 'new', counts: expect.objectContaining({ open: 5 }), total: 5 }
		]);

		clock.set(instantAt('2026-03-16', 16));
		backfill(db, '2026-03-03', '2026-03-16'); // into the friendly reminder
		// one debtor pays in the friendly stage
		writeTx(db, () => {
			pay(db, ids[0], '2026-03-16', { principal: 4_000_000 });
			changeStatus(db, engineActor, ids[0], 'paid', 'test');
		});
		clock.set(instantAt('2026-04-01', 16));
		backfill(db, '2026-03-17', '2026-04-01'); // the others on into the firm reminder
		expect(scalar(db, `SELECT count(*) FROM claims WHERE stage = 'firm_reminder'`)).toBe(4);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM audit_log WHERE action = 'claim.stage' AND actor_kind = 'system'`
			)
		).toBe(9); // 5 into friendly, 4 on into firm

		const rows = stageOutcomes(db, scope);
		expect(rows.map((r) => [r.stage, r.counts.moved_on, r.counts.paid, r.counts.open])).toEqual([
			['new', 5, 0, 0],
			['friendly_reminder', 4, 1, 0],
			['firm_reminder', 0, 0, 4]
		]);
		// the served rollup equals the full scan of the stage events
		expect(rows).toEqual(fullScan.stages(db, scope));

		const curves = liquidation(db, scope);
		expect(curves).toEqual(fullScan.liquidation(db, scope));
		expect(JSON.stringify(curves)).toContain('4000000');
	});
});
