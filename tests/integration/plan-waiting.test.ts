/**
 * While the debtor's plan proposal waits for an operator (or our counter-offer waits for the
 * debtor), the plan is their answer on how they pay: the portal takes no promise to pay and no
 * "I can't pay now" beside it (the services refuse a direct post, in words the page shows),
 * paying stays open, and once the proposal is withdrawn or the counter-offer declined both are
 * possible again. Staff recording a promise on a call judge it themselves.
 */
import { expect } from 'vitest';
import { planTest, propose, terms, planStatus } from '../helpers/plans-fixtures';
import { scalar } from '../helpers/db';
import { conflictKey } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import type { Actor } from '../../src/lib/domain/actor';
import { makePromise } from '../../src/lib/server/services/promises';
import { requestHardship } from '../../src/lib/server/services/hardship';
import { counterPlan, declineCounter, withdrawProposal } from '../../src/lib/server/services/plans';
import { reconcile, startPayment } from '../../src/lib/server/services/payments';
import { DemoGateway, demoEvent } from '../../src/lib/server/payments/demo';
import { translate } from '../../src/lib/i18n';

const weekly10 = terms(10, { frequency: 'weekly', firstDueDate: '2026-03-09' });

const promise = (db: DB, actor: Actor, claimId: number) => () =>
	makePromise(db, actor, { claimId, promisedDate: '2026-03-10', amountMinor: 1_000_000 });
const hardship = (db: DB, actor: Actor, claimId: number) => () =>
	requestHardship(db, actor, { claimId, reason: 'job_loss', note: '', pauseDays: 30 });

/** The actor's promise to pay and request for a pause on the claim are both refused with `key`. */
function bothRefused(db: DB, actor: Actor, claimId: number, key: string) {
	expect(conflictKey(promise(db, actor, claimId))).toBe(key);
	expect(conflictKey(hardship(db, actor, claimId))).toBe(key);
}

/** The actor promises to pay and asks for a pause on the claim, and both are taken. */
function bothTaken(db: DB, actor: Actor, claimId: number) {
	expect(promise(db, actor, claimId)().status).toBe('open');
	expect(hardship(db, actor, claimId)().status).toBe('pending');
}

/** What the refused requests would have left behind: promises, hardship requests, holds, audit rows. */
const traces = (db: DB, claimId: number) => ({
	promises: scalar(db, 'SELECT count(*) FROM promises WHERE claim_id = ?', claimId),
	hardship: scalar(db, 'SELECT count(*) FROM hardship_requests WHERE claim_id = ?', claimId),
	holds: scalar(db, 'SELECT count(*) FROM holds WHERE claim_id = ?', claimId),
	audit: scalar(db, 'SELECT count(*) FROM audit_log')
});

async function payPart(db: DB, actor: Actor, claimId: number, amountMinor: number) {
	const { paymentId } = await startPayment(
		db,
		actor,
		{ claimId, amountMinor, purpose: 'partial' },
		new DemoGateway()
	);
	return reconcile(db, demoEvent({ id: paymentId, amountMinor, currency: 'HUF' }, 'approve'));
}

planTest(
	'a proposal waiting for review: no promise and no pause (refused in words), paying goes on; withdrawn, both are open again',
	async ({ db, s }) => {
		const claimId = s.claim(s.d1);
		const p = propose(db, s.debtor1, claimId, 'review', weekly10);
		expect(p.status).toBe('proposed');
		const before = traces(db, claimId);
		bothRefused(db, s.debtor1, claimId, 'plans.waiting.proposed');
		// nothing was written: no promise, no request, no hold, no audit row
		expect(traces(db, claimId)).toEqual(before);
		// the refusal is a sentence in both languages (the page shows it, not the key)
		for (const lang of ['hu', 'en'] as const)
			expect(translate(lang, 'plans.waiting.proposed')).not.toBe('plans.waiting.proposed');
		// paying a part stays open, and the proposal still waits
		expect((await payPart(db, s.debtor1, claimId, 1_000_000)).outcome).toBe('posted');
		expect(planStatus(db, p.id)).toBe('proposed');
		// withdrawn: the debtor may promise, or ask for a pause
		withdrawProposal(db, s.debtor1, { planId: p.id });
		bothTaken(db, s.debtor1, claimId);
	}
);

planTest(
	'a counter-offer waiting for the debtor: no promise and no pause until it is answered',
	({ db, s }) => {
		const claimId = s.claim(s.d1);
		const p = propose(db, s.debtor1, claimId, 'review', weekly10);
		const c = counterPlan(db, s.operator, {
			planId: p.id,
			proposal: terms(4, { firstDueDate: '2026-03-20' })
		});
		expect(c.status).toBe('countered');
		bothRefused(db, s.debtor1, claimId, 'plans.waiting.countered');
		declineCounter(db, s.debtor1, { planId: c.id });
		bothTaken(db, s.debtor1, claimId);
	}
);

planTest(
	"staff taking a promise on a call judge it themselves; another debtor's proposal changes nothing",
	({ db, s }) => {
		const mine = s.claim(s.d1);
		const theirs = s.claim(s.d2);
		propose(db, s.debtor2, theirs, 'review', weekly10);
		// the other debtor's waiting proposal does not touch this claim
		expect(promise(db, s.debtor1, mine)().status).toBe('open');
		propose(db, s.debtor1, mine, 'review', weekly10);
		expect(conflictKey(promise(db, s.debtor1, mine))).toBe('plans.waiting.proposed');
		// an operator on a call records it on the debtor's behalf (audited as theirs)
		expect(promise(db, s.operator, mine)().status).toBe('open');
	}
);
