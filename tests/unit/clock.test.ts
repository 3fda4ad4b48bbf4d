import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	addMonths,
	daysBetween,
	DAY_MS,
	instantAt,
	isValidDate,
	localDate,
	localParts,
	ManualClock,
	today,
	ZONE
} from '../../src/lib/domain/clock';

describe('Budapest calendar', () => {
	it('reads the local date across midnight and DST', () => {
		// 23:30 UTC on 31 Dec is already 1 Jan in Budapest (UTC+1)
		expect(localDate(Date.UTC(2025, 11, 31, 23, 30))).toBe('2026-01-01');
		// summer: UTC+2
		expect(localParts(Date.UTC(2026, 6, 1, 6, 0))).toMatchObject({
			date: '2026-07-01',
			hour: 8,
			weekday: 3
		});
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

/** What Intl (the platform's tz database) says of Budapest: the reference the arithmetic must match. */
const intl = new Intl.DateTimeFormat('en-GB', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	weekday: 'short'
});
const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
function intlParts(t: number) {
	const p = Object.fromEntries(intl.formatToParts(t).map((x) => [x.type, x.value]));
	return {
		date: `${p.year}-${p.month}-${p.day}`,
		hour: Number(p.hour),
		minute: Number(p.minute),
		weekday: WEEKDAY[p.weekday]
	};
}
const FROM = Date.UTC(1996, 0, 1);
const TO = Date.UTC(2090, 11, 31);

describe('Budapest time by arithmetic agrees with the tz database', () => {
	it('at random instants from 1996 to 2090', () => {
		fc.assert(
			fc.property(fc.integer({ min: FROM, max: TO }), (t) => {
				expect(localParts(t)).toEqual(intlParts(t));
				expect(localDate(t)).toBe(intlParts(t).date);
			}),
			{ numRuns: 20_000 }
		);
	});
	it('on both sides of every clock change, to the minute', () => {
		for (let year = 1996; year <= 2090; year++) {
			for (const month of [2, 9]) {
				// the hours around 01:00 UTC on each day of the last week of March and October
				for (let day = 24; day <= 31; day++) {
					for (const minute of [-61, -1, 0, 1, 59, 60, 61]) {
						const t = Date.UTC(year, month, day, 1, minute);
						expect(localParts(t)).toEqual(intlParts(t));
					}
				}
			}
		}
	});
	it('finds the instant of any wall-clock time that exists', () => {
		fc.assert(
			fc.property(fc.integer({ min: FROM, max: TO }), (t) => {
				const minute = Math.floor(t / 60_000) * 60_000;
				const p = intlParts(minute);
				const back = instantAt(p.date, p.hour, p.minute);
				// an hour repeated in October maps to one of its two instants
				expect(intlParts(back)).toEqual(p);
			}),
			{ numRuns: 5_000 }
		);
	});
	it('day arithmetic matches Date across centuries, leap years included', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -200_000, max: 200_000 }),
				fc.integer({ min: -40_000, max: 40_000 }),
				(day, n) => {
					const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
					const expected = new Date((day + n) * DAY_MS).toISOString().slice(0, 10);
					expect(addDays(date, n)).toBe(expected);
					expect(daysBetween(date, expected)).toBe(n);
				}
			),
			{ numRuns: 20_000 }
		);
	});
});
