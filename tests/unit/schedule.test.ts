import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSchedule, dueDates, scheduleTotal, unitOf } from '../../src/lib/domain/schedule';
import { addDays, isValidDate } from '../../src/lib/domain/clock';
import { installmentWord, type Frequency } from '../../src/lib/domain/schedule-types';

const dateArb = fc
	.date({
		min: new Date('2024-01-01T00:00:00Z'),
		max: new Date('2030-12-31T00:00:00Z'),
		noInvalidDate: true
	})
	.map((d) => d.toISOString().slice(0, 10));
const freqArb = fc.constantFrom<Frequency>('weekly', 'biweekly', 'monthly');

describe('due dates', () => {
	it('monthly from 31 January keeps the month end: 28/29 Feb, then 31 Mar', () => {
		expect(dueDates('2026-01-31', 'monthly', 4)).toEqual([
			'2026-01-31',
			'2026-02-28',
			'2026-03-31',
			'2026-04-30'
		]);
		expect(dueDates('2028-01-31', 'monthly', 3)).toEqual([
			'2028-01-31',
			'2028-02-29',
			'2028-03-31'
		]);
		expect(dueDates('2026-01-30', 'monthly', 3)).toEqual([
			'2026-01-30',
			'2026-02-28',
			'2026-03-30'
		]);
	});
	it('weekly and every two weeks step 7 and 14 days', () => {
		expect(dueDates('2026-02-25', 'weekly', 3)).toEqual(['2026-02-25', '2026-03-04', '2026-03-11']);
		expect(dueDates('2026-12-24', 'biweekly', 3)).toEqual([
			'2026-12-24',
			'2027-01-07',
			'2027-01-21'
		]);
	});
	it('are valid, strictly increasing, never before the first date, and monthly ones keep the anchor day where it exists', () => {
		fc.assert(
			fc.property(dateArb, freqArb, fc.integer({ min: 1, max: 40 }), (first, f, n) => {
				const ds = dueDates(first, f, n);
				expect(ds[0]).toBe(first);
				for (let i = 0; i < ds.length; i++) {
					expect(isValidDate(ds[i])).toBe(true);
					if (i > 0) expect(ds[i] > ds[i - 1]).toBe(true);
					if (f === 'monthly') {
						const anchor = Number(first.slice(8));
						const day = Number(ds[i].slice(8));
						const monthEnd = addDays(ds[i].slice(0, 8) + '01', 40).slice(0, 8) + '01';
						const lastDay = Number(addDays(monthEnd, -1).slice(8));
						expect(day).toBe(Math.min(anchor, lastDay));
					}
				}
			})
		);
	});
});

describe('schedules', () => {
	it('a HUF schedule: down payment today, whole forints, remainder on the last', () => {
		const s = buildSchedule({
			balanceMinor: 10_000_050,
			currency: 'HUF',
			downPaymentMinor: 1_000_000,
			installmentCount: 3,
			frequency: 'monthly',
			firstDueDate: '2026-01-31',
			today: '2026-01-20'
		});
		expect(s).toEqual([
			{ seq: 0, dueDate: '2026-01-20', amountMinor: 1_000_000 },
			{ seq: 1, dueDate: '2026-01-31', amountMinor: 3_000_000 },
			{ seq: 2, dueDate: '2026-02-28', amountMinor: 3_000_000 },
			{ seq: 3, dueDate: '2026-03-31', amountMinor: 3_000_050 }
		]);
	});
	it('always adds up to the balance to the minor unit; HUF parts are whole forints except possibly the last; parts differ by at most one unit', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 5_000_000_000 }),
				fc.constantFrom<'HUF' | 'EUR'>('HUF', 'EUR'),
				fc.integer({ min: 1, max: 60 }),
				fc.integer({ min: 0, max: 100 }),
				dateArb,
				freqArb,
				(balance, currency, n, downPct, first, f) => {
					const unit = unitOf(currency);
					const down = Math.floor((balance * downPct) / 100 / unit) * unit;
					fc.pre(down < balance);
					const s = buildSchedule({
						balanceMinor: balance,
						currency,
						downPaymentMinor: down,
						installmentCount: n,
						frequency: f,
						firstDueDate: first,
						today: first
					});
					expect(scheduleTotal(s)).toBe(balance);
					const inst = s.filter((x) => x.seq > 0);
					expect(inst).toHaveLength(n);
					inst.slice(0, -1).forEach((x) => expect(x.amountMinor % unit).toBe(0));
					const body = inst.slice(0, -1).map((x) => x.amountMinor);
					if (body.length) expect(Math.max(...body) - Math.min(...body)).toBeLessThanOrEqual(unit);
					s.forEach((x) =>
						expect(Number.isSafeInteger(x.amountMinor) && x.amountMinor >= 0).toBe(true)
					);
				}
			)
		);
	});
});

describe('installmentWord', () => {
	it('an open installment reads upcoming before its day, due from its day on', () => {
		expect(installmentWord('due', '2031-03-01', '2026-12-07')).toBe('upcoming');
		expect(installmentWord('due', '2026-12-07', '2026-12-07')).toBe('due');
		expect(installmentWord('due', '2026-12-01', '2026-12-07')).toBe('due');
	});
	it('a paid, late or missed installment keeps its state', () => {
		expect(installmentWord('paid', '2031-03-01', '2026-12-07')).toBe('paid');
		expect(installmentWord('late', '2026-11-01', '2026-12-07')).toBe('late');
		expect(installmentWord('missed', '2031-03-01', '2026-12-07')).toBe('missed');
	});
	it('of a plan that has ended, one still open is void; paid and missed ones keep their state', () => {
		expect(installmentWord('due', '2031-03-01', '2026-12-07', true)).toBe('void');
		expect(installmentWord('late', '2026-11-01', '2026-12-07', true)).toBe('void');
		expect(installmentWord('paid', '2026-11-01', '2026-12-07', true)).toBe('paid');
		expect(installmentWord('missed', '2026-11-01', '2026-12-07', true)).toBe('missed');
	});
});
