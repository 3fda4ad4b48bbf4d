/**
 * A proposal whose first due date has passed cannot be approved (it could no longer start): the
 * review says so before anyone clicks (`overdue`), and the counter-offer starts on a date the
 * debtor has time to accept (two weeks on), keeping every rule; approving is still refused.
 */
import { describe, expect } from 'vitest';
import { addDays, today as todayOf } from '../../src/lib/domain/clock';
import { checkProposal } from '../../src/lib/domain/plans';
import { clock } from '../../src/lib/server/clock';
import { approvePlan, planForReview } from '../../src/lib/server/services/plans';
import { ConflictError } from '../../src/lib/server/services/errors';
import { planTest, propose, terms } from '../helpers/plans-fixtures';

const DAY = 86_400_000;

describe('an overdue proposal', () => {
	planTest('can only be countered, from a date the debtor can still meet', ({ db, clk, s }) => {
		const claimId = s.claim(s.d1);
		const plan = propose(
			db,
			s.debtor1,
			claimId,
			'review',
			terms(8, { downPaymentMinor: 3_000_000, firstDueDate: '2026-03-05' })
		);
		const fresh = planForReview(db, s.operator, plan.id);
		expect(fresh.overdue).toBe(false);
		// a date still ahead is kept
		expect(fresh.counterStart.firstDueDate).toBe('2026-03-05');

		clk.advance(5 * DAY); // 7 March: the first due date has passed
		const today = todayOf(clock());
		const review = planForReview(db, s.operator, plan.id);
		expect(review.overdue).toBe(true);
		expect(review.counterStart.firstDueDate).toBe(addDays(today, 14));
		const ctx = { balanceMinor: review.claim.balanceMinor, currency: 'HUF' as const, today };
		expect(checkProposal(review.rules, ctx, review.counterStart).violations).toEqual([]);
		// the plan the review suggests in words is that same plan: its schedule starts on that day
		expect(review.counterStart.schedule).toEqual(
			checkProposal(review.rules, ctx, review.counterStart).schedule
		);
		expect(review.counterStart.schedule?.find((i) => i.seq > 0)?.dueDate).toBe(addDays(today, 14));
		expect(() => approvePlan(db, s.operator, { planId: plan.id })).toThrow(ConflictError);
	});
});
