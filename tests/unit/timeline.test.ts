import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	buildTimeline,
	parseTimelineFilter,
	recordingLink,
	TIMELINE_KINDS,
	TIMELINE_PAGE_SIZE,
	type TimelineEvent
} from '../../src/lib/domain/timeline';
import { escalation } from '../../src/lib/domain/escalation';
import { defaultStrategyVersion } from '../../src/lib/domain/strategy';

const ev = (kind: TimelineEvent['kind'], at: number, key: string, claimId: number | null = 1) =>
	({ kind, at, key, claimId, what: 'x' }) as TimelineEvent;

describe('the case timeline', () => {
	it('is newest first, equal instants by kind then key, whatever the order loaded', () => {
		const arb = fc.array(
			fc.record({
				kind: fc.constantFrom(...TIMELINE_KINDS),
				at: fc.integer({ min: 0, max: 20 }),
				id: fc.nat()
			}),
			{ maxLength: 80 }
		);
		fc.assert(
			fc.property(arb, (rows) => {
				const events = rows.map((r, i) => ev(r.kind, r.at, `${r.kind}:${r.id}:${i}`));
				const a = buildTimeline(events, { claimId: null, kinds: [], page: 1 });
				const b = buildTimeline([...events].reverse(), { claimId: null, kinds: [], page: 1 });
				expect(a.events).toEqual(b.events);
				for (let i = 1; i < a.events.length; i++)
					expect(a.events[i - 1].at).toBeGreaterThanOrEqual(a.events[i].at);
			})
		);
	});

	it('filters by claim (keeping the debtor’s own events) and by kind, and counts per kind', () => {
		const events = [ev('note', 5, 'n1', null), ev('call', 4, 'c1', 1), ev('call', 3, 'c2', 2)];
		const p = buildTimeline(events, { claimId: 2, kinds: [], page: 1 });
		expect(p.events.map((e) => e.key)).toEqual(['n1', 'c2']);
		expect(p.counts.call).toBe(1);
		const calls = buildTimeline(events, { claimId: null, kinds: ['call'], page: 1 });
		expect(calls.events.map((e) => e.key)).toEqual(['c1', 'c2']);
		expect(calls.counts.note).toBe(1);
	});

	it('pages, and a page out of range is the nearest page', () => {
		const events = Array.from({ length: TIMELINE_PAGE_SIZE + 3 }, (_, i) => ev('note', i, `n${i}`));
		const p2 = buildTimeline(events, { claimId: null, kinds: [], page: 2 });
		expect([p2.page, p2.pages, p2.events.length]).toEqual([2, 2, 3]);
		expect(buildTimeline(events, { claimId: null, kinds: [], page: 0 }).page).toBe(1);
		expect(buildTimeline([], { claimId: null, kinds: [], page: 5 })).toMatchObject({
			page: 1,
			pages: 1,
			total: 0
		});
	});

	it('reads the filter from the address, dropping what is not the debtor’s or not known', () => {
		const q = (s: string) => parseTimelineFilter(new URLSearchParams(s), [3, 7]);
		expect(q('claim=7&kind=note&kind=call&kind=bogus&kind=note&page=2')).toEqual({
			claimId: 7,
			kinds: ['note', 'call'],
			page: 2
		});
		expect(q('claim=8')).toMatchObject({ claimId: null });
		expect(q('claim=0x7&page=-1&kind=constructor')).toEqual({ claimId: null, kinds: [], page: 1 });
	});

	it('makes a recording link from a URL reference or the address template, else none', () => {
		expect(recordingLink('https://pbx.test/r/1', null)).toBe('https://pbx.test/r/1');
		expect(recordingLink('ab 12', 'https://pbx.test/play?id={ref}')).toBe(
			'https://pbx.test/play?id=ab%2012'
		);
		expect(recordingLink('ab12', null)).toBeNull();
		expect(recordingLink('ab12', 'javascript:alert({ref})')).toBeNull();
		expect(recordingLink('javascript:alert(1)', null)).toBeNull();
		expect(recordingLink(null, 'https://pbx.test/{ref}')).toBeNull();
	});
});

describe('an operator’s escalation', () => {
	const v = defaultStrategyVersion();
	const base = {
		status: 'open' as const,
		stage: 'firm_reminder' as const,
		holds: [],
		planOffered: false,
		today: '2026-03-03'
	};
	it('goes one stage on, and not to the formal notice before a plan offer (C9)', () => {
		expect(escalation({ ...base, stage: 'new' }, v)).toEqual({ ok: true, to: 'friendly_reminder' });
		expect(escalation(base, v)).toEqual({ ok: false, refusal: 'c9_plan_offer_first' });
		expect(escalation({ ...base, planOffered: true }, v)).toEqual({
			ok: true,
			to: 'formal_notice'
		});
	});
	it('not on hold, not when not open, not past the last stage', () => {
		const held = {
			kind: 'deceased' as const,
			start: '2026-03-01',
			end: null,
			effect: { kind: 'stop_clock' as const }
		};
		expect(escalation({ ...base, holds: [held] }, v)).toEqual({ ok: false, refusal: 'on_hold' });
		expect(escalation({ ...base, status: 'in_plan' }, v)).toEqual({
			ok: false,
			refusal: 'not_open'
		});
		expect(escalation({ ...base, stage: 'legal', planOffered: true }, v)).toEqual({
			ok: false,
			refusal: 'last_stage'
		});
	});
});
