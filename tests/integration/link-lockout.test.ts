/**
 * Guessing a debtor link's answer over the link's whole life (issue 15, item 3): locks escalate,
 * the last one closes the link until the debtor asks for a fresh one (sent only to the contact on
 * file), a right answer gives no wrong ones back, and a postal code is never the question where a
 * birth date or tax number is on file. The number of answers actually checked is counted from the
 * audit trail (one `access_link.answer_failed` row per checked wrong answer).
 */
import { describe, expect } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { DAY_MS } from '../../src/lib/domain/clock';
import { mintAccessLink, LINK_TTL_DAYS } from '../../src/lib/server/auth/links';
import {
	answerLink,
	linkState,
	requestFreshLink,
	mintLinkForOutbox,
	LINK_LOCK_STEPS_MS,
	LINK_MAX_FAILURES,
	LINK_MAX_GUESSES,
	LINK_MAX_LOCKS
} from '../../src/lib/server/services/access';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import hu from '../../src/lib/i18n/hu/auth';
import en from '../../src/lib/i18n/en/auth';
import { authTest } from '../helpers/auth-fixtures';

const OP = { kind: 'operator', userId: 1 } as const;
const checked = (db: DB) =>
	db.$client
		.prepare("SELECT count(*) FROM audit_log WHERE action = 'access_link.answer_failed'")
		.pluck()
		.get() as number;

/** A different address for every try, so the per-IP limit never stops the guesser. */
let ipSeq = 0;
const nextIp = () => `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}`;

