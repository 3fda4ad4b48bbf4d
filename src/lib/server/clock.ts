/**
 * The one source of "now" on the server. Tests and the demo move it with `setClock`;
 * `RENDEZ_CLOCK_OFFSET_DAYS` lets a demo server run days ahead of the wall clock, and
 * `RENDEZ_CLOCK_AT` starts it at a given Budapest time and lets it run on from there (both together:
 * that time plus the days).
 */
import { DAY_MS, createClock, createClockAt, parseClockAt, type Clock } from '$lib/domain/clock';

type Env = Record<string, string | undefined>;

/**
 * The clock the environment asks for. With RENDEZ_CLOCK_AT, the wall-clock moment it started is
 * kept in RENDEZ_CLOCK_AT_SINCE (set here once, in `env`), so the jobs worker thread and anything
 * this process starts read the same time rather than each starting over.
 */
export function clockFromEnv(env: Env = process.env): Clock {
	const offset = Number(env.RENDEZ_CLOCK_OFFSET_DAYS ?? 0) * DAY_MS;
	const at = env.RENDEZ_CLOCK_AT?.trim() ? parseClockAt(env.RENDEZ_CLOCK_AT) : null;
	if (at === null) return createClock(offset);
	const since = Number(env.RENDEZ_CLOCK_AT_SINCE) || Date.now();
	env.RENDEZ_CLOCK_AT_SINCE = String(since);
	return createClockAt(at + offset, since);
}

/** For a server's start: one line when RENDEZ_CLOCK_AT is set but is not a time, else null. */
export function clockConfigProblem(env: Env = process.env): string | null {
	const raw = env.RENDEZ_CLOCK_AT?.trim();
	if (!raw || parseClockAt(raw) !== null) return null;
	return `RENDEZ_CLOCK_AT must be a date and time such as 2026-03-02T08:59 (Budapest time) or 2026-03-02T07:59Z, not "${raw}".`;
}

let current: Clock = clockFromEnv();

export function clock(): Clock {
	return current;
}

export function setClock(c: Clock): void {
	current = c;
}
