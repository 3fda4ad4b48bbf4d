/** A dispute partly upheld: what may be taken off a claim, and the write-offs it makes. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	correctionLines,
	correctionProblems,
	writeOffOf
} from '../../src/lib/domain/dispute-correction';
import { COMPONENTS, totalOf, type Balances } from '../../src/lib/domain/ledger';
import { eventOfAudit, EVENT_ACTIONS } from '../../src/lib/domain/webhooks';

const balances = (max: number) =>
	fc.record({
		principal: fc.integer({ min: 0, max }),
		interest: fc.integer({ min: 0, max }),
		fee: fc.integer({ min: 0, max }),
		cost: fc.integer({ min: 0, max })
	}) as fc.Arbitrary<Balances>;

describe('correcting the amount of a disputed claim', () => {
	it('takes off at most each outstanding, something, and never everything; the lines sum to it', () => {
		fc.assert(
			fc.property(balances(1_000_000), balances(1_200_000), (outstanding, off) => {
				const problems = correctionProblems(outstanding, off);
				const allowed =
					COMPONENTS.every((c) => off[c] <= outstanding[c]) &&
					totalOf(off) > 0 &&
					totalOf(off) < totalOf(outstanding);
				expect(Object.keys(problems).length === 0).toBe(allowed);
				if (!allowed) return;
				const lines = correctionLines(off);
				expect(lines.every((l) => l.amountMinor < 0)).toBe(true);
				// what stays owed is the outstanding less the write-offs, and more than nothing
				const left = totalOf(outstanding) + lines.reduce((a, l) => a + l.amountMinor, 0);
				expect(left).toBe(totalOf(outstanding) - totalOf(off));
				expect(left).toBeGreaterThan(0);
			})
		);
	});

	it('names the field that caused a refusal, with the limit', () => {
		const outstanding = { principal: 1000, interest: 200, fee: 0, cost: -50 };
		expect(correctionProblems(outstanding, writeOffOf({ interest: 201, cost: 1 }))).toEqual({
			interest: { key: 'portal.dispute.ops.error.overOutstanding', params: { max: 200 } },
			cost: { key: 'portal.dispute.ops.error.overOutstanding', params: { max: 0 } }
		});
		expect(correctionProblems(outstanding, writeOffOf({ fee: -1, principal: 0.5 }))).toEqual({
			principal: { key: 'form.invalidAmount' },
			fee: { key: 'form.invalidAmount' }
		});
		expect(correctionProblems(outstanding, writeOffOf({}))).toEqual({
			writeOff: { key: 'portal.dispute.ops.error.nothingOff' }
		});
		// 1150 is owed in all (a cost overpaid by 50): taking 1150 off leaves nothing
		expect(correctionProblems(outstanding, writeOffOf({ principal: 950, interest: 200 }))).toEqual({
			writeOff: { key: 'portal.dispute.ops.error.allOff' }
		});
		expect(correctionProblems(outstanding, writeOffOf({ principal: 949, interest: 200 }))).toEqual(
			{}
		);
	});

	it('creditors hear of it as an answered dispute', () => {
		expect(EVENT_ACTIONS).toContain('dispute.corrected');
		expect(eventOfAudit('dispute.corrected', { status: 'corrected' })).toBe('dispute.answered');
	});
});
