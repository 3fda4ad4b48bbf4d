import { addDays, daysBetween } from './clock';

/**
 * Hungarian public holidays (C1: no contact on them): the fixed days plus Good Friday, Easter
 * Monday and Whit Monday, which move with Easter. Christmas Eve is one from 2024 on (the Labour
 * Code's list of public holidays, Mt. 102. §, as amended in 2024).
 */
export function hungarianHolidays(year: number): string[] {
	const fixed = ['01-01', '03-15', '05-01', '08-20', '10-23', '11-01', '12-25', '12-26']
		.concat(year >= 2024 ? ['12-24'] : [])
		.map((d) => `${year}-${d}`);
	// Anonymous Gregorian algorithm for Easter Sunday
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	const easter = Date.UTC(year, month - 1, day);
	const rel = (n: number) => new Date(easter + n * 86_400_000).toISOString().slice(0, 10);
	return [...fixed, rel(-2), rel(1), rel(50)];
}

const byYear = new Map<number, Set<string>>();

/** Whether a 'YYYY-MM-DD' date is a Hungarian public holiday. */
export function isPublicHoliday(date: string): boolean {
	const y = Number(date.slice(0, 4));
	let set = byYear.get(y);
	if (!set) byYear.set(y, (set = new Set(hungarianHolidays(y))));
	return set.has(date);
}

/** 0 = Sunday ... 6 = Saturday, of a 'YYYY-MM-DD' date (1970-01-01 was a Thursday). */
function weekdayOf(date: string): number {
	return (((daysBetween('1970-01-01', date) + 4) % 7) + 7) % 7;
}

/**
 * A Budapest business day: Monday to Friday and not a public holiday. The collection engine runs
 * once per business day, and an action falling on any other day moves to the next one (C1).
 */
export function isBusinessDay(date: string): boolean {
	const w = weekdayOf(date);
	return w !== 0 && w !== 6 && !isPublicHoliday(date);
}

/** The date itself when it is a business day, else the next business day. */
export function nextBusinessDay(date: string): string {
	let d = date;
	while (!isBusinessDay(d)) d = addDays(d, 1);
	return d;
}

/** The `n`th business day after `date` (n ≥ 1): Saturdays, Sundays and public holidays skipped. */
export function addBusinessDays(date: string, n: number): string {
	let d = date;
	for (let left = n; left > 0; left--) d = nextBusinessDay(addDays(d, 1));
	return d;
}
