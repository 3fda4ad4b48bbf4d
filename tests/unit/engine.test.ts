/**
 * The collection engine's evaluator (issue 16, item 3): its properties over random strategies and
 * claims, and the failure modes of the engines we studied, each as a test.
 *
 * Stage movement, as chosen and documented in engine.ts: at most ONE transition per evaluation,
 * always from the claim's stage to the next stage of its version's path.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	evaluateClaim,
	nextWakeDay,
	lumpSumKey,
	type ClaimFacts,
	type Evaluation
} from '../../src/lib/domain/engine';
import { previewStrategy } from '../../src/lib/domain/engine-preview';
import {
	defaultStrategyVersion,
	nextStage,
	stageOf,
	type StrategyVersion
} from '../../src/lib/domain/strategy';
import { hold, promiseHold, stopsOn } from '../../src/lib/domain/holds';
import { isBusinessDay } from '../../src/lib/domain/holidays';
import { stageFeeDecision } from '../../src/lib/domain/stage-fees';
import { addDays } from '../../src/lib/domain/clock';
import { arbCase, openClaimFacts as open } from '../helpers/engine-arbitraries';

/** The caller's part: record the transitions, the planned keys and a closure. */
function feedBack(f: ClaimFacts, e: Evaluation): ClaimFacts {
	const keys = new Set(f.plannedKeys);
	for (const a of e.actions) keys.add(a.key);
	const t = e.transitions.at(-1);
	return {
		...f,
		plannedKeys: keys,
		stage: t ? t.to : f.stage,
		stageEnteredOn: t ? t.on : f.stageEnteredOn,
		status: e.close ? 'closed' : f.status,
		lumpSumCharged: f.lumpSumCharged || e.actions.some((a) => a.key === lumpSumKey(f.claimId))
	};
}

/** Evaluates every random case (500 runs); `check` must hold for each evaluation. */
function forEachEvaluation(
	check: (e: Evaluation, c: { v: StrategyVersion; facts: ClaimFacts; asOf: string }) => void
) {
	fc.assert(
		fc.property(arbCase, (c) => check(evaluateClaim(c.facts, c.v, c.asOf), c)),
		{ numRuns: 500 }
	);
}

