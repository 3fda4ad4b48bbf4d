/**
 * The debtor's next step and hold reason (domain/next-step.ts): the evaluator run forward from
 * today on the claim's facts, so it agrees with the strategy preview and with the daily run.
 */
import { describe, expect, it } from 'vitest';
import { evaluateClaim, type ClaimFacts } from '../../src/lib/domain/engine';
import { previewStrategy } from '../../src/lib/domain/engine-preview';
import { holdOn, nextStepFor } from '../../src/lib/domain/next-step';
import { defaultStrategyVersion, type PathStage } from '../../src/lib/domain/strategy';
import { hold, promiseHold } from '../../src/lib/domain/holds';
import { addDays } from '../../src/lib/domain/clock';
import { isBusinessDay } from '../../src/lib/domain/holidays';
import { openClaimFacts } from '../helpers/engine-arbitraries';

const v = defaultStrategyVersion(1, 1);

/** An open claim due 2026-03-02, offered a plan. */
const facts = (over: Partial<ClaimFacts> = {}): ClaimFacts =>
	openClaimFacts({ planOffered: true, ...over });

/** The day the daily run, going day by day from `from`, moves the claim (or null in a year). */
function runDaily(f: ClaimFacts, from: string): { stage: string; date: string } | null {
	const keys = new Set(f.plannedKeys);
	let offered = f.planOffered;
	for (let i = 0; i < 366; i++) {
		const day = addDays(from, i);
		if (!isBusinessDay(day)) continue;
		const e = evaluateClaim({ ...f, plannedKeys: keys, planOffered: offered }, v, day);
		if (e.transitions[0]) return { stage: e.transitions[0].to, date: day };
		for (const a of e.actions) {
			keys.add(a.key);
			if (a.channels.some((c) => c !== 'call' && c !== 'visit')) offered = true;
		}
	}
	return null;
}

describe("the debtor's next step", () => {
	it('agrees with the strategy preview at every stage of the default strategy', () => {
		const lines = previewStrategy(v, '2026-03-02').filter((l) => l.kind === 'stage');
		expect(lines.map((l) => l.stage)).toEqual([
			'friendly_reminder',
			'firm_reminder',
			'formal_notice',
			'legal'
		]);
		let stage: ClaimFacts['stage'] = 'new';
		let entered: string | null = null;
		let today = '2026-03-03';
		for (const l of lines) {
			const r = nextStepFor(facts({ stage, stageEnteredOn: entered }), v, today);
			expect(r).toEqual({ hold: null, next: { stage: l.stage as PathStage, date: l.date } });
			stage = l.stage;
			entered = l.date;
			today = addDays(l.date, 1);
		}
		// in the last stage nothing comes next
		expect(nextStepFor(facts({ stage, stageEnteredOn: entered }), v, today).next).toBeNull();
	});

	it('is the day the daily run moves the claim, whatever the stage, the day asked, holds or plan offer', () => {
		const stages = [
			['new', null],
			['friendly_reminder', '2026-03-09'],
			['firm_reminder', '2026-03-23'],
			['formal_notice', '2026-04-16']
		] as const;
		const holdSets = [
			[],
			[promiseHold('2026-03-12', '2026-04-20', 3)],
			[hold('dispute', '2026-03-20', '2026-04-10'), hold('vulnerability', '2026-03-01')]
		];
		for (const [stage, entered] of stages)
			for (const holds of holdSets)
				for (const planOffered of [true, false])
					for (let i = 0; i < 90; i += 7) {
						const today = addDays('2026-03-03', i);
						if (entered && today <= entered) continue;
						const f = facts({ stage, stageEnteredOn: entered, holds, planOffered });
						expect(nextStepFor(f, v, today).next, `${stage} ${today} ${holds.length}`).toEqual(
							runDaily(f, today)
						);
					}
	});

	it('counts the days of a promise: on hold until the promised date plus grace, the next step later by as many days', () => {
		const f = facts({ stage: 'friendly_reminder', stageEnteredOn: '2026-03-09' });
		const without = nextStepFor(f, v, '2026-03-10').next!;
		const promise = promiseHold('2026-03-10', '2026-03-20', v.promiseGraceDays);
		const held = nextStepFor({ ...f, holds: [promise] }, v, '2026-03-10');
		expect(held.hold).toEqual({ reason: 'promise', until: '2026-03-23' });
		expect(held.next!.stage).toBe(without.stage);
		expect(held.next!.date > without.date).toBe(true);
		expect(held.next).toEqual(runDaily({ ...f, holds: [promise] }, '2026-03-10'));
	});

	it('names an open dispute and plans no date: nothing moves until it is answered', () => {
		const f = facts({ stage: 'firm_reminder', stageEnteredOn: '2026-03-23' });
		expect(
			nextStepFor(
				{ ...f, status: 'disputed', holds: [hold('dispute', '2026-03-25')] },
				v,
				'2026-04-01'
			)
		).toEqual({ hold: { reason: 'dispute', until: null }, next: null });
		// the status alone (no hold row yet) says the same
		expect(nextStepFor({ ...f, status: 'disputed' }, v, '2026-04-01')).toEqual({
			hold: { reason: 'dispute', until: null },
			next: null
		});
		expect(nextStepFor({ ...f, status: 'in_plan' }, v, '2026-04-01')).toEqual({
			hold: { reason: 'plan', until: null },
			next: null
		});
	});

	it('names the hold the debtor can act on first, and its last day across holds that follow each other', () => {
		const holds = [
			hold('insolvency', '2026-03-01', '2026-05-01'),
			hold('dispute', '2026-03-10', '2026-04-01')
		];
		expect(holdOn(holds, '2026-03-15')).toEqual({ reason: 'dispute', until: '2026-04-30' });
		expect(holdOn(holds, '2026-04-15')).toEqual({ reason: 'insolvency', until: '2026-04-30' });
		expect(holdOn(holds, '2026-05-01')).toBeNull();
		// a channel restriction is not a hold: the claim moves on
		expect(holdOn([hold('vulnerability', '2026-03-01')], '2026-03-15')).toBeNull();
		// a promise followed by a hold with no end (a pause asked for, under review): that one is
		// named, with no date, since the claim does not go on after the promised day
		const paused = [hold('promise', '2026-03-01', '2026-03-20'), hold('hardship', '2026-03-05')];
		expect(holdOn(paused, '2026-03-07')).toEqual({ reason: 'hardship', until: null });
	});

	it('waits for the plan offer before the formal notice (C9), then goes on the next business day', () => {
		const f = facts({
			stage: 'firm_reminder',
			stageEnteredOn: '2026-03-23',
			planOffered: false,
			// the firm stage's reminders were already planned: only the plan offer is left to send
			plannedKeys: new Set([
				'7:1@1:firm_reminder:first:0',
				'7:1@1:firm_reminder:call:0',
				'7:1@1:firm_reminder:followup:0'
			])
		});
		const r = nextStepFor(f, v, '2026-04-10');
		expect(r.next).toEqual(runDaily(f, '2026-04-10'));
		expect(r.next!.stage).toBe('formal_notice');
	});

	it('has nothing to say for a paid or closed claim', () => {
		expect(nextStepFor(facts({ status: 'paid' }), v, '2026-03-10')).toEqual({
			hold: null,
			next: null
		});
		expect(nextStepFor(facts({ balanceMinor: 0 }), v, '2026-03-10')).toEqual({
			hold: null,
			next: null
		});
		expect(nextStepFor(facts({ status: 'closed' }), v, '2026-03-10')).toEqual({
			hold: null,
			next: null
		});
	});
});
