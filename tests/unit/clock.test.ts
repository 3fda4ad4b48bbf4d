import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, instantAt, isValidDate, localDate, localParts, ManualClock, today } from '../../src/lib/domain/clock';

describe('Budapest calendar', () => {
	it('reads the local date across midnight and DST', () => {
		// 23:30 UTC on 31 Dec is already 1 Jan in Budapest (UTC+1)
		expect(localDate(Date.UTC(2025, 11, 31, 23, 30))).toBe('2026-01-01');
		// summer: UTC+2
		expect(localParts(Date.UTC(2026, 6, 1, 6, 0))).toMatchObject({ date: '2026-07-01', hour: 8, weekday: 3 });
	});
	it('finds the instant of a local wall-clock time in winter and summer', () => {
		expect(instantAt('2026-01-15', 8)).toBe(Date.UTC(2026, 0, 15, 7));
		expect(instantAt('2026-07-15', 8)).toBe(Date.UTC(2026, 6, 15, 6));
		expect(instantAt('2026-03-29', 12)).toBe(Date.UTC(2026, 2, 29, 10)); // DST starts that night
	});
	it('adds months keeping month ends (31 Jan -> 28/29 Feb -> 31 Mar)', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
		expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
		expect(addMonths('2026-02-28', 1, 31)).toBe('2026-03-31');
	});
	it('does day arithmetic and validates dates', () => {
		expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
		expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
		expect(isValidDate('2026-02-29')).toBe(false);
		expect(isValidDate('2028-02-29')).toBe(true);
		expect(isValidDate('2026-1-1')).toBe(false);
	});
	it('a manual clock moves only when told', () => {
		const c = new ManualClock(instantAt('2026-05-01', 9));
		expect(today(c)).toBe('2026-05-01');
		c.advanceDays(30);
		expect(today(c)).toBe('2026-05-31');
	});
});
