/**
 * Champion/challenger: claims placed during an experiment get their arm by a stable hash, recorded
 * and never changed; claims older than the experiment stay out of its sample; the report per arm.
 * Strategy versions themselves: strategies.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar } from '../helpers/db';
import { makeClaim, fieldKeys } from '../helpers/portal-fixtures';
import { contact, pay } from '../helpers/reports-fixtures';
import { auditsOf, bodyWith, strategyWorld } from '../helpers/strategy-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import { saveStrategyVersion, strategyOverview } from '../../src/lib/server/services/strategies';
import {
	endExperiment,
	experimentReport,
	startExperiment
} from '../../src/lib/server/services/strategy-experiments';
import { claimEngineRow } from '../../src/lib/server/services/strategy-versions';
import { importFile } from '../../src/lib/server/services/placements';
import { changeStatus, enterStage } from '../../src/lib/server/services/claim-state';
import { writeTx } from '../../src/lib/server/services/tx';
import { ConflictError, NotFoundError } from '../../src/lib/server/services/errors';
import { armFor, type Arm } from '../../src/lib/domain/experiments';
import { CONTACT_COST_HUF_MINOR } from '../../src/lib/domain/experiment-stats';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { systemActor } from '../../src/lib/domain/actor';

afterAll(removeTempDbs);
const H = PLACEMENT_COLUMNS.join(';');
const csv = (n: number, prefix: string) =>
	new TextEncoder().encode(
		[
			H,
			...Array.from(
				{ length: n },
				(_, i) =>
					`${prefix}-${i};person;Adós ${prefix}${i};1975-04-12;;1051;Budapest;Fő u. ${i + 1}.;;;HUF;2026-02-01;100000;0;0;0;100000;`
			)
		].join('\n')
	);

describe('champion/challenger', () => {
	it('assigns every placed claim its arm by the stable hash at placement, recorded and never changed', () => {
		const w = strategyWorld(0);
		const v1 = saveStrategyVersion(w.db, w.user, { body: bodyWith(5) }); // version 2
		const v2 = saveStrategyVersion(w.db, w.user, { body: bodyWith(3) }); // version 3
		const arms: Arm[] = [
			{ versionId: v1.id, weight: 50 },
			{ versionId: v2.id, weight: 50 }
		];
		expect(
			fieldKeys(() =>
				startExperiment(w.db, w.user, {
					name: 'x',
					arms: [{ versionId: v1.id, weight: 100 }]
				})
			)
		).toEqual({ arms: 'strategy.experiment.error.arms' });
		const exp = startExperiment(w.db, w.user, { name: 'Rövidebb barátságos', arms });
		expect(() => startExperiment(w.db, w.user, { name: 'második', arms })).toThrow(ConflictError);
		// another creditor cannot use these versions
		expect(() => startExperiment(w.db, w.otherUser, { name: 'x', arms })).toThrow(NotFoundError);

		importFile(w.db, systemActor('import'), {
			creditorId: w.cr.creditorId,
			portfolioName: 'Új',
			bytes: csv(60, 'E')
		});
		const rows = w.db.$client
			.prepare(
				`SELECT c.id, ce.version_id AS v, ce.experiment_id AS e, ce.arm FROM claims c LEFT JOIN claim_engine ce ON ce.claim_id = c.id WHERE c.reference LIKE 'E-%'`
			)
			.all() as { id: number; v: number; e: number; arm: number }[];
		expect(rows).toHaveLength(60);
		for (const r of rows) {
			expect(r.e).toBe(exp.id);
			expect(r.arm).toBe(armFor(exp.id, r.id, arms));
			expect(r.v).toBe(arms[r.arm].versionId);
		}
		expect(new Set(rows.map((r) => r.arm))).toEqual(new Set([0, 1]));
		// the engine's runs and a strategy save later change none of it
		saveStrategyVersion(w.db, w.user, { body: bodyWith(2) });
		backfill(w.db, '2026-03-03', '2026-03-20');
		const after = w.db.$client
			.prepare(
				`SELECT ce.claim_id AS id, ce.version_id AS v, ce.experiment_id AS e, ce.arm FROM claim_engine ce JOIN claims c ON c.id = ce.claim_id WHERE c.reference LIKE 'E-%' ORDER BY ce.claim_id`
			)
			.all();
		expect(after).toEqual([...rows].sort((x, y) => x.id - y.id));

		// ending it promotes a version: a copy becomes the newest, new claims start under it
		const o = strategyOverview(w.db, w.user, {});
		expect(o.running).toBe(exp.id);
		const end = endExperiment(w.db, w.user, { experimentId: exp.id, promoteVersionId: v2.id });
		expect(end).toMatchObject({ version: 5, copied: true });
		expect(() =>
			endExperiment(w.db, w.user, { experimentId: exp.id, promoteVersionId: v2.id })
		).toThrow(ConflictError);
		const logged = auditsOf(w.db, 'strategy.experiment.end');
		expect(JSON.parse(logged[0].after_json)).toMatchObject({
			fromVersionId: v2.id,
			promotedVersionId: end.promotedVersionId
		});
		importFile(w.db, systemActor('import'), {
			creditorId: w.cr.creditorId,
			portfolioName: 'Utána',
			bytes: csv(3, 'F')
		});
		expect(
			w.db.$client
				.prepare(
					`SELECT DISTINCT ce.version_id || ':' || coalesce(ce.experiment_id, '-') FROM claim_engine ce JOIN claims c ON c.id = ce.claim_id WHERE c.reference LIKE 'F-%'`
				)
				.pluck()
				.all()
		).toEqual([`${end.promotedVersionId}:-`]);
		// the old arms keep their claims
		expect(scalar(w.db, 'SELECT count(*) FROM claim_engine WHERE experiment_id = ?', exp.id)).toBe(
			60
		);
		// another creditor's user cannot read or end it
		expect(() => experimentReport(w.db, w.otherUser, { experimentId: exp.id })).toThrow(
			NotFoundError
		);
	});

	it('a claim older than the experiment, met by the engine for the first time, is not in its sample', () => {
		const w = strategyWorld(1); // made at 10:00
		const v2 = saveStrategyVersion(w.db, w.user, { body: bodyWith(3) });
		w.clock.advance(3_600_000);
		const exp = startExperiment(w.db, w.user, {
			name: 'újak',
			arms: [
				{ versionId: v2.id - 1, weight: 50 },
				{ versionId: v2.id, weight: 50 }
			]
		});
		w.clock.advance(3_600_000);
		const later = makeClaim(w.db, w.cr, w.debtor, { principal: 1_000 });
		const [old, young] = writeTx(w.db, () => [
			claimEngineRow(w.db, w.ids[0]),
			claimEngineRow(w.db, later)
		]);
		expect([old.experimentId, old.arm, old.versionId]).toEqual([null, null, v2.id]);
		expect(young.experimentId).toBe(exp.id);
		expect(young.arm).toBe(
			armFor(exp.id, later, [
				{ versionId: v2.id - 1, weight: 50 },
				{ versionId: v2.id, weight: 50 }
			])
		);
	});

	it('the report per arm matches the figures computed by hand', () => {
		const w = strategyWorld(4);
		const v2 = saveStrategyVersion(w.db, w.user, { body: bodyWith(3) });
		const v1 = strategyOverview(w.db, w.user, {}).versions[1].id;
		const exp = startExperiment(w.db, w.user, {
			name: 'kézi',
			arms: [
				{ versionId: v1, weight: 90 },
				{ versionId: v2.id, weight: 10 }
			]
		});
		// arms set by hand: claims 0, 1 champion; 2, 3 challenger (each placed 50 000 Ft)
		const setArm = w.db.$client.prepare(
			'INSERT INTO claim_engine (claim_id, version_id, experiment_id, arm, cycle, assigned_at) VALUES (?, ?, ?, ?, 0, 0)'
		);
		const [c0, c1, c2, c3] = w.ids;
		setArm.run(c0, v1, exp.id, 0);
		setArm.run(c1, v1, exp.id, 0);
		setArm.run(c2, v2.id, exp.id, 1);
		setArm.run(c3, v2.id, exp.id, 1);
		w.db.$client.prepare(`UPDATE claims SET placed_date = '2026-03-02'`).run();
		writeTx(w.db, () => {
			// champion: c0 pays 1 000 000 in March, 1 500 000 in April; c1 pays all in April (paid off)
			pay(w.db, c0, '2026-03-10', { principal: 1_000_000 });
			pay(w.db, c0, '2026-04-10', { principal: 1_500_000 });
			pay(w.db, c1, '2026-04-20', { principal: 5_000_000 });
			changeStatus(w.db, systemActor('t'), c1, 'paid', 'paid');
			// challenger: c3 pays 500 000 in May
			pay(w.db, c3, '2026-05-05', { principal: 500_000 });
			contact(w.db, c0, 'sms', '2026-03-05');
			contact(w.db, c0, 'sms', '2026-03-08');
			contact(w.db, c1, 'email', '2026-03-05', 'blocked'); // blocked: not a contact
			contact(w.db, c2, 'letter', '2026-03-20');
			contact(w.db, c3, 'call', '2026-03-21', 'conversation');
			enterStage(w.db, systemActor('t'), c2, 'friendly_reminder');
		});
		w.clock.set(Date.parse('2026-05-20T10:00:00Z'));
		const r = experimentReport(w.db, w.user, { experimentId: exp.id });
		expect(r.currency).toBe('HUF');
		expect(r.months).toBe(3); // March, April, May
		const [a, b] = r.arms;
		expect([a.claims, a.placedMinor, a.collectedMinor, a.paidOff]).toEqual([
			2, 10_000_000, 7_500_000, 1
		]);
		expect(a.recovery!.rate).toBe(0.75);
		// residuals y − 0.75x: 2 500 000 − 3 750 000 and 5 000 000 − 3 750 000 -> ±1 250 000;
		// s² = 2·1.5625e12 / 1 = 3.125e12, se = sqrt(3.125e12 / 2) / 5e6 = 0.25
		expect(a.recovery!.se).toBeCloseTo(0.25, 10);
		expect(a.liquidation).toEqual([0.1, 0.75, 0.75]);
		expect(a.contacts).toEqual({ sms: 2 });
		expect(a.costMinor).toBe(2 * CONTACT_COST_HUF_MINOR.sms);
		expect(a.costPerForint).toBeCloseTo((2 * CONTACT_COST_HUF_MINOR.sms) / 7_500_000, 12);
		expect(a.paidOffShare).toBe(0.5);
		expect(a.vsChampion).toBeNull();

		expect([b.claims, b.placedMinor, b.collectedMinor, b.paidOff]).toEqual([
			2, 10_000_000, 500_000, 0
		]);
		expect(b.recovery!.rate).toBe(0.05);
		expect(b.liquidation).toEqual([0, 0, 0.05]);
		expect(b.contacts).toEqual({ letter: 1, call: 1 });
		expect(b.costMinor).toBe(CONTACT_COST_HUF_MINOR.letter + CONTACT_COST_HUF_MINOR.call);
		expect(b.stages.map((s) => [s.stage, s.total])).toEqual([
			['new', 2],
			['friendly_reminder', 1]
		]);
		expect(b.stages[0].counts.moved_on).toBe(1);
		// two claims an arm: too few to call a winner
		expect(b.vsChampion!.recovery.verdict).toBe('too_small');
		expect(b.vsChampion!.paidOff.verdict).toBe('too_small');
		expect(b.vsChampion!.recovery.diff).toBeCloseTo(-0.7, 10);
	});
});
