/**
 * Issue 19, bug 2: each claim card on /my (myClaims) says where the claim stands from the
 * debtor's side: a plan waiting for review, a counter-offer to answer, a living plan's next
 * installment, an open promise, an open dispute's answer deadline; nothing for a claim with none.
 */
import { describe, expect } from 'vitest';
import { planTest, propose, terms, agreedPlan, installmentsOf } from '../helpers/plans-fixtures';
import { myClaims } from '../../src/lib/server/services/portal';
import { counterPlan } from '../../src/lib/server/services/plan-operator';
import { makePromise } from '../../src/lib/server/services/promises';
import { openDispute } from '../../src/lib/server/services/disputes';

describe('claim cards on /my', () => {
	planTest(
		'proposed, countered, active (next installment), promise, dispute, and nothing',
		({ db, s }) => {
			const [proposed, countered, active, promised, disputed, plain] = Array.from(
				{ length: 6 },
				() => s.claim(s.d1)
			);
			const weekly = terms(40, { frequency: 'weekly' });
			propose(db, s.debtor1, proposed, 'review', weekly);
			const pc = propose(db, s.debtor1, countered, 'review', weekly);
			counterPlan(db, s.operator, {
				planId: pc.id,
				proposal: terms(4, { firstDueDate: '2026-03-20' })
			});
			const plan = agreedPlan(db, s.debtor1, active);
			const first = installmentsOf(db, plan.id)[0];
			makePromise(db, s.debtor1, {
				claimId: promised,
				promisedDate: '2026-03-20',
				amountMinor: 700_000
			});
			openDispute(db, s.debtor1, {
				claimId: disputed,
				reason: 'wrong_amount',
				details: 'A kamat túl magas.'
			});
			const cards = new Map(
				myClaims(db, s.debtor1)
					.flatMap((g) => g.claims)
					.map((c) => [c.id, c.state])
			);
			expect(cards.get(proposed)).toEqual({ kind: 'proposed' });
			expect(cards.get(countered)).toEqual({ kind: 'counter' });
			expect(cards.get(active)).toEqual({
				kind: 'plan',
				nextMinor: first.amountMinor,
				nextDate: first.dueDate
			});
			expect(cards.get(promised)).toEqual({
				kind: 'promise',
				promisedDate: '2026-03-20',
				amountMinor: 700_000
			});
			expect(cards.get(disputed)).toMatchObject({ kind: 'dispute' });
			expect((cards.get(disputed) as { answerDueDate: string }).answerDueDate).toMatch(
				/^\d{4}-\d{2}-\d{2}$/
			);
			expect(cards.get(plain)).toBeNull();
			// another debtor's plans and promises never show on this debtor's cards
			expect(myClaims(db, s.debtor2).flatMap((g) => g.claims)).toEqual([]);
		}
	);
});
