/**
 * A fixed-window request counter per key, in this process's memory: enough for one server (the
 * deployment DESIGN.md describes); several servers would each allow the limit.
 */
export function rateLimiter(limitPerMinute: () => number) {
	const windows = new Map<number | string, { start: number; count: number }>();
	/** Counts a request; returns the seconds to wait when it is over the limit, else null. */
	return (key: number | string, now: number): number | null => {
		const w = windows.get(key);
		if (!w || now - w.start >= 60_000) {
			windows.set(key, { start: now, count: 1 });
			return null;
		}
		w.count++;
		return w.count > limitPerMinute()
			? Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000))
			: null;
	};
}
