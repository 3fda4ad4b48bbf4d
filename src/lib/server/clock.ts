/**
 * The one source of "now" on the server. Tests and the demo move it with `setClock`, and
 * `RENDEZ_CLOCK_OFFSET_DAYS` lets a demo server run ahead of the wall clock.
 */
import { createClock, type Clock } from '$lib/domain/clock';

let current: Clock = createClock(Number(process.env.RENDEZ_CLOCK_OFFSET_DAYS ?? 0) * 86_400_000);

export function clock(): Clock {
	return current;
}

export function setClock(c: Clock): void {
	current = c;
}
