import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, fieldKeys } from '../helpers/portal-fixtures';
import { claimsDue } from '../helpers/engine-fixtures';
import { addCreditorUser, contact, pay } from '../helpers/reports-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import {
	claimsUnderVersion,
	moveClaims,
	saveStrategyVersion,
	strategyOverview,
	type StrategyBody
} from '../../src/lib/server/services/strategies';
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
import { defaultStrategyVersion } from '../../src/lib/domain/strategy';
import { armFor, type Arm } from '../../src/lib/domain/experiments';
import { CONTACT_COST_HUF_MINOR } from '../../src/lib/domain/experiment-stats';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { systemActor, type Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

/** A creditor with a user, a second creditor with a user, an admin, and n claims due 2026-03-02. */
function world(n: number) {
	const { db, clock } = testDb('2026-03-02');
	const cr = makeCreditor(db);
	const other = makeCreditor(db, 'Másik Bank Zrt.');
	const { ids, debtorId: debtor } = claimsDue(db, n, { creditor: cr });
	const user: Actor = {
		kind: 'creditor',
		userId: addCreditorUser(db, cr.creditorId, 'a@example.hu'),
		creditorId: cr.creditorId
	};
	const otherUser: Actor = {
		kind: 'creditor',
		userId: addCreditorUser(db, other.creditorId, 'b@example.hu'),
		creditorId: other.creditorId
	};
	const adminId = Number(
		db.$client
			.prepare(
				`INSERT INTO staff_users (email, name, role, password_hash, created_at) VALUES ('admin@example.hu', 'Admin', 'admin', 'x', 0)`
			)
			.run().lastInsertRowid
	);
	const admin: Actor = { kind: 'admin', userId: adminId };
	return { db, clock, cr, other, ids, user, otherUser, admin, debtor };
}

/** The default strategy as the editor would send it, with the friendly reminder starting on `day`. */
function bodyWith(friendlyStart: number): StrategyBody {
	const { strategyId: _i, version: _v, ...b } = defaultStrategyVersion();
	void _i;
	void _v;
	b.stages[0].startDay = friendlyStart;
	return b;
}

const keys = (db: DB) =>
	(
		db.$client.prepare('SELECT key, state FROM planned_actions ORDER BY key').all() as {
			key: string;
			state: string;
		}[]
	).map((r) => `${r.key} ${r.state}`);
const versionOf = (db: DB, claimId: number) =>
	scalar(db, 'SELECT version_id FROM claim_engine WHERE claim_id = ?', claimId);
const audits = (db: DB, action: string) =>
	db.$client
		.prepare('SELECT after_json FROM audit_log WHERE action = ? ORDER BY id')
		.all(action) as {
		after_json: string;
	}[];

describe('strategy versions', () => {
	it('an edit is version n + 1; claims already running keep their version and their planned actions', () => {
		const a = world(5);
		const b = world(5);
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
		const logged = audits(a.db, 'strategy.version.save');
		expect(logged).toHaveLength(1);
		expect(JSON.parse(logged[0].after_json)).toMatchObject({ version: 2, label: 'gyorsabb' });
		// the stored body cannot be changed in place
		expect(() =>
			a.db.$client.prepare(`UPDATE strategy_versions SET body_json = '{}' WHERE id = ?`).run(v1)
		).toThrow();
	});

	it('the first save of a creditor without versions keeps its earlier strategy as version 1', () => {
		const w = world(0);
		expect(strategyOverview(w.db, w.user, {}).versions).toEqual([]);
		expect(scalar(w.db, 'SELECT count(*) FROM strategy_versions')).toBe(0); // reading writes nothing
		expect(saveStrategyVersion(w.db, w.user, { body: bodyWith(6) }).version).toBe(2);
		expect(strategyOverview(w.db, w.user, {}).versions.map((v) => v.version)).toEqual([2, 1]);
	});

	it('refuses a strategy with problems, each next to its field, and saves nothing', () => {
		const w = world(0);
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
		expect(audits(w.db, 'strategy.version.save')).toHaveLength(0);
		// with fees in the contract the fee is taken
		w.db.$client.prepare('UPDATE creditors SET fees_allowed = 1').run();
		const ok = bodyWith(5);
		ok.stages[0].fee = { kind: 'fixed', amountMinor: 100_000 };
		expect(saveStrategyVersion(w.db, w.user, { body: ok }).version).toBe(2);
	});

	it('creditor users reach only their own creditor; admins any', () => {
		const w = world(2);
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
		const w = world(4);
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
		const logged = audits(w.db, 'strategy.claims.move');
		expect(logged).toHaveLength(1);
		expect(JSON.parse(logged[0].after_json)).toMatchObject({
			versionId: v2.id,
			claims: 3,
			cancelledActions: 3
		});
		expect(claimsUnderVersion(w.db, w.user, { versionId: v1 })).toBe(0);
	});

	it('never moves the claims of a version in a running experiment (its arm would mix)', () => {
		const w = world(2);
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
		expect(audits(w.db, 'strategy.claims.move')).toHaveLength(0);
	});
});

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
		const w = world(0);
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
		const logged = audits(w.db, 'strategy.experiment.end');
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
		const w = world(1); // made at 10:00
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
		const w = world(4);
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
