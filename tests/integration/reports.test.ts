import { describe, expect, it, beforeEach } from 'vitest';
import { freshDb, manualClock } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import {
	buildFixture,
	fixtureDb,
	addClaim,
	pay,
	contact,
	type Fixture
} from '../helpers/reports-fixtures';
import {
	dashboard,
	served,
	reportScope,
	chartData,
	CHARTS,
	portfoliosOf,
	type ReportFilter
} from '../../src/lib/server/services/reports';
import { fullScan } from '../../src/lib/server/services/reports-oracle';
import { NotFoundError, ForbiddenError } from '../../src/lib/server/services/errors';
import { writeTx } from '../../src/lib/server/services/tx';
import { changeStatus } from '../../src/lib/server/services/claim-state';
import { systemActor } from '../../src/lib/domain/actor';

const SYS = systemActor('test');

describe('creditor reports on a fixed dataset, figures computed by hand', () => {
	let db: DB;
	let f: Fixture;
	beforeEach(() => ({ db, f } = fixtureDb()));

	it('headline: placed, collected, recovery rate, open balance per currency; active plans', () => {
		const d = dashboard(db, f.actorA);
		// HUF: c1 10 500 000 + c2 5 000 000 + c4 2 000 000 placed; collected 10 500 000 + 2 500 000 + (1 000 000 - 200 000)
		// open: c2 (in plan) 2 500 000 + c4 1 200 000; c1 is paid. EUR: c3 disputed, nothing collected.
		expect(d.headline.currencies).toEqual([
			{
				currency: 'EUR',
				claims: 1,
				placedMinor: 104_000,
				collectedMinor: 0,
				openMinor: 104_000,
				recoveryRate: 0
			},
			{
				currency: 'HUF',
				claims: 3,
				placedMinor: 17_500_000,
				collectedMinor: 13_800_000,
				openMinor: 3_700_000,
				recoveryRate: 13_800_000 / 17_500_000
			}
		]);
		expect(d.headline.activePlans).toBe(1);
	});

	it('recovery rate per portfolio and currency', () => {
		expect(dashboard(db, f.actorA).portfolios).toEqual([
			{
				portfolioId: f.p1,
				name: 'Alfa 2026/01',
				currency: 'EUR',
				claims: 1,
				placedMinor: 104_000,
				collectedMinor: 0,
				recoveryRate: 0
			},
			{
				portfolioId: f.p1,
				name: 'Alfa 2026/01',
				currency: 'HUF',
				claims: 2,
				placedMinor: 15_500_000,
				collectedMinor: 13_000_000,
				recoveryRate: 13_000_000 / 15_500_000
			},
			{
				portfolioId: f.p2,
				name: 'Alfa 2026/02',
				currency: 'HUF',
				claims: 1,
				placedMinor: 2_000_000,
				collectedMinor: 800_000,
				recoveryRate: 0.4
			}
		]);
	});

	it('collected per month: payments less refunds by month, HUF and EUR apart', () => {
		expect(dashboard(db, f.actorA).collected).toEqual([
			{ currency: 'HUF', month: '2026-01', collectedMinor: 3_000_000 },
			{
				currency: 'HUF',
				month: '2026-02',
				collectedMinor: 7_500_000 + 2_500_000 + 1_000_000 - 200_000
			}
		]);
	});

	it('liquidation curves per placement-month cohort up to the current month', () => {
		const curves = dashboard(db, f.actorA).liquidation;
		expect(curves.map((c) => [c.currency, c.cohort, c.placedMinor, c.cumulativeMinor])).toEqual([
			['EUR', '2026-01', 104_000, [0, 0, 0]],
			['HUF', '2026-01', 15_500_000, [3_000_000, 13_000_000, 13_000_000]],
			['HUF', '2026-02', 2_000_000, [800_000, 800_000]]
		]);
		const huf01 = curves.find((c) => c.currency === 'HUF' && c.cohort === '2026-01')!;
		expect(huf01.cumulativeRate[1]).toBeCloseTo(13_000_000 / 15_500_000, 12);
	});

	it('stage outcomes: for each stage reached, how the visits ended', () => {
		const z = { paid: 0, in_plan: 0, disputed: 0, moved_on: 0, closed: 0, open: 0 };
		expect(dashboard(db, f.actorA).stages).toEqual([
			{ stage: 'new', counts: { ...z, moved_on: 2, disputed: 1, open: 1 }, total: 4 },
			{ stage: 'friendly_reminder', counts: { ...z, paid: 1, moved_on: 1 }, total: 2 },
			{ stage: 'firm_reminder', counts: { ...z, in_plan: 1 }, total: 1 }
		]);
	});

	it('plan performance: active, completed, broken; installments paid on time', () => {
		expect(dashboard(db, f.actorA).plans).toEqual({
			active: 1,
			completed: 0,
			broken: 1,
			installmentsDue: 2,
			paidOnTime: 1,
			onTimeRate: 0.5
		});
	});

	it('aging of open balances by days past the original due date', () => {
		const rows = dashboard(db, f.actorA).aging.filter((r) => r.claims > 0);
		// today 2026-03-02: c2 due 2025-10-15 -> 138 days; c4 due 2026-01-20 -> 41 days; c3 due 2025-06-01 -> 274 days
		expect(rows).toEqual([
			{ currency: 'EUR', bucket: '180+', claims: 1, openMinor: 104_000 },
			{ currency: 'HUF', bucket: '31-60', claims: 1, openMinor: 1_200_000 },
			{ currency: 'HUF', bucket: '91-180', claims: 1, openMinor: 2_500_000 }
		]);
		expect(dashboard(db, f.actorA).aging).toHaveLength(10); // all five buckets per currency, for the chart
	});

	it('channel effectiveness: contacts per channel, share followed by a payment within 14 days', () => {
		// sms 01-15 -> payment 01-20; email 01-01 -> none within 14 days; call 02-01 -> 02-09 (the blocked call is no contact);
		// letter 02-06 -> payment 02-20 at the same hour (exactly 14 days); letter 02-26 -> nothing after
		expect(dashboard(db, f.actorA).channels).toEqual([
			{ channel: 'sms', contacts: 1, followed: 1, followedRate: 1 },
			{ channel: 'email', contacts: 1, followed: 0, followedRate: 0 },
			{ channel: 'letter', contacts: 2, followed: 1, followedRate: 0.5 },
			{ channel: 'call', contacts: 1, followed: 1, followedRate: 1 }
		]);
	});

	it('filters by portfolio and placement period', () => {
		const byP2 = dashboard(db, f.actorA, { portfolioId: f.p2 });
		expect(byP2.headline).toEqual({
			currencies: [
				{
					currency: 'HUF',
					claims: 1,
					placedMinor: 2_000_000,
					collectedMinor: 800_000,
					openMinor: 1_200_000,
					recoveryRate: 0.4
				}
			],
			activePlans: 0
		});
		expect(dashboard(db, f.actorA, { from: '2026-02' }).headline).toEqual(byP2.headline);
		const jan = dashboard(db, f.actorA, { to: '2026-01' });
		expect(jan.headline.currencies.map((c) => [c.currency, c.claims, c.placedMinor])).toEqual([
			['EUR', 1, 104_000],
			['HUF', 2, 15_500_000]
		]);
		expect(jan.plans.active).toBe(1);
		expect(jan.plans.broken).toBe(0);
		expect(dashboard(db, f.actorA, { from: '2026-03' }).headline.currencies).toEqual([]);
	});

	it('every served figure equals the full-scan version, for several filters', () => {
		const filters: ReportFilter[] = [
			{},
			{ portfolioId: f.p1 },
			{ portfolioId: f.p2 },
			{ from: '2026-01', to: '2026-01' },
			{ from: '2026-02' }
		];
		for (const actor of [f.actorA, f.actorB])
			for (const filter of actor === f.actorA ? filters : [{}]) {
				const s = reportScope(db, actor, filter);
				for (const chart of CHARTS)
					expect(served[chart](db, s), `${chart} ${JSON.stringify(filter)}`).toEqual(
						fullScan[chart](db, s)
					);
			}
	});

	it('rollups stay equal to the full scan after more activity (payments arriving after contacts, a refund)', () => {
		writeTx(db, () => {
			const c5 = addClaim(db, {
				creditorId: f.a,
				portfolioId: f.p2,
				reference: 'A-005',
				currency: 'EUR',
				placedDate: '2026-02-05',
				dueDate: '2025-11-30',
				charges: { principal: 50_000, cost: 1_000 }
			});
			contact(db, c5, 'visit', '2026-02-10');
			contact(db, c5, 'visit', '2026-02-12');
			pay(db, c5, '2026-02-14', { cost: 1_000, principal: 9_000 });
			pay(db, c5, '2026-02-15', { principal: 5_000 });
		});
		const s = reportScope(db, f.actorA, {});
		for (const chart of CHARTS) expect(served[chart](db, s), chart).toEqual(fullScan[chart](db, s));
		// two visits each followed once, though two payments followed them
		expect(served.channels(db, s).find((c) => c.channel === 'visit')).toEqual({
			channel: 'visit',
			contacts: 2,
			followed: 2,
			followedRate: 1
		});
	});

	it('a stage the claim comes back to is counted once, by how the claim last left it', () => {
		const stageOf = (claimId: number) =>
			db.$client
				.prepare(
					'SELECT stage, entered_at, left_at, outcome FROM claim_stage_events WHERE claim_id = ? ORDER BY id'
				)
				.all(claimId);
		const firm = () =>
			dashboard(db, f.actorA, { portfolioId: f.p1 }).stages.find(
				(r) => r.stage === 'firm_reminder'
			)!;
		expect(firm().counts).toMatchObject({ in_plan: 1, open: 0, paid: 0 });
		const firstEntry = (stageOf(f.c2) as { stage: string; entered_at: number }[]).find(
			(r) => r.stage === 'firm_reminder'
		)!.entered_at;
		// c2's plan breaks: back in the firm reminder stage, then a refund cycle once it is paid
		writeTx(db, () => changeStatus(db, SYS, f.c2, 'open', 'plan broken'));
		expect(firm()).toMatchObject({
			counts: expect.objectContaining({ in_plan: 0, open: 1 }),
			total: 1
		});
		writeTx(db, () => changeStatus(db, SYS, f.c2, 'paid', 'paid off'));
		writeTx(db, () => changeStatus(db, SYS, f.c2, 'open', 'refunded'));
		writeTx(db, () => changeStatus(db, SYS, f.c2, 'paid', 'refund failed'));
		expect(firm()).toMatchObject({
			counts: expect.objectContaining({ in_plan: 0, open: 0, paid: 1 }),
			total: 1
		});
		// the stage history keeps one row per stage, with the day the claim first entered it
		const rows = stageOf(f.c2) as {
			stage: string;
			entered_at: number;
			left_at: number | null;
			outcome: string | null;
		}[];
		expect(rows.map((r) => [r.stage, r.outcome])).toEqual([
			['new', 'moved_on'],
			['friendly_reminder', 'moved_on'],
			['firm_reminder', 'paid']
		]);
		expect(rows[2].entered_at).toBe(firstEntry);
		const s = reportScope(db, f.actorA, {});
		expect(served.stages(db, s)).toEqual(fullScan.stages(db, s));
	});

	it("tenant isolation: creditor B sees only its own claim, and A's portfolio is not found for B", () => {
		const d = dashboard(db, f.actorB);
		expect(d.headline.currencies).toEqual([
			{
				currency: 'HUF',
				claims: 1,
				placedMinor: 99_000_000,
				collectedMinor: 50_000_000,
				openMinor: 49_000_000,
				recoveryRate: 50_000_000 / 99_000_000
			}
		]);
		expect(() => dashboard(db, f.actorB, { portfolioId: f.p1 })).toThrow(NotFoundError);
		expect(() => chartData(db, f.actorB, 'aging', { portfolioId: f.p2 })).toThrow(NotFoundError);
		expect(() => dashboard(db, f.actorA, { portfolioId: 99_999 })).toThrow(NotFoundError);
		expect(portfoliosOf(db, f.actorB).map((p) => p.id)).toEqual([f.pb]);
		expect(() => dashboard(db, { kind: 'operator', userId: 1 })).toThrow(ForbiddenError);
	});
});

