import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor, addStaff } from '../helpers/portal-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import { reevaluateClaim, engineActor } from '../../src/lib/server/services/engine';
import {
	claimsUnderVersion,
	moveClaims,
	saveStrategyVersion
} from '../../src/lib/server/services/strategies';
import { defaultStrategyVersion } from '../../src/lib/domain/strategy';
import { instantAt } from '../../src/lib/domain/clock';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

const ADMIN = { kind: 'admin' as const, userId: 1 };

const actions = (db: DB, claimId: number) =>
	db.$client
		.prepare(
			'SELECT version_id AS v, step, state FROM planned_actions WHERE claim_id = ? AND stage = ? ORDER BY id'
		)
		.all(claimId, 'firm_reminder') as { v: number; step: string; state: string }[];

describe('moving claims to a new strategy version', () => {
	it('keeps what the old version already did in the current stage: a call made is not planned again', () => {
		const { db, clock } = testDb('2026-03-02');
		addStaff(db, 'admin', 'a@example.test', 'A');
		const cr = makeCreditor(db);
		const claimId = makeClaim(db, cr, makeDebtor(db), { principal: 5_000_000 });
		db.$client.prepare(`UPDATE claims SET due_date = '2026-03-02'`).run();
		backfill(db, '2026-03-03', '2026-03-27'); // the firm reminder's call is planned on the 27th
		db.$client.prepare(`UPDATE planned_actions SET state = 'done' WHERE step = 'call'`).run();
		const v1 = actions(db, claimId)[0].v;

		const { body } = {
			body: (({ strategyId: _s, version: _v, ...rest }) => rest)(defaultStrategyVersion())
		};
		const v2 = saveStrategyVersion(db, ADMIN, { creditorId: cr.creditorId, body, label: 'új' });
		const count = claimsUnderVersion(db, ADMIN, { versionId: v1 });
		expect(count).toBe(1);
		moveClaims(db, ADMIN, { fromVersionId: v1, toVersionId: v2.id, expectedCount: count });

		clock.set(instantAt('2026-03-30', 10));
		reevaluateClaim(db, engineActor, claimId);
		const under2 = actions(db, claimId).filter((a) => a.v === v2.id);
		// the call and the first reminder carried over as done; nothing of them planned again
		expect(under2.filter((a) => a.step === 'call')).toEqual([
			{ v: v2.id, step: 'call', state: 'done' }
		]);
		expect(under2.filter((a) => a.state === 'planned').map((a) => a.step)).not.toContain('call');
	});
});
