import { describe, expect, it } from 'vitest';
import { allowedFrom, contactCheck, nextWindowOpen } from '../../src/lib/domain/contact-rules';
import { DAY_MS, instantAt } from '../../src/lib/domain/clock';
import { defaultContactLimits } from '../../src/lib/domain/stages';

const limits = defaultContactLimits();
const call = (
	now: number,
	recent: { at: number; outcome: string; channel?: 'call' | 'sms' }[] = []
) => ({
	now,
	channel: 'call' as const,
	limits,
	optedOut: false,
	recent: recent.map((r) => ({
		at: r.at,
		channel: r.channel ?? ('call' as const),
		direction: 'outbound' as const,
		outcome: r.outcome
	}))
});

describe('when a refused contact becomes allowed', () => {
	it('C1: the next opening of the window (Saturday morning after a Friday night; Monday after Saturday noon)', () => {
		expect(nextWindowOpen(instantAt('2026-03-27', 21), limits)).toBe(instantAt('2026-03-28', 8));
		expect(nextWindowOpen(instantAt('2026-03-28', 12, 30), limits)).toBe(
			instantAt('2026-03-30', 8)
		);
		// 15 March (a national holiday) falls on a Sunday in 2026; 16 March is open
		expect(nextWindowOpen(instantAt('2026-03-14', 13), limits)).toBe(instantAt('2026-03-16', 8));
	});

	it('C2: when the oldest counted contact leaves the 7 days, and then the window', () => {
		const now = instantAt('2026-03-05', 10);
		const input = call(now, [
			{ at: instantAt('2026-03-02', 19), outcome: 'no_answer' },
			{ at: instantAt('2026-03-03', 10), outcome: 'dialing' },
			{ at: instantAt('2026-03-04', 10), outcome: 'delivered', channel: 'sms' }
		]);
		expect(contactCheck(input)).toBe('c2_cap');
		// 9 March 19:00 + 1 ms is still inside Monday's window (8-20)
		expect(allowedFrom(input)).toBe(instantAt('2026-03-02', 19) + 7 * DAY_MS + 1);
		// a blocked attempt does not count
		expect(
			contactCheck(call(now, [{ at: instantAt('2026-03-04', 10), outcome: 'blocked' }]))
		).toBeNull();
	});

	it('no call for 7 days after a conversation: the quiet days end, inside the window', () => {
		const input = call(instantAt('2026-03-05', 10), [
			{ at: instantAt('2026-03-04', 19, 59), outcome: 'promise' }
		]);
		expect(contactCheck(input)).toBe('c2_after_conversation');
		expect(allowedFrom(input)).toBe(instantAt('2026-03-11', 19, 59) + 1);
	});

	it('C8: never by itself', () => {
		expect(allowedFrom({ ...call(instantAt('2026-03-05', 10)), optedOut: true })).toBeNull();
	});
});
