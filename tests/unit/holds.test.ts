import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	activeDaysBetween,
	activeDaysPastDue,
	dateAfterActiveDays,
	hold,
	holdCovers,
	promiseHold,
	stopsOn,
	suppressedOn,
	HOLD_KINDS,
	type Hold
} from '../../src/lib/domain/holds';
import { addDays } from '../../src/lib/domain/clock';

const BASE = '2026-01-01';
const arbHold = fc
	.record({
		kind: fc.constantFrom(...HOLD_KINDS),
		start: fc.integer({ min: -20, max: 200 }),
		len: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null })
	})
	.map(({ kind, start, len }): Hold =>
		hold(kind, addDays(BASE, start), len === null ? null : addDays(BASE, start + len))
	);

/**
 * For random holds (at most `max.holds`), a first day up to 10 days before BASE or `max.start`
 * days after it, and a whole number up to `max.n`: `check` must hold.
 */
function forRandomHolds(
	max: { holds: number; start: number; n: number },
	check: (holds: Hold[], from: string, n: number) => void
) {
	fc.assert(
		fc.property(
			fc.array(arbHold, { maxLength: max.holds }),
			fc.integer({ min: -10, max: max.start }),
			fc.integer({ min: 0, max: max.n }),
			(holds, a, n) => check(holds, addDays(BASE, a), n)
		)
	);
}

/** The definition, one day at a time: days after `from` up to `to` that no stop-clock hold covers. */
function reference(from: string, to: string, holds: Hold[]): number {
	let n = 0;
	for (let d = addDays(from, 1); d <= to; d = addDays(d, 1))
		if (stopsOn(holds, d).length === 0) n++;
	return n;
}

describe('holds as intervals', () => {
	it('a dispute of 20 days stops the clock for those 20 days', () => {
		const due = '2026-03-01';
		const dispute = hold('dispute', '2026-03-11', '2026-03-31'); // 11th..30th held
		expect(activeDaysPastDue(due, '2026-03-10', [dispute])).toBe(9);
		expect(activeDaysPastDue(due, '2026-03-20', [dispute])).toBe(9);
		expect(activeDaysPastDue(due, '2026-03-31', [dispute])).toBe(10);
		expect(activeDaysPastDue(due, '2026-03-31', [])).toBe(30);
		// an open hold stops the clock for good until someone ends it
		expect(activeDaysPastDue(due, '2027-03-31', [hold('insolvency', '2026-03-05')])).toBe(3);
		// before and on the due date nothing is past due
		expect(activeDaysPastDue(due, due, [])).toBe(0);
		expect(activeDaysPastDue(due, '2026-02-01', [])).toBe(0);
	});

	it('a promise holds through the promised date plus grace days, and ends the day after', () => {
		const p = promiseHold('2026-04-02', '2026-04-10', 3);
		expect(p.end).toBe('2026-04-14');
		expect(holdCovers(p, '2026-04-01')).toBe(false);
		expect(holdCovers(p, '2026-04-02')).toBe(true);
		expect(holdCovers(p, '2026-04-13')).toBe(true);
		expect(holdCovers(p, '2026-04-14')).toBe(false);
	});

	it('vulnerability suppresses calls and visits but keeps the clock running; the others stop it', () => {
		const v = hold('vulnerability', '2026-01-01');
		expect(stopsOn([v], '2026-02-01')).toEqual([]);
		expect([...suppressedOn([v], '2026-02-01')].sort()).toEqual(['call', 'visit']);
		expect(activeDaysPastDue('2026-01-01', '2026-01-31', [v])).toBe(30);
		for (const k of HOLD_KINDS.filter((k) => k !== 'vulnerability'))
			expect(stopsOn([hold(k, '2026-01-01')], '2026-02-01')).toHaveLength(1);
	});

	it('counts active days exactly as the day-by-day definition, for any overlapping holds', () => {
		forRandomHolds({ holds: 6, start: 150, n: 150 }, (holds, from, len) => {
			const to = addDays(from, len);
			expect(activeDaysBetween(from, to, holds)).toBe(reference(from, to, holds));
		});
	});

	it('dateAfterActiveDays is the first day the count is reached (null when an open hold never lets it)', () => {
		forRandomHolds({ holds: 5, start: 100, n: 60 }, (holds, from, n) => {
			const d = dateAfterActiveDays(from, n, holds);
			if (d === null) {
				// an open hold: the count at a far day is still short
				expect(reference(from, addDays(from, 400), holds)).toBeLessThan(n);
			} else {
				expect(activeDaysBetween(from, d, holds)).toBe(n);
				if (n > 0) expect(activeDaysBetween(from, addDays(d, -1), holds)).toBe(n - 1);
			}
		});
	});
});
