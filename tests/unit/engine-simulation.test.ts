/**
 * 120 days, day by day, over a few hundred random claims under a few strategies, with payments,
 * promises, disputes, plans and vulnerability holds arriving on random days (issue 16, "tests that
 * must exist"). Every business day each claim is evaluated as the daily run would; a claim with an
 * event is also re-evaluated at once, weekend or not, as payments and promises will do. After every
 * evaluation the invariants are checked: no skipped stage, nothing planned or moved on hold or once
 * paid, each action key once in the whole run, the formal notice only after a plan offer, every
 * action on a business day, and a second evaluation the same day planning nothing new.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../helpers/prng';
import { evaluateClaim, lumpSumKey, type ClaimFacts } from '../../src/lib/domain/engine';
import { hold, promiseHold, stopsOn, type Hold } from '../../src/lib/domain/holds';
import { isBusinessDay } from '../../src/lib/domain/holidays';
import { addDays } from '../../src/lib/domain/clock';
import {
	defaultStrategyVersion,
	nextStage,
	type StrategyVersion
} from '../../src/lib/domain/strategy';
import type { Stage } from '../../src/lib/domain/stages';

function strategies(): StrategyVersion[] {
	const plain = defaultStrategyVersion(1, 1);
	// a creditor who closes small claims before the formal notice and charges the C14 lump sum
	const strict = defaultStrategyVersion(2, 3);
	strict.stages[2].minBalanceMinor = 1_500_000;
	strict.stages[2].belowMinimum = 'close_uneconomic';
	strict.stages[1].fee = { kind: 'b2b_lump_sum' };
	// one with silent reminders for small claims, skipped missed steps and a fixed fee
	const quiet = defaultStrategyVersion(3, 1);
	quiet.stages[0].minBalanceMinor = 2_000_000;
	quiet.stages[1].minBalanceMinor = 2_000_000;
	quiet.stages[2].fee = { kind: 'fixed', amountMinor: 300_000 };
	for (const s of quiet.stages) for (const st of s.steps) st.missed = 'skip';
	return [plain, strict, quiet];
}

interface Sim {
	facts: ClaimFacts;
	v: StrategyVersion;
	history: Stage[];
	holds: Hold[];
}

describe('the engine over 120 days of a random portfolio', () => {
	it('keeps every invariant, day by day, for 300 claims', () => {
		const rand = prng(20261206).next;
		const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
		const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
		const vs = strategies();
		const start = '2026-01-05';
		const claims: Sim[] = Array.from({ length: 300 }, (_, i) => ({
			v: pick(vs),
			history: ['new'],
			holds: [],
			facts: {
				claimId: i + 1,
				dueDate: addDays(start, -int(0, 70)),
				balanceMinor: int(100_000, 30_000_000),
				currency: 'HUF',
				debtorKind: rand() < 0.3 ? 'company' : 'person',
				status: 'open',
				stage: 'new',
				stageEnteredOn: null,
				holds: [],
				planOffered: false,
				plannedKeys: new Set<string>(),
				cycle: 0,
				contractAllowsFees: rand() < 0.5,
				hufPerEur: 400,
				lumpSumInCurrencyMinor: 1_600_000,
				lumpSumCharged: false
			}
		}));
		const everyKey = new Set<string>();
		const seen = { transitions: 0, actions: 0, heldDays: 0, closed: 0, paid: 0, legal: 0, fees: 0 };

		const evaluate = (c: Sim, day: string) => {
			const f = { ...c.facts, holds: [...c.holds] };
			const e = evaluateClaim(f, c.v, day);
			const held = stopsOn(f.holds, day).length > 0;
			if (held || f.status !== 'open') {
				expect(e.actions, `claim ${f.claimId} on hold/${f.status} on ${day}`).toEqual([]);
				expect(e.transitions).toEqual([]);
				if (held) seen.heldDays++;
			}
			expect(e.transitions.length).toBeLessThanOrEqual(1);
			for (const t of e.transitions) {
				expect(t.from).toBe(f.stage);
				expect(t.to).toBe(nextStage(c.v, f.stage)!.stage);
				if (t.to === 'formal_notice' || t.to === 'legal') expect(f.planOffered).toBe(true);
				c.history.push(t.to);
				seen.transitions++;
				if (t.to === 'legal') seen.legal++;
			}
			for (const a of e.actions) {
				expect(everyKey.has(a.key), `${a.key} planned twice`).toBe(false);
				everyKey.add(a.key);
				expect(isBusinessDay(a.date)).toBe(true);
				expect(a.date >= day).toBe(true);
				seen.actions++;
				if (a.kind === 'fee') seen.fees++;
				if (a.kind === 'fee' && a.key === lumpSumKey(f.claimId))
					expect(f.debtorKind).toBe('company');
			}
			// the caller's part: record what was decided
			const keys = new Set(f.plannedKeys);
			for (const a of e.actions) keys.add(a.key);
			const t = e.transitions.at(-1);
			c.facts = {
				...c.facts,
				plannedKeys: keys,
				stage: t ? t.to : f.stage,
				stageEnteredOn: t ? t.on : f.stageEnteredOn,
				status: e.close ? 'closed' : f.status,
				lumpSumCharged: f.lumpSumCharged || e.actions.some((a) => a.key === lumpSumKey(f.claimId)),
				balanceMinor:
					f.balanceMinor +
					e.actions.reduce((s, a) => s + (a.kind === 'fee' ? a.amountMinor! : 0), 0)
			};
			if (e.close) seen.closed++;
			// the same day again plans nothing new (Invoice Ninja's 22 reminders)
			const again = evaluateClaim({ ...c.facts, holds: [...c.holds] }, c.v, day);
			expect(again.actions).toEqual([]);
			expect(again.transitions).toEqual([]);
			// every message links to the plan page: once one goes out, a plan was offered (C9)
			if (
				e.actions.some((a) =>
					a.channels.some((ch) => ch === 'sms' || ch === 'email' || ch === 'letter')
				)
			)
				c.facts = { ...c.facts, planOffered: true };
		};

		const endOpen = (c: Sim, kind: Hold['kind'], day: string) => {
			c.holds = c.holds.map((h) => (h.kind === kind && h.end === null ? { ...h, end: day } : h));
		};

		for (let i = 0; i < 120; i++) {
			const day = addDays(start, i);
			for (const c of claims) {
				const f = c.facts;
				if (f.status === 'paid' || f.status === 'closed') {
					if (isBusinessDay(day)) evaluate(c, day); // still planning nothing
					continue;
				}
				let event = true;
				const r = rand();
				if (r < 0.02) {
					// a partial payment
					c.facts = { ...f, balanceMinor: f.balanceMinor - int(1, Math.ceil(f.balanceMinor / 2)) };
				} else if (r < 0.025) {
					c.facts = { ...f, balanceMinor: 0, status: 'paid' };
					seen.paid++;
				} else if (r < 0.04 && !c.holds.some((h) => h.kind === 'promise' && h.end! > day)) {
					c.holds.push(promiseHold(day, addDays(day, int(1, 14)), c.v.promiseGraceDays));
				} else if (r < 0.047 && f.status === 'open') {
					c.holds.push(hold('dispute', day));
					c.facts = { ...f, status: 'disputed' };
				} else if (r < 0.054 && f.status === 'open') {
					c.holds.push(hold('plan', day));
					c.facts = { ...f, status: 'in_plan' };
				} else if (r < 0.056) {
					c.holds.push(hold('vulnerability', day, addDays(day, int(3, 30))));
				} else if (f.status === 'disputed' && r < 0.1) {
					endOpen(c, 'dispute', day); // the operator answered
					c.facts = { ...f, status: 'open' };
				} else if (f.status === 'in_plan' && r < 0.09) {
					endOpen(c, 'plan', day); // the plan broke
					c.facts = { ...f, status: 'open' };
				} else event = false;
				// payments, promises, disputes and plans re-evaluate the claim at once; and the daily run
				if (event || isBusinessDay(day)) evaluate(c, day);
			}
		}

		// every claim's stages are a prefix of its version's path: nothing skipped
		for (const c of claims) {
			const path: Stage[] = ['new', ...c.v.stages.map((s) => s.stage)];
			expect(c.history).toEqual(path.slice(0, c.history.length));
		}
		// and the run was not vacuous
		expect(seen.transitions).toBeGreaterThan(300);
		expect(seen.legal).toBeGreaterThan(5);
		expect(seen.actions).toBeGreaterThan(1000);
		expect(seen.heldDays).toBeGreaterThan(500);
		expect(seen.closed).toBeGreaterThan(0);
		expect(seen.paid).toBeGreaterThan(10);
		expect(seen.fees).toBeGreaterThan(0);
		// 36 000 evaluations: about 2 s alone, several times that on a busy two-core machine
	}, 60_000);
});
