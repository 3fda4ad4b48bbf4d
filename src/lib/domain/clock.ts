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

const dateFmt = new Intl.DateTimeFormat('en-CA', {
	timeZone: ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

const partsFmt = new Intl.DateTimeFormat('en-GB', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	weekday: 'short'
});

/** The Budapest calendar date of an instant. */
export function localDate(t: number): string {
	return dateFmt.format(t);
}

export interface LocalParts {
	date: string;
	hour: number;
	minute: number;
	/** 0 = Sunday ... 6 = Saturday */
	weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function localParts(t: number): LocalParts {
	const p = Object.fromEntries(partsFmt.formatToParts(t).map((x) => [x.type, x.value]));
	return {
		date: `${p.year}-${p.month}-${p.day}`,
		hour: Number(p.hour),
		minute: Number(p.minute),
		weekday: WEEKDAYS[p.weekday]
	};
}

/** The instant of a Budapest wall-clock time (handles DST by correcting the offset). */
export function instantAt(date: string, hour = 0, minute = 0): number {
	const [y, m, d] = date.split('-').map(Number);
	const guess = Date.UTC(y, m - 1, d, hour, minute);
	// Budapest is UTC+1 or UTC+2: find the offset at the guess and correct once (twice near DST).
	let t = guess - offsetMs(guess);
	t = guess - offsetMs(t);
	return t;
}

function offsetMs(t: number): number {
	const p = localParts(t);
	const [y, m, d] = p.date.split('-').map(Number);
	return Date.UTC(y, m - 1, d, p.hour, p.minute) - Math.floor(t / 60_000) * 60_000;
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
	const [y, m, d] = date.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
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
	const [y1, m1, d1] = a.split('-').map(Number);
	const [y2, m2, d2] = b.split('-').map(Number);
	return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** Today's Budapest date by a clock. */
export function today(c: Clock): string {
	return localDate(c.now());
}
