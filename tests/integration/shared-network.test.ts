/**
 * A shared network (issue 19, item 10): mobile carriers put many people behind one address, so
 * strangers' wrong answers can lock that address. Such a lock must not refuse a debtor whose own
 * link has had no wrong answer; guessing stays bounded per link (its first wrong answer makes the
 * address's lock apply to it); and what the locked page offers helps: another connection, or a
 * fresh link, which opens from the same address.
 */
import { describe, expect } from 'vitest';
import { mintAccessLink } from '../../src/lib/server/auth/links';
import {
	answerLink,
	linkState,
	mintLinkForOutbox,
	requestFreshLink
} from '../../src/lib/server/services/access';
import { authTest } from '../helpers/auth-fixtures';
import type { DB } from '../../src/lib/server/db/client';

const OP = { kind: 'operator', userId: 1 } as const;
const NAT = '100.64.0.1';

/** Five strangers behind the carrier's address type wrong answers to their own links (of `debtorId`). */
function strangersLockNat(db: DB, debtorId: number) {
	for (let i = 0; i < 5; i++)
		answerLink(db, { token: mintAccessLink(db, OP, debtorId).token, answer: `900${i}`, ip: NAT });
}

describe('an IP locked by other people’s wrong answers', () => {
	authTest('does not refuse a link that has had no wrong answer of its own', ({ db, w }) => {
		// five strangers behind the carrier's address type wrong answers to their own links
		strangersLockNat(db, w.personB);
		const stranger = mintAccessLink(db, OP, w.personB);
		answerLink(db, { token: stranger.token, answer: '9100', ip: '192.0.2.50' });
		expect(linkState(db, stranger.token, NAT)).toMatchObject({ state: 'locked', by: 'ip' });

		// Anna's link, never answered wrong: the page asks its question and the right answer opens it
		const anna = mintAccessLink(db, OP, w.personA);
		expect(linkState(db, anna.token, NAT)).toEqual({ state: 'ok', question: 'birth_date' });
		expect(answerLink(db, { token: anna.token, answer: '1980-04-02', ip: NAT }).ok).toBe(true);
	});

	authTest(
		'a guesser behind the locked address gets one wrong answer per link, then the lock holds',
		({ db, w }) => {
			strangersLockNat(db, w.personB);
			const l = mintAccessLink(db, OP, w.personA);
			expect(answerLink(db, { token: l.token, answer: '1901-01-01', ip: NAT })).toMatchObject({
				ok: false,
				reason: 'locked',
				by: 'ip'
			});
			// now even the right answer is refused from there
			expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: NAT })).toMatchObject({
				ok: false,
				reason: 'locked',
				by: 'ip'
			});
			expect(linkState(db, l.token, NAT)).toMatchObject({ state: 'locked', by: 'ip' });
			// what the page offers helps: another connection answers at once...
			expect(linkState(db, l.token, '192.0.2.60')).toMatchObject({ state: 'ok' });
			// ...and a fresh link (sent to the contact on file) opens from the same address
			expect(requestFreshLink(db, l.token, NAT)).toBe(true);
			const outboxId = db.$client
				.prepare("SELECT max(id) FROM outbox WHERE template = 'access_link'")
				.pluck()
				.get() as number;
			const fresh = mintLinkForOutbox(db, outboxId).path.slice('/p/'.length);
			expect(linkState(db, fresh, NAT)).toMatchObject({ state: 'ok' });
			expect(answerLink(db, { token: fresh, answer: '1980-04-02', ip: NAT }).ok).toBe(true);
		}
	);
});