describe('chart tables and CSV downloads carry exactly the dashboard numbers', () => {
	it('each chart table row matches the figures, money as plain decimals, ratios as percentages', async () => {
		const { chartTable, chartCsv, cellText } =
			await import('../../src/lib/server/services/reports');
		const { translate } = await import('../../src/lib/i18n');
		const { parseCsv } = await import('../../src/lib/domain/csv');
		manualClock('2026-03-02');
		const db = freshDb();
		const f = buildFixture(db);
		const d = dashboard(db, f.actorA);
		const tr = (k: string, p?: Record<string, string | number>) => translate('hu', k, p);
		const head = chartTable('headline', d.headline, tr);
		expect(head.rows.map((r) => r.map(cellText))).toEqual([
			['EUR', '1', '1040.00', '0.00', '0.0', '1040.00', '1'],
			['HUF', '3', '175000.00', '138000.00', '78.9', '37000.00', '']
		]);
		const stages = chartTable('stages', d.stages, tr);
		expect(stages.columns[0]).toBe('Szakasz');
		expect(stages.rows.map((r) => r.map(cellText))).toEqual([
			['Új', '0', '0', '1', '2', '0', '1', '4'],
			['Baráti emlékeztető', '1', '0', '0', '1', '0', '0', '2'],
			['Határozott emlékeztető', '0', '1', '0', '0', '0', '0', '1']
		]);
		for (const chart of CHARTS) {
			const table = chartTable(chart, d[chart], tr);
			// the default download is Excel (hu): ';', decimal comma, BOM; `cellText` is the plain form
			const csv = chartCsv(table);
			expect(csv.charCodeAt(0)).toBe(0xfeff);
			const back = [...parseCsv(csv.slice(1), ';')].map((r) => r.fields);
			expect(back[0]).toEqual(table.columns);
			expect(back.slice(1)).toEqual(
				table.rows.map((r) => r.map((c) => cellText(c).replace('.', ',')))
			);
		}
		const liq = chartTable('liquidation', d.liquidation, tr).rows.map((r) => r.map(cellText));
		expect(liq).toContainEqual(['HUF', '2026-01', '155000.00', '1', '130000.00', '83.9']);
	});
});
