/**
 * Strategy versions (the editor's saves, who may save, refusals next to their fields) and moving
 * claims from one version to another. Champion/challenger experiments:
 * strategy-experiments.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar } from '../helpers/db';
import { makeClaim, fieldKeys } from '../helpers/portal-fixtures';
import { auditsOf, bodyWith, strategyWorld } from '../helpers/strategy-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import {
	claimsUnderVersion,
	moveClaims,
	saveStrategyVersion,
	strategyOverview
} from '../../src/lib/server/services/strategies';
import { startExperiment } from '../../src/lib/server/services/strategy-experiments';
import { claimEngineRow } from '../../src/lib/server/services/strategy-versions';
import { changeStatus } from '../../src/lib/server/services/claim-state';
import { writeTx } from '../../src/lib/server/services/tx';
import { ConflictError, NotFoundError } from '../../src/lib/server/services/errors';
import { systemActor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);
const keys = (db: DB) =>
	(
		db.$client.prepare('SELECT key, state FROM planned_actions ORDER BY key').all() as {
			key: string;
			state: string;
		}[]
	).map((r) => `${r.key} ${r.state}`);
const versionOf = (db: DB, claimId: number) =>
	scalar(db, 'SELECT version_id FROM claim_engine WHERE claim_id = ?', claimId);

describe('strategy versions', () => {
	it('an edit is version n + 1; claims already running keep their version and their planned actions', () => {
		const a = strategyWorld(5);
		const b = strategyWorld(5);
		backfill(a.db, '2026-03-03', '2026-03-12');
		backfill(b.db, '2026-03-03', '2026-03-12');
		const v1 = versionOf(a.db, a.ids[0]);
		// in a only: a much faster strategy is saved while the claims run
		const body = bodyWith(1);
		body.stages[1].startDay = 8;
		body.stages[2].startDay = 20;
		const saved = saveStrategyVersion(a.db, a.user, { body, label: 'gyorsabb' });
		expect(saved.version).toBe(2);
		backfill(a.db, '2026-03-13', '2026-05-29');
		backfill(b.db, '2026-03-13', '2026-05-29');
		for (const id of a.ids) expect(versionOf(a.db, id)).toBe(v1);
		expect(keys(a.db)).toEqual(keys(b.db));
		expect(keys(a.db).length).toBeGreaterThan(10);
		// a claim placed after the save starts under version 2
		const fresh = makeClaim(a.db, a.cr, a.debtor, { principal: 1_000 });
		expect(writeTx(a.db, () => claimEngineRow(a.db, fresh)).versionId).toBe(saved.id);
		// the list shows both, with who saved and how many claims run under each
		const o = strategyOverview(a.db, a.user, {});
		expect(o.versions.map((v) => v.version)).toEqual([2, 1]);
		expect(claimsUnderVersion(a.db, a.user, { versionId: saved.id })).toBe(1);
		expect(claimsUnderVersion(a.db, a.user, { versionId: v1 })).toBe(5);
		expect(o.versions[0].author).toBe('a@example.hu');
		expect(o.versions[0].label).toBe('gyorsabb');
		expect(o.current.body.stages[0].startDay).toBe(1);
		const logged = auditsOf(a.db, 'strategy.version.save');
		expect(logged).toHaveLength(1);
		expect(JSON.parse(logged[0].after_json)).toMatchObject({ version: 2, label: 'gyorsabb' });
		// the stored body cannot be changed in place
		expect(() =>
			a.db.$client.prepare(`UPDATE strategy_versions SET body_json = '{}' WHERE id = ?`).run(v1)
		).toThrow();
	});

	it('the first save of a creditor without versions keeps its earlier strategy as version 1', () => {
		const w = strategyWorld(0);
		expect(strategyOverview(w.db, w.user, {}).versions).toEqual([]);
		expect(scalar(w.db, 'SELECT count(*) FROM strategy_versions')).toBe(0); // reading writes nothing
		expect(saveStrategyVersion(w.db, w.user, { body: bodyWith(6) }).version).toBe(2);
		expect(strategyOverview(w.db, w.user, {}).versions.map((v) => v.version)).toEqual([2, 1]);
	});

	it('refuses a strategy with problems, each next to its field, and saves nothing', () => {
		const w = strategyWorld(0);
		const body = bodyWith(30); // after the firm reminder's 20
		body.stages[1].steps[1].channels = [];
		body.stages[0].fee = { kind: 'fixed', amountMinor: 100_000 }; // the contract allows no fees
		body.promiseGraceDays = 99;
		expect(fieldKeys(() => saveStrategyVersion(w.db, w.user, { body }))).toEqual({
			'stages.1.startDay': 'strategy.error.startOrder',
			'stages.1.steps.1.channels': 'strategy.error.noChannels',
			'stages.0.fee': 'strategy.fee.refused.contract',
			promiseGraceDays: 'strategy.error.range'
		});
		expect(scalar(w.db, 'SELECT count(*) FROM strategy_versions')).toBe(0);
		expect(auditsOf(w.db, 'strategy.version.save')).toHaveLength(0);
		// with fees in the contract the fee is taken
		w.db.$client.prepare('UPDATE creditors SET fees_allowed = 1').run();
		const ok = bodyWith(5);
		ok.stages[0].fee = { kind: 'fixed', amountMinor: 100_000 };
		expect(saveStrategyVersion(w.db, w.user, { body: ok }).version).toBe(2);
	});

	it('creditor users reach only their own creditor; admins any', () => {
		const w = strategyWorld(2);
		const mine = saveStrategyVersion(w.db, w.user, { body: bodyWith(4) });
		expect(() => strategyOverview(w.db, w.otherUser, { creditorId: w.cr.creditorId })).toThrow(
			NotFoundError
		);
		expect(() =>
			saveStrategyVersion(w.db, w.otherUser, { creditorId: w.cr.creditorId, body: bodyWith(4) })
		).toThrow(NotFoundError);
		expect(() =>
			saveStrategyVersion(w.db, w.otherUser, { portfolioId: w.cr.portfolioId, body: bodyWith(4) })
		).toThrow(NotFoundError);
		expect(() => claimsUnderVersion(w.db, w.otherUser, { versionId: mine.id })).toThrow(
			NotFoundError
		);
		expect(() =>
			moveClaims(w.db, w.otherUser, {
				fromVersionId: mine.id - 1,
				toVersionId: mine.id,
				expectedCount: 0
			})
		).toThrow(NotFoundError);
		// the other creditor's own view shows none of the first one's versions
		expect(strategyOverview(w.db, w.otherUser, {}).versions).toEqual([]);
		// an admin saves for the creditor asked for
		const byAdmin = saveStrategyVersion(w.db, w.admin, {
			creditorId: w.other.creditorId,
			body: bodyWith(7)
		});
		expect(byAdmin.version).toBe(2);
		expect(
			strategyOverview(w.db, w.admin, { creditorId: w.other.creditorId }).versions[0].author
		).toBe('Admin');
		// a portfolio has its own numbering
		expect(
			saveStrategyVersion(w.db, w.user, { portfolioId: w.cr.portfolioId, body: bodyWith(3) })
				.version
		).toBe(1);
	});
});

describe('moving claims to another version', () => {
	it('shows the count first, moves exactly those (not paid ones), and audits the count', () => {
		const w = strategyWorld(4);
		backfill(w.db, '2026-03-03', '2026-03-10'); // in the friendly reminder, first step planned
		const v1 = versionOf(w.db, w.ids[0]);
		writeTx(w.db, () => changeStatus(w.db, systemActor('test'), w.ids[3], 'paid', 'paid'));
		const v2 = saveStrategyVersion(w.db, w.user, { body: bodyWith(9) });
		expect(claimsUnderVersion(w.db, w.user, { versionId: v1 })).toBe(3);
		// a count that is no longer true moves nothing and says the new one
		let conflict: unknown;
		try {
			moveClaims(w.db, w.user, { fromVersionId: v1, toVersionId: v2.id, expectedCount: 2 });
		} catch (e) {
			conflict = e;
		}
		expect(conflict).toBeInstanceOf(ConflictError);
		expect((conflict as ConflictError).params).toEqual({ count: 3 });
		expect(versionOf(w.db, w.ids[0])).toBe(v1);
		expect(
			moveClaims(w.db, w.user, { fromVersionId: v1, toVersionId: v2.id, expectedCount: 3 })
		).toEqual({ moved: 3, cancelled: 3 });
		// the old version's waiting actions of the moved claims are dropped; the new one plans on
		const planned = (version: number) =>
			scalar(
				w.db,
				`SELECT count(*) FROM planned_actions WHERE version_id = ? AND state = 'planned' AND claim_id <> ?`,
				version,
				w.ids[3]
			);
		expect(planned(v1)).toBe(0);
		expect(
			scalar(w.db, `SELECT count(*) FROM planned_actions WHERE cancel_reason = 'version_moved'`)
		).toBe(3);
		backfill(w.db, '2026-03-11', '2026-03-13');
		expect(planned(v1)).toBe(0);
		expect(planned(v2.id)).toBeGreaterThanOrEqual(3);
		expect(w.ids.map((id) => versionOf(w.db, id))).toEqual([v2.id, v2.id, v2.id, v1]);
		const logged = auditsOf(w.db, 'strategy.claims.move');
		expect(logged).toHaveLength(1);
		expect(JSON.parse(logged[0].after_json)).toMatchObject({
			versionId: v2.id,
			claims: 3,
			cancelledActions: 3
		});
		expect(claimsUnderVersion(w.db, w.user, { versionId: v1 })).toBe(0);
	});

	it('never moves the claims of a version in a running experiment (its arm would mix)', () => {
		const w = strategyWorld(2);
		const v1 = writeTx(w.db, () => w.ids.map((id) => claimEngineRow(w.db, id)))[0].versionId;
		const v2 = saveStrategyVersion(w.db, w.user, { body: bodyWith(9) });
		startExperiment(w.db, w.user, {
			name: 'fut',
			arms: [
				{ versionId: v1, weight: 80 },
				{ versionId: v2.id, weight: 20 }
			]
		});
		expect(() =>
			moveClaims(w.db, w.user, { fromVersionId: v1, toVersionId: v2.id, expectedCount: 2 })
		).toThrow(ConflictError);
		expect(w.ids.map((id) => versionOf(w.db, id))).toEqual([v1, v1]);
		expect(auditsOf(w.db, 'strategy.claims.move')).toHaveLength(0);
	});
});