describe('the evaluator: properties', () => {
	it('never skips a stage: at most one transition, from the claim’s stage to the next one in the path', () => {
		forEachEvaluation((e, { v, facts, asOf }) => {
			expect(e.transitions.length).toBeLessThanOrEqual(1);
			for (const t of e.transitions) {
				expect(t.from).toBe(facts.stage);
				expect(t.to).toBe(nextStage(v, facts.stage)?.stage);
				expect(t.on).toBe(asOf);
			}
		});
	});

	it('plans nothing and moves nothing for a claim on hold, paid, closed, disputed or in a plan', () => {
		forEachEvaluation((e, { facts, asOf }) => {
			const held = stopsOn(facts.holds, asOf).length > 0 || facts.status !== 'open';
			if (held) {
				expect(e.actions).toEqual([]);
				expect(e.transitions).toEqual([]);
				expect(e.cancel).not.toBeNull();
			}
		});
	});

	it('C9: the formal notice only after the debtor was offered a plan', () => {
		forEachEvaluation((e, { facts }) => {
			if (e.transitions.some((t) => t.to === 'formal_notice')) expect(facts.planOffered).toBe(true);
		});
	});

	it('the same as-of day twice, fed its own result, plans nothing new and moves nowhere', () => {
		forEachEvaluation((first, { v, facts, asOf }) => {
			const again = evaluateClaim(feedBack(facts, first), v, asOf);
			expect(again.actions).toEqual([]);
			expect(again.transitions).toEqual([]);
			expect(again.close).toBeNull();
		});
	});

	it('a partial payment never makes a claim jump or skip: a lower balance moves it to the same stage or nowhere', () => {
		fc.assert(
			fc.property(arbCase, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (c, share) => {
				const paid = Math.max(1, Math.floor(c.facts.balanceMinor * share));
				if (paid >= c.facts.balanceMinor) return;
				const before = evaluateClaim(c.facts, c.v, c.asOf);
				const after = evaluateClaim(
					{ ...c.facts, balanceMinor: c.facts.balanceMinor - paid },
					c.v,
					c.asOf
				);
				const to = (e: Evaluation) => e.transitions.map((t) => t.to);
				for (const s of to(after)) expect(to(before)).toContain(s);
			}),
			{ numRuns: 500 }
		);
	});

	it('minimum balance: below it a stage is entered silently (no step, no fee) or the claim closes, as the creditor chose', () => {
		forEachEvaluation((e, { v, facts }) => {
			for (const t of e.transitions) {
				const s = stageOf(v, t.to)!;
				expect(t.silent).toBe(facts.balanceMinor < s.minBalanceMinor);
				if (t.silent) expect(s.belowMinimum).toBe('skip_stage');
			}
			if (e.close) {
				expect(e.transitions).toEqual([]);
				const n = nextStage(v, facts.stage)!;
				expect(facts.balanceMinor).toBeLessThan(n.minBalanceMinor);
				expect(n.belowMinimum).toBe('close_uneconomic');
			}
			for (const a of e.actions) {
				const s = stageOf(v, a.stage);
				if (s && a.step !== 'plan_offer')
					expect(facts.balanceMinor).toBeGreaterThanOrEqual(s.minBalanceMinor);
			}
		});
	});

	it('every action: a unique new key, a business day not before the as-of day, a reason; fees only as the fee rule allows', () => {
		forEachEvaluation((e, { v, facts, asOf }) => {
			expect(new Set(e.actions.map((a) => a.key)).size).toBe(e.actions.length);
			for (const a of e.actions) {
				expect(facts.plannedKeys.has(a.key)).toBe(false);
				expect(isBusinessDay(a.date)).toBe(true);
				expect(a.date >= asOf).toBe(true);
				expect(a.why.rule).toBeTruthy();
				if (a.kind === 'contact') expect(a.channels.length).toBeGreaterThan(0);
				if (a.kind === 'fee') {
					const s = stageOf(v, a.stage)!;
					expect(e.transitions.map((t) => t.to)).toContain(a.stage);
					expect(stageFeeDecision(s.fee!, { ...facts, asOf })).toMatchObject({
						charge: true,
						amountMinor: a.amountMinor
					});
					if (s.fee!.kind === 'b2b_lump_sum') expect(facts.debtorKind).toBe('company');
				}
			}
		});
	});
});

