/**
 * The seed's calendar on day numbers (days since 1970-01-01): Budapest wall-clock instants, the
 * contact windows of C1 (no Sundays or public holidays), and the fixed stamp of setup rows.
 */
import { DAY_MS, instantAt } from '../../../domain/clock';
import { hungarianHolidays } from '../../../domain/holidays';
import type { Rng } from './prng';

export const HOUR = 3_600_000;
export const MIN = 60_000;

export function makeCalendar(today: string, rng: Rng) {
	const dayOf = (s: string) =>
		Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY_MS;
	const T = dayOf(today);
	const Y = T - 1; // last day with history
	const BASE = T - 1200;
	const strCache: string[] = [];
	const offCache: number[] = [];
	const ds = (d: number): string => {
		const i = d - BASE;
		return strCache[i] ?? (strCache[i] = new Date(d * DAY_MS).toISOString().slice(0, 10));
	};
	const offset = (d: number): number => {
		const i = d - BASE;
		let o = offCache[i];
		if (o === undefined) o = offCache[i] = d * DAY_MS + 12 * HOUR - instantAt(ds(d), 12);
		return o;
	};
	/** the instant of a Budapest wall-clock time on day d */
	const ts = (d: number, h: number, m = 0) => d * DAY_MS + h * HOUR + m * MIN - offset(d);
	const weekday = (d: number) => (((d + 4) % 7) + 7) % 7;
	const holidays = new Set<number>();
	for (let y = +today.slice(0, 4) - 3; y <= +today.slice(0, 4) + 1; y++)
		for (const h of hungarianHolidays(y)) holidays.add(dayOf(h));
	/** C1: the first day from d on that has a contact window (not Sunday, not a public holiday) */
	const openDay = (d: number) => {
		while (weekday(d) === 0 || holidays.has(d)) d++;
		return d;
	};
	/** a time inside the C1 window on an open day: weekdays 08-20, Saturday 08-12 */
	const windowTs = (d: number) =>
		weekday(d) === 6
			? ts(d, rng.int(8, 11), rng.int(0, 59))
			: ts(d, rng.int(8, 19), rng.int(0, 59));
	const anyTs = (d: number) => ts(d, rng.int(7, 22), rng.int(0, 59));
	/** setup rows (users, links) are stamped yesterday evening: the same for every run on a day */
	const setupAt = ts(Y, 18, 0);

	return { dayOf, T, Y, ds, ts, openDay, windowTs, anyTs, setupAt };
}

export type Calendar = ReturnType<typeof makeCalendar>;
