import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	agingBucket,
	bucketOfDueDate,
	liquidationCurves,
	monthsBetween,
	addMonth,
	stageOutcomeTable,
	planPerformance,
	channelTable,
	agingTable
} from '../../src/lib/domain/reports';

describe('report math', () => {
	it('aging buckets at their edges', () => {
		expect([-5, 0, 30, 31, 60, 61, 90, 91, 180, 181, 900].map(agingBucket)).toEqual([
			'0-30',
			'0-30',
			'0-30',
			'31-60',
			'31-60',
			'61-90',
			'61-90',
			'91-180',
			'91-180',
			'180+',
			'180+'
		]);
		expect(bucketOfDueDate('2026-01-31', '2026-03-02')).toBe('0-30');
		expect(bucketOfDueDate('2026-01-30', '2026-03-02')).toBe('31-60');
	});

	it('months between and month arithmetic agree', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2000, max: 2100 }),
				fc.integer({ min: 1, max: 12 }),
				fc.integer({ min: -40, max: 40 }),
				(y, m, n) => {
					const a = `${y}-${String(m).padStart(2, '0')}`;
					expect(monthsBetween(a, addMonth(a, n))).toBe(n);
				}
			)
		);
	});

	it('liquidation curves accumulate collected per cohort and never decrease when refunds are smaller', () => {
		const curves = liquidationCurves(
			[
				{ currency: 'HUF', cohort: '2025-11', placedMinor: 1000 },
				{ currency: 'HUF', cohort: '2026-01', placedMinor: 400 }
			],
			[
				{ currency: 'HUF', cohort: '2025-11', month: '2025-11', collectedMinor: 100 },
				{ currency: 'HUF', cohort: '2025-11', month: '2026-01', collectedMinor: 250 },
				{ currency: 'HUF', cohort: '2026-01', month: '2026-02', collectedMinor: 100 },
				{ currency: 'EUR', cohort: '2026-01', month: '2026-02', collectedMinor: 7 } // no EUR placed: ignored
			],
			'2026-02'
		);
		expect(curves).toEqual([
			{
				currency: 'HUF',
				cohort: '2025-11',
				placedMinor: 1000,
				cumulativeMinor: [100, 100, 350, 350],
				cumulativeRate: [0.1, 0.1, 0.35, 0.35]
			},
			{
				currency: 'HUF',
				cohort: '2026-01',
				placedMinor: 400,
				cumulativeMinor: [0, 100],
				cumulativeRate: [0, 0.25]
			}
		]);
	});

	it('tables: stage outcomes in process order, plan shares, channels, aging zeros kept', () => {
		expect(
			stageOutcomeTable([
				{ stage: 'firm_reminder', outcome: 'paid', events: 2 },
				{ stage: 'new', outcome: 'moved_on', events: 3 },
				{ stage: 'new', outcome: 'open', events: 0 }
			]).map((r) => [r.stage, r.total])
		).toEqual([
			['new', 3],
			['firm_reminder', 2]
		]);
		expect(
			planPerformance(
				[{ status: 'active', plans: 2 }],
				[
					{ status: 'paid', onTime: 1, installments: 3 },
					{ status: 'paid', onTime: 0, installments: 1 },
					{ status: 'due', onTime: -1, installments: 9 }
				]
			)
		).toEqual({
			active: 2,
			completed: 0,
			broken: 0,
			installmentsDue: 4,
			paidOnTime: 3,
			onTimeRate: 0.75
		});
		expect(
			channelTable([
				{ channel: 'call', contacts: 4, followed: 1 },
				{ channel: 'sms', contacts: 0, followed: 0 }
			])
		).toEqual([{ channel: 'call', contacts: 4, followed: 1, followedRate: 0.25 }]);
		expect(
			agingTable(
				[{ currency: 'EUR', dueDate: '2026-01-01', claims: 1, openMinor: 5 }],
				'2026-03-02'
			).map((r) => [r.bucket, r.openMinor])
		).toEqual([
			['0-30', 0],
			['31-60', 5],
			['61-90', 0],
			['91-180', 0],
			['180+', 0]
		]);
	});
});
