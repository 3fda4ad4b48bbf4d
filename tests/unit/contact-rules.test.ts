import { describe, expect, it } from 'vitest';
import { contactCheck, insideWindow, type RecentContact } from '../../src/lib/domain/contact-rules';
import { DAY_MS, instantAt } from '../../src/lib/domain/clock';
import { defaultContactLimits } from '../../src/lib/domain/stages';

const limits = defaultContactLimits();
const at = (date: string, hour: number, minute = 0) => instantAt(date, hour, minute);
const call = (now: number, recent: RecentContact[] = [], optedOut = false) =>
	contactCheck({ now, channel: 'call', limits, optedOut, recent });
const contact = (
	t: number,
	channel: RecentContact['channel'],
	outcome = 'delivered'
): RecentContact => ({
	at: t,
	channel,
	direction: 'outbound',
	outcome
});

describe('the contact rules at the moment of contact', () => {
	it('C1: weekdays 08-20 and Saturday 08-12 Budapest time, never Sunday or a public holiday', () => {
		expect(call(at('2026-03-04', 8))).toBeNull(); // Wednesday 08:00
		expect(call(at('2026-03-04', 19, 59))).toBeNull();
		expect(call(at('2026-03-04', 20))).toBe('c1_window');
		expect(call(at('2026-03-04', 7, 59))).toBe('c1_window');
		expect(call(at('2026-03-07', 11, 59))).toBeNull(); // Saturday
		expect(call(at('2026-03-07', 12))).toBe('c1_window');
		expect(call(at('2026-03-08', 10))).toBe('c1_window'); // Sunday
		expect(call(at('2026-03-16', 10))).toBeNull();
		expect(call(at('2026-03-15', 10))).toBe('c1_window'); // 15 March, a public holiday (Sunday too)
		expect(insideWindow(at('2026-05-01', 10), limits)).toBe(false); // 1 May, a Friday holiday
		// an e-mail or a letter is not bound to the window
		expect(
			contactCheck({
				now: at('2026-03-08', 23),
				channel: 'email',
				limits,
				optedOut: false,
				recent: []
			})
		).toBeNull();
	});

	it('C2: at most 3 identified contacts (call, SMS, visit) in any rolling 7 days; the 4th is refused', () => {
		const now = at('2026-03-11', 10);
		const three = [
			contact(now - DAY_MS, 'sms'),
			contact(now - 2 * DAY_MS, 'visit', 'no_answer'),
			contact(now - 6 * DAY_MS, 'call', 'no_answer')
		];
		expect(call(now, three)).toBe('c2_cap');
		expect(contactCheck({ now, channel: 'sms', limits, optedOut: false, recent: three })).toBe(
			'c2_cap'
		);
		// e-mails do not count, blocked attempts do not count, and the window rolls
		expect(call(now, [...three.slice(0, 2), contact(now - 2 * DAY_MS, 'email')])).toBeNull();
		expect(call(now, [...three.slice(0, 2), contact(now - DAY_MS, 'call', 'blocked')])).toBeNull();
		expect(
			call(now, [...three.slice(0, 2), contact(now - 7 * DAY_MS - 1, 'call', 'no_answer')])
		).toBeNull();
		// an e-mail may still go out when the cap is reached
		expect(
			contactCheck({ now, channel: 'email', limits, optedOut: false, recent: three })
		).toBeNull();
	});

	it('C2: no call within 7 days after a completed conversation', () => {
		const now = at('2026-03-11', 10);
		expect(call(now, [contact(now - 6 * DAY_MS, 'visit', 'conversation')])).toBe(
			'c2_after_conversation'
		);
		expect(call(now, [contact(now - 8 * DAY_MS, 'call', 'conversation')])).toBeNull();
		expect(
			contactCheck({
				now,
				channel: 'sms',
				limits,
				optedOut: false,
				recent: [contact(now - DAY_MS, 'call', 'conversation')]
			})
		).toBeNull();
	});

	it('C8: a channel the debtor stopped is never used, at any hour', () => {
		expect(call(at('2026-03-04', 10), [], true)).toBe('c8_opted_out');
	});
});
