import { describe, expect, it } from 'vitest';
import { createClockAt, instantAt, localParts, parseClockAt } from '../../src/lib/domain/clock';
import { clockConfigProblem, clockFromEnv } from '../../src/lib/server/clock';

describe('RENDEZ_CLOCK_AT', () => {
	it('reads Budapest wall time, winter and summer, or an instant with its zone', () => {
		expect(parseClockAt('2026-03-02T08:59')).toBe(Date.UTC(2026, 2, 2, 7, 59));
		expect(parseClockAt('2026-07-01T08:59:30')).toBe(Date.UTC(2026, 6, 1, 6, 59, 30));
		expect(parseClockAt('2026-03-02')).toBe(Date.UTC(2026, 2, 1, 23, 0));
		expect(parseClockAt('2026-03-02 20:00')).toBe(instantAt('2026-03-02', 20));
		expect(parseClockAt('2026-03-02T07:59Z')).toBe(Date.UTC(2026, 2, 2, 7, 59));
		expect(parseClockAt('2026-03-02T08:59:00+01:00')).toBe(Date.UTC(2026, 2, 2, 7, 59));
		expect(parseClockAt('2026-03-02T07:59:00.250Z')).toBe(Date.UTC(2026, 2, 2, 7, 59, 0, 250));
	});

	it('refuses what is not a real date and time', () => {
		for (const s of [
			'',
			'tomorrow',
			'2026-02-30T10:00',
			'2026-03-02T24:00',
			'2026-03-02T10:60',
			'2026-13-01',
			'2026-02-30T10:00Z',
			'2026-03-02T10',
			'1700000000000'
		])
			expect(parseClockAt(s), s).toBeNull();
	});

	it('starts at that time and runs on with the wall clock', () => {
		const start = parseClockAt('2026-03-02T08:59')!;
		const realStart = Date.now();
		const c = createClockAt(start, realStart);
		const t0 = c.now();
		expect(t0 - start).toBeGreaterThanOrEqual(Date.now() - realStart - 5);
		expect(t0 - start).toBeLessThan(5_000);
		expect(localParts(t0)).toMatchObject({ date: '2026-03-02', hour: 8, minute: 59 });
		const until = Date.now() + 30;
		while (Date.now() < until) {
			/* let the wall clock move */
		}
		expect(c.now()).toBeGreaterThanOrEqual(t0 + 30);
	});

	it('from the environment: with the day offset on top, one start for the process tree', () => {
		const env: Record<string, string | undefined> = {
			RENDEZ_CLOCK_AT: '2026-03-02T08:59',
			RENDEZ_CLOCK_OFFSET_DAYS: '2'
		};
		const c = clockFromEnv(env);
		expect(localParts(c.now())).toMatchObject({ date: '2026-03-04', hour: 8, minute: 59 });
		// a worker thread or a child started later reads the same time, not a fresh start
		const since = Number(env.RENDEZ_CLOCK_AT_SINCE);
		expect(since).toBeGreaterThan(0);
		const later = clockFromEnv({ ...env, RENDEZ_CLOCK_AT_SINCE: String(since - 60_000) });
		expect(later.now() - c.now()).toBeGreaterThanOrEqual(60_000 - 5);
		// without RENDEZ_CLOCK_AT: the wall clock (plus the offset)
		expect(Math.abs(clockFromEnv({}).now() - Date.now())).toBeLessThan(1_000);
	});

	it('a server says in one line what is wrong with it', () => {
		expect(clockConfigProblem({})).toBeNull();
		expect(clockConfigProblem({ RENDEZ_CLOCK_AT: '2026-03-02T08:59' })).toBeNull();
		expect(clockConfigProblem({ RENDEZ_CLOCK_AT: 'monday' })).toMatch(
			/^RENDEZ_CLOCK_AT must be a date and time .* not "monday"\.$/
		);
	});
});