describe('the evaluator: the next day worth evaluating', () => {
	it('no business day before nextWakeDay moves or plans anything, the facts unchanged', () => {
		fc.assert(
			fc.property(arbCase, ({ v, facts, asOf }) => {
				const f = feedBack(facts, evaluateClaim(facts, v, asOf));
				const wake = nextWakeDay(f, v, asOf);
				const until = wake ?? addDays(asOf, 120);
				for (let d = addDays(asOf, 1); d < until; d = addDays(d, 1)) {
					if (!isBusinessDay(d)) continue;
					const e = evaluateClaim(f, v, d);
					expect(e.transitions, d).toEqual([]);
					expect(e.actions, d).toEqual([]);
				}
				if (wake !== null) expect(wake > asOf).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('the evaluator: examples', () => {
	const v = defaultStrategyVersion(1, 1);

	it('Kill Bill: a partial payment in the firm reminder keeps the claim there, and the formal notice comes on its day', () => {
		const f = open({ stage: 'firm_reminder', stageEnteredOn: '2026-03-23', planOffered: true });
		const paidDown = { ...f, balanceMinor: 2_000_000 };
		// day 30: nothing moves, whether or not the debtor paid part
		expect(evaluateClaim(paidDown, v, '2026-04-01').transitions).toEqual([]);
		// day 45 (a Friday): formal notice, for the full or the reduced balance alike
		for (const facts of [f, paidDown])
			expect(evaluateClaim(facts, v, '2026-04-17').transitions.map((t) => t.to)).toEqual([
				'formal_notice'
			]);
	});

	it('a claim placed 200 days past due walks every stage, each for its full time', () => {
		let f = open({ dueDate: '2025-08-01' });
		const entered: string[] = [];
		for (let d = '2026-02-17'; d <= '2026-06-30'; d = addDays(d, 1)) {
			if (!isBusinessDay(d)) continue;
			const e = evaluateClaim(f, v, d);
			for (const t of e.transitions) entered.push(`${t.to} ${t.on}`);
			if (e.actions.some((a) => a.channels.includes('sms'))) f = { ...f, planOffered: true };
			f = feedBack(f, e);
		}
		expect(entered).toEqual([
			'friendly_reminder 2026-02-17',
			'firm_reminder 2026-03-04', // 15 days later: the friendly reminder's gap
			'formal_notice 2026-03-30', // 25 days (the 29th is a Sunday)
			'legal 2026-05-14' // 45 days
		]);
	});

	it('C9: when every reminder was skipped, the claim gets one plan offer and waits for it before the formal notice', () => {
		const w = defaultStrategyVersion(1, 2);
		for (const s of w.stages.slice(0, 2)) s.minBalanceMinor = 50_000_000; // silent reminders
		const f = open({ stage: 'firm_reminder', stageEnteredOn: '2026-03-23' });
		const e = evaluateClaim(f, w, '2026-04-17');
		expect(e.transitions).toEqual([]);
		expect(e.waiting?.rule).toBe('c9_plan_offer_first');
		expect(e.actions.map((a) => [a.step, a.channels])).toEqual([
			['plan_offer', ['email', 'sms', 'letter']]
		]);
		const next = feedBack(f, e);
		expect(evaluateClaim(next, w, '2026-04-20').actions).toEqual([]); // offered once
		expect(evaluateClaim({ ...next, planOffered: true }, w, '2026-04-20').transitions).toHaveLength(
			1
		);
	});

	it("a euro claim reads the strategy's forint amounts at the rate: a 5 000 Ft minimum and a 4 900 Ft fee are 12.50 € and 12.25 €", () => {
		const w = defaultStrategyVersion(1, 2);
		const first = w.stages[0];
		first.minBalanceMinor = 500_000;
		first.belowMinimum = 'close_uneconomic';
		first.fee = { kind: 'fixed', amountMinor: 490_000 };
		const asOf = addDays('2026-03-02', first.startDay + 3);
		const at = (balanceMinor: number, currency: string) =>
			evaluateClaim(open({ balanceMinor, currency, contractAllowsFees: true }), w, asOf);
		// 100 € is well above 12.50 €: the stage starts, with its fee in cents (it was 4 900 € and a
		// closed claim: fillér read as cents)
		const eur = at(10_000, 'EUR');
		expect(eur.close).toBeNull();
		expect(eur.transitions.map((t) => [t.to, t.silent])).toEqual([[first.stage, false]]);
		expect(eur.actions.filter((a) => a.kind === 'fee').map((a) => a.amountMinor)).toEqual([1225]);
		// 12 € is below it, as 4 000 Ft is below 5 000 Ft
		expect(at(1_200, 'EUR').close?.reason).toBe('uneconomic');
		expect(at(400_000, 'HUF').close?.reason).toBe('uneconomic');
		// at another rate the same forints are other cents
		const dear = evaluateClaim(
			open({ balanceMinor: 10_000, currency: 'EUR', contractAllowsFees: true, hufPerEur: 490 }),
			w,
			asOf
		);
		expect(dear.actions.filter((a) => a.kind === 'fee').map((a) => a.amountMinor)).toEqual([1000]);
	});

	it('C9 also guards the legal stage of a version that has no formal notice', () => {
		const w = defaultStrategyVersion(1, 6);
		w.stages = w.stages.filter((st) => st.stage === 'legal');
		const f = open({ dueDate: '2025-12-01' });
		const e = evaluateClaim(f, w, '2026-03-02');
		expect(e.transitions).toEqual([]);
		expect(e.actions.map((a) => [a.stage, a.step])).toEqual([['new', 'plan_offer']]);
		expect(
			evaluateClaim({ ...f, planOffered: true }, w, '2026-03-02').transitions.map((t) => t.to)
		).toEqual(['legal']);
	});

	it('Odoo: a claim whose balance is paid off plans nothing, whatever its status says, and cancels what is pending', () => {
		const e = evaluateClaim(
			open({ balanceMinor: 0, stage: 'firm_reminder', stageEnteredOn: '2026-03-23' }),
			v,
			'2026-03-23'
		);
		expect(e.actions).toEqual([]);
		expect(e.cancel).toEqual({ reason: 'paid', keepStage: null });
	});

	it('a promise stops the clock until the promised date plus grace; after it the stage resumes where it stood', () => {
		const p = promiseHold('2026-03-05', '2026-03-20', 3); // held 5th..23rd
		const f = open({ holds: [p] });
		expect(evaluateClaim(f, v, '2026-03-09').actions).toEqual([]);
		expect(evaluateClaim(f, v, '2026-03-09').waiting?.rule).toBe('hold');
		// 2 active days before the promise, so day 5 comes on 26 March
		expect(evaluateClaim(f, v, '2026-03-25').transitions).toEqual([]);
		expect(evaluateClaim(f, v, '2026-03-26').transitions.map((t) => t.to)).toEqual([
			'friendly_reminder'
		]);
	});

	it('vulnerability: no calls or visits, and a call step is planned late or dropped by its missed-days policy', () => {
		const f = open({
			stage: 'firm_reminder',
			stageEnteredOn: '2026-03-23',
			holds: [hold('vulnerability', '2026-03-01', '2026-04-01')]
		});
		const run = (w: typeof v) => {
			let facts: ClaimFacts = {
				...f,
				plannedKeys: new Set([`7:1@${w.version}:firm_reminder:first:0`])
			};
			const got: string[] = [];
			for (let d = '2026-03-24'; d <= '2026-04-03'; d = addDays(d, 1)) {
				if (!isBusinessDay(d)) continue;
				const e = evaluateClaim(facts, w, d);
				got.push(...e.actions.map((a) => `${d} ${a.step} ${a.channels.join('/')} ${a.why.rule}`));
				facts = feedBack(facts, e);
			}
			return got;
		};
		// day 3 (26 March) the call is suppressed; it is 'run_all', so it is planned when the hold ends
		expect(run(v)).toEqual([
			'2026-03-30 followup email/sms step_due',
			'2026-04-01 call call step_missed_run_all'
		]);
		const w = defaultStrategyVersion(1, 5);
		w.stages[1].steps[1].missed = 'skip';
		expect(run(w)).toEqual(['2026-03-30 followup email/sms step_due']);
	});

	it("missed days: 'latest_only' plans only the latest due step, 'skip' none of the missed ones", () => {
		const f = open({ stage: 'friendly_reminder', stageEnteredOn: '2026-03-09' });
		// the engine was down for a week: both friendly steps (day 0 and day 3) have passed
		expect(evaluateClaim(f, v, '2026-03-17').actions.map((a) => a.step)).toEqual(['followup']);
		const w = defaultStrategyVersion(1, 3);
		for (const s of w.stages[0].steps) s.missed = 'skip';
		expect(evaluateClaim(f, w, '2026-03-17').actions).toEqual([]);
		// the steps' own business days are not "missed": due Saturday, planned Monday
		expect(evaluateClaim(f, w, '2026-03-12').actions.map((a) => a.step)).toEqual(['followup']);
	});

	it('C14 on entry: the EUR 40 lump sum for a business debtor within the year, once; refused for a consumer', () => {
		const w = defaultStrategyVersion(1, 4);
		w.stages[1].fee = { kind: 'b2b_lump_sum' };
		const base = open({
			stage: 'friendly_reminder',
			stageEnteredOn: '2026-03-09',
			currency: 'EUR'
		});
		const company = evaluateClaim({ ...base, debtorKind: 'company' }, w, '2026-03-24');
		expect(company.actions.filter((a) => a.kind === 'fee')).toMatchObject([
			{ key: lumpSumKey(7), amountMinor: 4000 }
		]);
		const person = evaluateClaim(base, w, '2026-03-24');
		expect(person.actions.filter((a) => a.kind === 'fee')).toEqual([]);
		expect(person.refusedFees).toMatchObject([{ reason: 'strategy.fee.refused.consumer' }]);
	});

	it('the legal stage leads to the handover queue', () => {
		const f = open({ stage: 'formal_notice', stageEnteredOn: '2026-04-16', planOffered: true });
		const e = evaluateClaim(f, v, '2026-06-01');
		expect(e.transitions.map((t) => t.to)).toEqual(['legal']);
		expect(e.actions.map((a) => a.kind).sort()).toEqual(['contact', 'handover']);
		expect(e.cancel).toEqual({ reason: 'moved_on', keepStage: 'legal' });
	});

	it('Lago and OCA: a claim runs under its own version; action keys name it, so an edited copy plans apart', () => {
		const f = open({ stage: 'friendly_reminder', stageEnteredOn: '2026-03-09' });
		const v2 = { ...defaultStrategyVersion(1, 2) };
		const k1 = evaluateClaim(f, v, '2026-03-09').actions.map((a) => a.key);
		const k2 = evaluateClaim(f, v2, '2026-03-09').actions.map((a) => a.key);
		expect(k1).toEqual(['7:1@1:friendly_reminder:first:0']);
		expect(k2).toEqual(['7:1@2:friendly_reminder:first:0']);
	});
});

describe('the strategy editor’s preview', () => {
	it('a claim due on 2 March 2026 gets, under the default strategy: ... on ...', () => {
		const lines = previewStrategy(defaultStrategyVersion(), '2026-03-02').map((l) =>
			`${l.date} ${l.kind} ${l.stage} ${l.step} ${l.channels.join('/')}`.trim()
		);
		expect(lines).toEqual([
			'2026-03-09 stage friendly_reminder', // day 5 is a Saturday
			'2026-03-09 contact friendly_reminder first sms/email',
			'2026-03-12 contact friendly_reminder followup email/sms',
			'2026-03-24 stage firm_reminder',
			'2026-03-24 contact firm_reminder first sms/email',
			'2026-03-27 contact firm_reminder call call',
			'2026-03-31 contact firm_reminder followup email/sms',
			'2026-04-20 stage formal_notice',
			'2026-04-20 contact formal_notice notice letter',
			'2026-04-23 contact formal_notice call call',
			'2026-05-04 contact formal_notice visit visit/call',
			'2026-06-04 stage legal',
			'2026-06-04 handover legal handover',
			'2026-06-04 contact legal handover_notice letter'
		]);
	});

	it('for any valid strategy and due date: stages in path order, each once, on business days, actions once', () => {
		fc.assert(
			fc.property(arbCase, ({ v, facts }) => {
				const lines = previewStrategy(v, facts.dueDate, { balanceMinor: 50_000_000 });
				const stages = lines.filter((l) => l.kind === 'stage').map((l) => l.stage);
				expect(stages).toEqual(v.stages.map((s) => s.stage).slice(0, stages.length));
				expect(stages.at(-1)).toBe('legal');
				for (const l of lines) expect(isBusinessDay(l.date)).toBe(true);
				const dates = lines.map((l) => l.date);
				expect([...dates].sort()).toEqual(dates);
			}),
			{ numRuns: 100 }
		);
	});
});
