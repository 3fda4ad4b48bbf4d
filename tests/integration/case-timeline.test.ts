/**
 * The case page's timeline shows each contact once: a message the dispatcher sends is both a
 * messages row and a contact_events row (for the contact rules), and the timeline names it once;
 * a contact recorded before messages left Rendez (only in contact_events) still shows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs } from '../helpers/db';
import { emailSent, pastContact, useMailer } from '../helpers/messages-fixtures';
import { caseFile } from '../../src/lib/server/services/case-file';
import { planTest, propose, terms } from '../helpers/plans-fixtures';
import { counterPlan, rejectPlan } from '../../src/lib/server/services/plan-operator';

afterAll(removeTempDbs);

const OPERATOR = { kind: 'operator' as const, userId: 1 };
const mailer = useMailer();

describe('the case timeline', () => {
	it('shows a sent message once, and a contact recorded only as a contact too', async () => {
		const { db, clock, debtorId, claimId, row } = await emailSent(mailer.options());
		expect(row.channel).toBe('email');
		// the dispatcher recorded the e-mail as a contact as well
		const recorded = db.$client
			.prepare(`SELECT count(*) FROM contact_events WHERE claim_id = ? AND channel = 'email'`)
			.pluck()
			.get(claimId);
		expect(recorded).toBe(1);
		// a letter from before messages left Rendez: only a contact
		pastContact(db, claimId, 'letter', clock.now() - 86_400_000);

		const f = caseFile(db, OPERATOR, debtorId, () => ({ claimId: null, kinds: [], page: 1 }));
		const messages = f.timeline.events.filter((e) => e.kind === 'message');
		expect(messages.map((e) => e.channel).sort()).toEqual(['email', 'letter']);
		expect(messages.find((e) => e.channel === 'email')!.key).toBe(`message:${row.id}`);
		expect(f.timeline.counts.message).toBe(2);
	});
});

planTest(
	'a proposal answered with a counter-offer, or refused, is one line each way',
	({ db, s }) => {
		const events = () =>
			caseFile(db, s.operator, s.d1, () => ({ claimId: null, kinds: [], page: 1 }))
				.timeline.events.filter((e) => e.kind === 'plan')
				.map((e) => e.what)
				.sort();
		const first = propose(db, s.debtor1, s.claim(s.d1), 'review', terms(3));
		counterPlan(db, s.operator, { planId: first.id, proposal: terms(4) });
		// not "refused" twice (once by the operator, once by nobody) before the counter-offer
		expect(events()).toEqual(['countered', 'proposed']);
		const second = propose(db, s.debtor1, s.claim(s.d1), 'review', terms(3));
		rejectPlan(db, s.operator, { planId: second.id, reason: 'A jövedelem nem fedezi.' });
		expect(events()).toEqual(['countered', 'proposed', 'proposed', 'rejected']);
	}
);
