/**
 * The dispatcher's decision at send time (domain/dispatch.ts), over what the database says then:
 * C7 cancels, C8 falls back along the channel list (none left: blocked), C1 waits for the next
 * slot of the window, C2 waits until the cap frees.
 */
import { describe, expect, it } from 'vitest';
import {
	capFreesAt,
	decideDispatch,
	fallbackOrder,
	nextSlot,
	noticeStop,
	claimStop,
	type ChannelOnFile,
	type DispatchInput
} from '../../src/lib/domain/dispatch';
import { DAY_MS, instantAt } from '../../src/lib/domain/clock';
import { defaultContactLimits } from '../../src/lib/domain/stages';
import type { MessageChannel } from '../../src/lib/domain/messages';

const ok: ChannelOnFile = {
	address: 'x',
	optedOut: false,
	invalid: false,
	suppressed: false,
	configured: true
};
const onFile = (
	o: Partial<Record<MessageChannel, Partial<ChannelOnFile>>> = {}
): Record<MessageChannel, ChannelOnFile> => ({
	email: { ...ok, ...o.email },
	sms: { ...ok, ...o.sms },
	letter: { ...ok, ...o.letter }
});
const limits = defaultContactLimits();
const input = (o: Partial<DispatchInput> = {}): DispatchInput => ({
	now: instantAt('2026-03-09', 10),
	channel: 'email',
	actionChannels: ['email', 'sms'],
	stop: null,
	onFile: onFile(),
	limits,
	recent: [],
	emailWindowed: true,
	...o
});

describe('the dispatcher’s decision', () => {
	it('fallback: the rest of the action’s list, else e-mail, SMS, letter', () => {
		expect(fallbackOrder('sms', ['sms', 'email', 'call'])).toEqual(['sms', 'email']);
		expect(fallbackOrder('email', null)).toEqual(['email', 'sms', 'letter']);
		expect(fallbackOrder('sms', null)).toEqual(['sms', 'email', 'letter']);
	});

	it('C7 cancels before anything else', () => {
		expect(decideDispatch(input({ stop: 'c7_paid' }))).toEqual({
			kind: 'cancel',
			reason: 'c7_paid'
		});
	});

	it('C7 for notices: nothing while disputed or held, but the answer in the dispute’s own thread goes', () => {
		const dispute = [{ kind: 'dispute' as const }];
		expect(noticeStop('plan_active', 'disputed', dispute)).toBe('c7_hold');
		expect(noticeStop('installment_reminder', 'paid', [])).toBe('c7_paid');
		expect(noticeStop('dispute_answered', 'disputed', dispute)).toBeNull();
		// another hold still stops it (the debtor has a lawyer, or has died)
		expect(noticeStop('dispute_answered', 'disputed', [{ kind: 'legal_representation' }])).toBe(
			'c7_hold'
		);
	});

	it('C7 by the template, whoever queued it: a reminder stops on a paid, closed, held or planned claim; after settlement only its own news goes', () => {
		const open = { status: 'open', balanceMinor: 100 };
		const paid = { status: 'paid', balanceMinor: 0 };
		expect(claimStop('firm.reminder', open, [])).toBeNull();
		expect(claimStop('firm.reminder', paid, [])).toBe('c7_paid');
		expect(claimStop('formal.notice', { status: 'closed', balanceMinor: 100 }, [])).toBe('c7_paid');
		expect(claimStop('friendly.reminder', { status: 'open', balanceMinor: 0 }, [])).toBe('c7_paid');
		expect(claimStop('firm.reminder', { status: 'in_plan', balanceMinor: 100 }, [])).toBe(
			'c7_hold'
		);
		expect(claimStop('firm.reminder', open, [{ kind: 'promise' }])).toBe('c7_hold');
		// a strategy's own key counts as a stage message
		expect(claimStop('custom.step', paid, [])).toBe('c7_paid');
		for (const t of ['installment_reminder', 'plan_active', 'plan_countered', 'plan_broken'])
			expect(claimStop(t, paid, [])).toBe('c7_paid');
		for (const t of ['plan_completed', 'dispute_answered', 'access_link', 'contact_code'])
			expect(claimStop(t, paid, [])).toBeNull();
		// a plan's own news still goes while the plan holds the claim
		expect(
			claimStop('installment_reminder', { status: 'in_plan', balanceMinor: 100 }, [
				{ kind: 'plan' }
			])
		).toBeNull();
	});

	it('C8: opted out, invalid, missing or unconfigured channels are skipped; none left is blocked', () => {
		expect(decideDispatch(input({ onFile: onFile({ email: { optedOut: true } }) }))).toEqual({
			kind: 'send',
			channel: 'sms'
		});
		expect(decideDispatch(input({ onFile: onFile({ email: { invalid: true } }) }))).toEqual({
			kind: 'send',
			channel: 'sms'
		});
		expect(
			decideDispatch(
				input({ onFile: onFile({ email: { address: null }, sms: { configured: false } }) })
			)
		).toEqual({ kind: 'blocked', reason: 'c8_no_channel' });
		expect(
			decideDispatch(
				input({
					actionChannels: null,
					onFile: onFile({ email: { invalid: true }, sms: { optedOut: true } })
				})
			)
		).toEqual({ kind: 'letter' });
	});

	it('C1: outside the window it waits for the next slot (Sunday → Monday 08:00); a requested link e-mail goes at once', () => {
		const sunday = instantAt('2026-03-08', 10);
		expect(decideDispatch(input({ now: sunday }))).toMatchObject({
			kind: 'wait',
			reason: 'c1_window',
			until: instantAt('2026-03-09', 8)
		});
		expect(decideDispatch(input({ now: sunday, emailWindowed: false }))).toEqual({
			kind: 'send',
			channel: 'email'
		});
		expect(nextSlot(instantAt('2026-03-09', 20), limits)).toBe(instantAt('2026-03-10', 8));
		expect(nextSlot(instantAt('2026-03-09', 7), limits)).toBe(instantAt('2026-03-09', 8));
	});

	it('C2: three identified contacts in 7 days make the next SMS wait until the oldest leaves the 7 days', () => {
		const now = instantAt('2026-03-12', 10);
		const recent = [9, 10, 11].map((d) => ({
			at: instantAt(`2026-03-${d}`, 9),
			channel: 'sms' as const,
			direction: 'outbound' as const,
			outcome: 'sent'
		}));
		expect(capFreesAt(now, recent, limits)).toBe(instantAt('2026-03-09', 9) + 7 * DAY_MS + 1);
		expect(
			decideDispatch(input({ now, channel: 'sms', actionChannels: ['sms'], recent }))
		).toMatchObject({
			kind: 'wait',
			reason: 'c2_cap'
		});
		// a failed or blocked attempt does not count; e-mail is not an identified contact
		const failed = recent.map((c, i) => (i === 0 ? { ...c, outcome: 'failed' } : c));
		expect(
			decideDispatch(input({ now, channel: 'sms', actionChannels: ['sms'], recent: failed }))
		).toEqual({
			kind: 'send',
			channel: 'sms'
		});
		expect(decideDispatch(input({ now, recent }))).toEqual({ kind: 'send', channel: 'email' });
	});
});
