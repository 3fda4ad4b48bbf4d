/**
 * Time for business rules. Instants are epoch milliseconds (UTC); calendar dates are
 * 'YYYY-MM-DD' strings in the Europe/Budapest calendar, because due dates and contact windows
 * are what a debtor in Hungary sees on their wall calendar.
 */
export const ZONE = 'Europe/Budapest';
export const DAY_MS = 86_400_000;

export interface Clock {
	now(): number;
}

/** The wall clock, optionally shifted by a fixed offset (demo servers "in the future"). */
export function createClock(offsetMs = 0): Clock {
	return { now: () => Date.now() + offsetMs };
}

/**
 * A clock that reads `startAt` at the wall-clock instant `realStart` and runs on from there (a
 * demo that starts at 08:59 on a Monday to show the contact window open).
 */
export function createClockAt(startAt: number, realStart: number): Clock {
	return createClock(startAt - realStart);
}

/** A clock that only moves when told: for tests and simulations. */
export class ManualClock implements Clock {
	constructor(private t: number) {}
	now(): number {
		return this.t;
	}
	set(t: number): void {
		this.t = t;
	}
	advance(ms: number): void {
		this.t += ms;
	}
	advanceDays(days: number): void {
		this.t += days * DAY_MS;
	}
}

const HOUR_MS = 3_600_000;

/*
 * Budapest time by arithmetic rather than Intl: these run several times for every page a debtor
 * opens, and an Intl call with a time zone costs microseconds each. Hungary keeps CET (UTC+1) and,
 * under the EU rule it has followed since 1996, summer time (UTC+2) from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October. tests/unit/clock.test.ts checks
 * every function here against Intl's Europe/Budapest for instants from 1996 to 2090; should the
 * EU ever drop the clock change, that test is what says this table must follow.
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
	y -= m <= 2 ? 1 : 0;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** 'YYYY-MM-DD' of a day number (the inverse of daysFromCivil). */
function civilFromDays(z: number): string {
	z += 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
	return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Day number of an ISO date string (no validation: callers pass dates they made or checked). */
function dayNumber(date: string): number {
	return daysFromCivil(
		Number(date.slice(0, 4)),
		Number(date.slice(5, 7)),
		Number(date.slice(8, 10))
	);
}

/** 01:00 UTC on the last Sunday of a month (1-based), as epoch ms. */
function lastSundayOneUtc(year: number, month: number): number {
	const lastDay = daysFromCivil(year, month + 1, 1) - 1; // month + 1 = 13 rolls into next year correctly
	const weekday = (((lastDay + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
	return (lastDay - weekday) * DAY_MS + HOUR_MS;
}

/** Budapest's offset from UTC at an instant, in ms. */
export function zoneOffsetMs(t: number): number {
	const year = Math.floor(t / DAY_MS / 365.2425) + 1970;
	// `year` may be off by one near 1 January, which is winter either way
	return t >= lastSundayOneUtc(year, 3) && t < lastSundayOneUtc(year, 10) ? 2 * HOUR_MS : HOUR_MS;
}

/** The Budapest calendar date of an instant. */
export function localDate(t: number): string {
	return civilFromDays(Math.floor((t + zoneOffsetMs(t)) / DAY_MS));
}

export interface LocalParts {
	date: string;
	hour: number;
	minute: number;
	/** 0 = Sunday ... 6 = Saturday */
	weekday: number;
}

export function localParts(t: number): LocalParts {
	const local = t + zoneOffsetMs(t);
	const day = Math.floor(local / DAY_MS);
	const msOfDay = local - day * DAY_MS;
	return {
		date: civilFromDays(day),
		hour: Math.floor(msOfDay / HOUR_MS),
		minute: Math.floor((msOfDay % HOUR_MS) / 60_000),
		weekday: (((day + 4) % 7) + 7) % 7
	};
}

/** The instant of a Budapest wall-clock time (handles DST by correcting the offset). */
export function instantAt(date: string, hour = 0, minute = 0): number {
	const guess = dayNumber(date) * DAY_MS + hour * HOUR_MS + minute * 60_000;
	// Budapest is UTC+1 or UTC+2: find the offset at the guess and correct once (twice near DST).
	let t = guess - zoneOffsetMs(guess);
	t = guess - zoneOffsetMs(t);
	return t;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
	const m = ISO_DATE.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const dt = new Date(Date.UTC(y, mo - 1, d));
	return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Calendar arithmetic on 'YYYY-MM-DD' (no time zone involved). */
export function addDays(date: string, days: number): string {
	return civilFromDays(dayNumber(date) + days);
}

/** Adds months keeping the day where the month has it, else the month's last day (31 Jan + 1 -> 28/29 Feb). */
export function addMonths(date: string, months: number, anchorDay?: number): string {
	const [y, m, d] = date.split('-').map(Number);
	const day = anchorDay ?? d;
	const first = new Date(Date.UTC(y, m - 1 + months, 1));
	const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	first.setUTCDate(Math.min(day, last));
	return first.toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
	return dayNumber(b) - dayNumber(a);
}

/** Today's Budapest date by a clock. */
export function today(c: Clock): string {
	return localDate(c.now());
}

const LOCAL_AT = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant RENDEZ_CLOCK_AT names: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM' or 'YYYY-MM-DDTHH:MM:SS' are
 * Budapest wall time; with 'Z' or an offset ('+01:00') the instant as written. null when it is
 * not one of these, or not a real date and time.
 */
export function parseClockAt(s: string): number | null {
	const t = s.trim();
	const m = LOCAL_AT.exec(t);
	if (m) {
		const [h, min, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
		if (!isValidDate(m[1]) || h > 23 || min > 59 || sec > 59) return null;
		return instantAt(m[1], h, min) + sec * 1000;
	}
	if (!ZONED_AT.test(t) || !isValidDate(t.slice(0, 10))) return null;
	const ms = Date.parse(t);
	return Number.isFinite(ms) ? ms : null;
}
