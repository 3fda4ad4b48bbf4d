import { describe, expect, it } from 'vitest';
import { rateLimiter } from '../../src/lib/server/http/rate-limit';

describe('API rate limit', () => {
	it('lets the limit through in a minute, refuses the next with the seconds to wait, per key', () => {
		const over = rateLimiter(() => 3);
		const t0 = 1_000_000;
		expect([over(1, t0), over(1, t0 + 1), over(1, t0 + 2)]).toEqual([null, null, null]);
		expect(over(1, t0 + 10_000)).toBe(50);
		expect(over(2, t0 + 10_000)).toBeNull();
		expect(over(1, t0 + 60_000)).toBeNull();
	});
});