describe('debtor link guessing over a whole life', () => {
	authTest(
		`checks at most ${LINK_MAX_GUESSES} answers in a link's 60 days, however fast the guesser, then not even the right one`,
		({ db, clk, w }) => {
			// personB: creditor B asks the postal code and nothing stronger is on file (4025)
			const l = mintAccessLink(db, OP, w.personB);
			expect(linkState(db, l.token, nextIp())).toEqual({ state: 'ok', question: 'postal_code' });
			const end = clk.now() + LINK_TTL_DAYS * DAY_MS;
			let guess = 0;
			let sent = 0;
			const lockLengths: number[] = [];
			// every 10 minutes of the link's life, the guesser sends wrong codes until refused, and
			// whenever a lock is announced notes how long it lasts
			while (clk.now() < end) {
				for (let k = 0; k < 10; k++) {
					const code = String(guess++).padStart(4, '0');
					if (code === '4025') continue;
					sent++;
					const before = checked(db);
					const r = answerLink(db, { token: l.token, answer: code, ip: nextIp() });
					if (r.ok) throw new Error('a wrong code was accepted');
					// a checked answer that locked the link: how long this lock lasts
					if (r.reason === 'locked' && checked(db) > before) lockLengths.push(r.until - clk.now());
					if (r.reason !== 'wrong') break;
				}
				clk.advance(10 * 60_000);
			}
			expect(sent).toBeGreaterThan(8_000);
			expect(checked(db)).toBe(LINK_MAX_GUESSES);
			expect(LINK_MAX_GUESSES).toBe(LINK_MAX_FAILURES * LINK_MAX_LOCKS);
			// small against the weakest question's code space: under 1% of the 10,000 postal codes
			expect(LINK_MAX_GUESSES / 10_000).toBeLessThan(0.01);
			// each lock longer than the one before: 30 min, 2 h, 8 h, 24 h, then closed
			expect(lockLengths).toEqual([...LINK_LOCK_STEPS_MS]);
			expect(
				db.$client
					.prepare("SELECT count(*) FROM audit_log WHERE action = 'access_link.closed'")
					.pluck()
					.get()
			).toBe(1);
			expect(verifyAuditChain(db).ok).toBe(true);
		}
	);

	authTest(
		'a closed link refuses even the right answer and says so; a fresh link goes to the contact on file and works',
		({ db, clk, w }) => {
			const l = mintAccessLink(db, OP, w.personA);
			const results: string[] = [];
			for (let i = 0; i < LINK_MAX_GUESSES; i++) {
				const r = answerLink(db, {
					token: l.token,
					answer: `1901-01-${String((i % 28) + 1).padStart(2, '0')}`,
					ip: nextIp()
				});
				results.push(r.ok ? 'ok' : r.reason);
				if (!r.ok && r.reason === 'locked') clk.advance(r.until - clk.now());
			}
			expect(results.at(-1)).toBe('exhausted');
			expect(results.filter((x) => x === 'locked')).toHaveLength(LINK_MAX_LOCKS - 1);
			expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: nextIp() })).toEqual({
				ok: false,
				reason: 'exhausted'
			});
			// days later, still closed: it is not a lock that ends
			clk.advanceDays(10);
			expect(linkState(db, l.token, nextIp())).toEqual({ state: 'exhausted' });
			expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: nextIp() })).toMatchObject({
				reason: 'exhausted'
			});
			expect(checked(db)).toBe(LINK_MAX_GUESSES);
			// the page says what to do, in both languages
			expect(hu['auth.link.exhaustedBody']).toMatch(/új hivatkozást/i);
			expect(en['auth.link.exhaustedBody']).toMatch(/new link/i);
			// the existing "send me a fresh link" flow works from the closed link, to the e-mail on file
			expect(requestFreshLink(db, l.token, nextIp())).toBe(true);
			const row = db.$client.prepare('SELECT id, channel FROM outbox').get() as {
				id: number;
				channel: string;
			};
			expect(row.channel).toBe('email');
			const fresh = mintLinkForOutbox(db, row.id).path.slice(3);
			expect(answerLink(db, { token: fresh, answer: '1980-04-02', ip: nextIp() }).ok).toBe(true);
		}
	);

	authTest(
		'a right answer gives no wrong answers back, so taking turns with the debtor gains a guesser nothing',
		({ db, w }) => {
			const l = mintAccessLink(db, OP, w.personA);
			for (let i = 1; i < LINK_MAX_FAILURES; i++)
				expect(
					answerLink(db, { token: l.token, answer: `1901-01-0${i}`, ip: nextIp() })
				).toMatchObject({ reason: 'wrong' });
			expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: nextIp() }).ok).toBe(true);
			expect(answerLink(db, { token: l.token, answer: '1901-01-09', ip: nextIp() })).toMatchObject({
				ok: false,
				reason: 'locked',
				by: 'link'
			});
		}
	);

	authTest(
		'never asks a postal code alone where a birth date or a tax number is on file',
		({ db, w }) => {
			// personA has a birth date; the link was minted asking the postal code (1051)
			const p = mintAccessLink(db, OP, w.personA, { question: 'postal_code' });
			expect(linkState(db, p.token, nextIp())).toEqual({ state: 'ok', question: 'birth_date' });
			expect(answerLink(db, { token: p.token, answer: '1051', ip: nextIp() })).toMatchObject({
				ok: false,
				reason: 'format',
				question: 'birth_date'
			});
			expect(answerLink(db, { token: p.token, answer: '1980-04-02', ip: nextIp() }).ok).toBe(true);
			// a company: its tax number, not its postal code (6720)
			const c = mintAccessLink(db, OP, w.companyA, { question: 'postal_code' });
			expect(linkState(db, c.token, nextIp())).toEqual({ state: 'ok', question: 'tax_number' });
			expect(answerLink(db, { token: c.token, answer: '6720', ip: nextIp() }).ok).toBe(false);
			expect(answerLink(db, { token: c.token, answer: '12345678-2-42', ip: nextIp() }).ok).toBe(
				true
			);
			// where the postal code is all there is, it is still asked
			const b = mintAccessLink(db, OP, w.personB);
			expect(linkState(db, b.token, nextIp())).toEqual({ state: 'ok', question: 'postal_code' });
			expect(answerLink(db, { token: b.token, answer: '4025', ip: nextIp() }).ok).toBe(true);
		}
	);

	authTest('the per-IP limit still holds across links', ({ db, w }) => {
		const ip = '192.0.2.1';
		for (let i = 0; i < 5; i++)
			answerLink(db, {
				token: mintAccessLink(db, OP, w.personB).token,
				answer: `90${i}0`,
				ip
			});
		// a link with a wrong answer of its own (issue 19, item 10: a link without one is answered
		// through an IP's lock, as a mobile carrier shares one address among many people)
		const l = mintAccessLink(db, OP, w.personB);
		answerLink(db, { token: l.token, answer: '9999', ip: '192.0.2.99' });
		expect(answerLink(db, { token: l.token, answer: '4025', ip })).toMatchObject({
			ok: false,
			reason: 'locked',
			by: 'ip'
		});
	});
});
