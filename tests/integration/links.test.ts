import { describe, expect } from 'vitest';
import { scalar as count } from '../helpers/db';
import { mintAccessLink, questionFor } from '../../src/lib/server/auth/links';
import { hashToken } from '../../src/lib/server/auth/tokens';
import { validateSessionToken } from '../../src/lib/server/auth/sessions';
import {
	answerLink,
	linkState,
	normaliseBirthDate,
	normaliseTaxNumber,
	requestFreshLink,
	mintLinkForOutbox
} from '../../src/lib/server/services/access';
import { NotFoundError, ForbiddenError } from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { authTest } from '../helpers/auth-fixtures';

const OP = { kind: 'operator', userId: 1 } as const;

describe('debtor access links', () => {
	authTest(
		'mints a ≥128-bit base32 token, stores only its hash, expires in 60 days',
		({ db, clk, w }) => {
			const l = mintAccessLink(db, OP, w.personA);
			expect(l.path).toBe(`/p/${l.token}`);
			expect(l.token).toMatch(/^[a-z2-7]{26,}$/); // 26 base32 chars = 130 bits
			const row = db.$client
				.prepare('SELECT * FROM access_links WHERE id = ?')
				.get(l.linkId) as Record<string, unknown>;
			expect(row.token_hash).toBe(hashToken(l.token));
			expect(JSON.stringify(db.$client.prepare('SELECT * FROM access_links').all())).not.toContain(
				l.token
			);
			expect(row.expires_at).toBe(clk.now() + 60 * 86_400_000);
			expect(row.question).toBe('birth_date');
			expect(JSON.stringify(db.$client.prepare('SELECT * FROM audit_log').all())).not.toContain(
				l.token
			);
		}
	);

	authTest(
		'asks the question the creditor chose; a company always gives its tax number',
		({ db, w }) => {
			expect(questionFor('company', 'birth_date')).toBe('tax_number');
			expect(questionFor('person', 'postal_code')).toBe('postal_code');
			expect(questionFor('person', 'tax_number')).toBe('birth_date');
			expect(mintAccessLink(db, OP, w.companyA).linkId).toBeGreaterThan(0);
			expect(
				db.$client.prepare('SELECT question FROM access_links ORDER BY id DESC').pluck().get()
			).toBe('tax_number');
			mintAccessLink(db, OP, w.personB); // creditor B chose the postal code
			expect(
				db.$client.prepare('SELECT question FROM access_links ORDER BY id DESC').pluck().get()
			).toBe('postal_code');
		}
	);

	authTest(
		"refuses a creditor user minting for another tenant's debtor (404), and debtors minting at all",
		({ db, w }) => {
			expect(() =>
				mintAccessLink(
					db,
					{ kind: 'creditor', userId: w.creditorUserA, creditorId: w.creditorA },
					w.personB
				)
			).toThrow(NotFoundError);
			expect(() =>
				mintAccessLink(
					db,
					{ kind: 'creditor', userId: w.creditorUserA, creditorId: w.creditorA },
					99999
				)
			).toThrow(NotFoundError);
			expect(
				mintAccessLink(
					db,
					{ kind: 'creditor', userId: w.creditorUserA, creditorId: w.creditorA },
					w.personA
				).linkId
			).toBeGreaterThan(0);
			expect(() => mintAccessLink(db, { kind: 'debtor', debtorId: w.personA }, w.personA)).toThrow(
				ForbiddenError
			);
		}
	);

	authTest(
		'normalises answers: dates with dashes or dots, tax numbers with or without dashes',
		() => {
			expect(normaliseBirthDate('1980-04-02')).toBe('1980-04-02');
			expect(normaliseBirthDate('1980.04.02.')).toBe('1980-04-02');
			expect(normaliseBirthDate('1980. 04. 02.')).toBe('1980-04-02');
			expect(normaliseBirthDate('1980.4.2')).toBe('1980-04-02');
			expect(normaliseBirthDate('1980/04/02')).toBe('1980-04-02');
			expect(normaliseBirthDate('1980-02-30')).toBeNull();
			expect(normaliseBirthDate('02.04.1980')).toBeNull();
			expect(normaliseTaxNumber('12345678-2-42')).toBe('12345678242');
			expect(normaliseTaxNumber('12345678242')).toBe('12345678242');
			expect(normaliseTaxNumber('12345678 2 42')).toBe('12345678242');
			expect(normaliseTaxNumber('1234567-2-42')).toBeNull();
		}
	);

	authTest(
		'a right answer in either format starts a debtor session for that debtor only',
		({ db, w }) => {
			const l = mintAccessLink(db, OP, w.personA);
			expect(linkState(db, l.token, '1.1.1.1')).toEqual({ state: 'ok', question: 'birth_date' });
			const r = answerLink(db, { token: l.token, answer: '1980.04.02.', ip: '1.1.1.1' });
			if (!r.ok) throw new Error('expected ok: ' + r.reason);
			const v = validateSessionToken(db, r.session.token);
			expect(v?.kind === 'debtor' && v.debtor.debtorId).toBe(w.personA);
			expect(
				count(
					db,
					"SELECT count(*) FROM audit_log WHERE action = 'access_link.verified' AND entity_id = ?",
					String(l.linkId)
				)
			).toBe(1);
			const c = mintAccessLink(db, OP, w.companyA);
			expect(answerLink(db, { token: c.token, answer: '12345678242', ip: '1.1.1.2' }).ok).toBe(
				true
			);
		}
	);

	authTest('a badly formatted answer is explained, not counted', ({ db, w }) => {
		const l = mintAccessLink(db, OP, w.personA);
		for (let i = 0; i < 7; i++)
			expect(answerLink(db, { token: l.token, answer: 'április 2', ip: '1.1.1.1' })).toMatchObject({
				ok: false,
				reason: 'format'
			});
		expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: '1.1.1.1' }).ok).toBe(true);
	});

	authTest(
		'brute force: the 5th wrong answer locks the link; the 6th is refused even when right, until 30 minutes pass',
		({ db, clk, w }) => {
			const l = mintAccessLink(db, OP, w.personA);
			for (let i = 1; i <= 4; i++) {
				expect(
					answerLink(db, { token: l.token, answer: `1990-01-0${i}`, ip: `2.2.2.${i}` })
				).toMatchObject({ ok: false, reason: 'wrong', remaining: 5 - i });
			}
			expect(answerLink(db, { token: l.token, answer: '1990-01-05', ip: '2.2.2.5' })).toMatchObject(
				{
					ok: false,
					reason: 'locked'
				}
			);
			// the 6th, from yet another IP, with the right answer: refused
			expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: '2.2.2.6' })).toMatchObject(
				{
					ok: false,
					reason: 'locked'
				}
			);
			expect(linkState(db, l.token, '2.2.2.7').state).toBe('locked');
			clk.advance(29 * 60_000);
			expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: '2.2.2.8' })).toMatchObject(
				{
					ok: false,
					reason: 'locked'
				}
			);
			clk.advance(60_000);
			expect(linkState(db, l.token, '2.2.2.9').state).toBe('ok');
			expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: '2.2.2.9' }).ok).toBe(true);
			expect(count(db, "SELECT count(*) FROM audit_log WHERE action = 'access_link.locked'")).toBe(
				1
			);
			expect(
				count(db, "SELECT count(*) FROM audit_log WHERE action = 'access_link.answer_failed'")
			).toBe(5);
			const text = JSON.stringify(db.$client.prepare('SELECT * FROM audit_log').all());
			expect(text).not.toContain('1990-01-0');
			expect(text).not.toContain('1980-04-02');
			expect(verifyAuditChain(db).ok).toBe(true);
		}
	);

	authTest(
		"tells how many tries are left counting this IP's wrong answers on other links too",
		({ db, w }) => {
			for (const [answer, remaining] of [
				['9999', 4],
				['9998', 3]
			] as const)
				expect(
					answerLink(db, { token: mintAccessLink(db, OP, w.personB).token, answer, ip: '4.4.4.4' })
				).toMatchObject({ reason: 'wrong', remaining });
			// a fresh link, its first wrong answer: 4 left for the link, but 2 for this IP
			const l = mintAccessLink(db, OP, w.personA);
			expect(answerLink(db, { token: l.token, answer: '1900-01-01', ip: '4.4.4.4' })).toMatchObject(
				{
					reason: 'wrong',
					remaining: 2
				}
			);
			expect(answerLink(db, { token: l.token, answer: '1900-01-02', ip: '4.4.4.4' })).toMatchObject(
				{
					reason: 'wrong',
					remaining: 1
				}
			);
			expect(answerLink(db, { token: l.token, answer: '1900-01-03', ip: '4.4.4.4' })).toMatchObject(
				{
					reason: 'locked',
					by: 'ip'
				}
			);
			// the link itself is not locked: from another network it still answers
			expect(linkState(db, l.token, '4.4.4.5')).toMatchObject({ state: 'ok' });
		}
	);

	authTest(
		'locks an IP after 5 wrong answers across different links, for 30 minutes',
		({ db, clk, w }) => {
			const tries: [number, string][] = [
				[w.personA, '1900-01-01'],
				[w.personA, '1900-01-02'],
				[w.companyA, '99999999-9-99'],
				[w.personB, '9999'],
				[w.personA, '1900-01-03']
			];
			const tokens = tries.map(([d, answer]) => {
				const token = mintAccessLink(db, OP, d).token;
				expect(answerLink(db, { token, answer, ip: '3.3.3.3' }).ok).toBe(false);
				return token;
			});
			// a link with a wrong answer of its own is refused from the locked IP, even the right answer
			const tried = tokens[4];
			expect(answerLink(db, { token: tried, answer: '1980-04-02', ip: '3.3.3.3' })).toMatchObject({
				ok: false,
				reason: 'locked',
				by: 'ip'
			});
			expect(linkState(db, tried, '3.3.3.3')).toMatchObject({ state: 'locked', by: 'ip' });
			// the same link from another IP works: the link itself is not locked
			expect(answerLink(db, { token: tried, answer: '1980-04-02', ip: '3.3.3.4' }).ok).toBe(true);
			// (issue 19, item 10) a link with no wrong answer of its own is not refused by the IP's
			// lock: a mobile carrier shares one address among many people
			const fresh = mintAccessLink(db, OP, w.personA);
			expect(linkState(db, fresh.token, '3.3.3.3')).toMatchObject({ state: 'ok' });
			expect(
				count(db, "SELECT count(*) FROM audit_log WHERE action = 'access_link.ip_locked'")
			).toBe(1);
			const ipRow = JSON.stringify(
				db.$client.prepare("SELECT * FROM audit_log WHERE action = 'access_link.ip_locked'").all()
			);
			expect(ipRow).not.toContain('3.3.3.3');
			clk.advance(30 * 60_000);
			const again = mintAccessLink(db, OP, w.personA);
			expect(answerLink(db, { token: again.token, answer: '1980-04-02', ip: '3.3.3.3' }).ok).toBe(
				true
			);
		}
	);

	authTest(
		'an expired or revoked link cannot be answered; an unknown token looks the same as expired on the page',
		({ db, clk, w }) => {
			const l = mintAccessLink(db, OP, w.personA, { ttlDays: 1 });
			clk.advanceDays(1);
			expect(linkState(db, l.token, '4.4.4.4')).toEqual({ state: 'expired' });
			expect(answerLink(db, { token: l.token, answer: '1980-04-02', ip: '4.4.4.4' })).toEqual({
				ok: false,
				reason: 'expired'
			});
			const r = mintAccessLink(db, OP, w.personA);
			db.$client
				.prepare('UPDATE access_links SET revoked_at = ? WHERE id = ?')
				.run(clk.now(), r.linkId);
			expect(answerLink(db, { token: r.token, answer: '1980-04-02', ip: '4.4.4.4' })).toEqual({
				ok: false,
				reason: 'expired'
			});
			expect(linkState(db, 'a'.repeat(32), '4.4.4.4')).toEqual({ state: 'invalid' });
			expect(linkState(db, '../../etc', '4.4.4.4')).toEqual({ state: 'invalid' });
		}
	);

	authTest(
		'sends a fresh link only to the contact on file, once an hour, and says nothing either way',
		({ db, clk, w }) => {
			const l = mintAccessLink(db, OP, w.personA, { ttlDays: 1 });
			clk.advanceDays(2);
			expect(requestFreshLink(db, l.token, '5.5.5.5')).toBe(true);
			const row = db.$client.prepare('SELECT * FROM outbox').get() as Record<string, unknown>;
			expect(row).toMatchObject({
				debtor_id: w.personA,
				channel: 'email',
				template: 'access_link',
				status: 'queued'
			});
			// the queue holds no token (tokens exist only as hashes) and no address
			expect(row.params_json).not.toMatch(/\/p\/|[a-z2-7]{26,}/);
			expect(row.params_json).not.toContain('anna@example.test');
			// the sender mints the link as it sends, and the fresh link works
			const { path } = mintLinkForOutbox(db, row.id as number);
			expect(path).toMatch(/^\/p\/[a-z2-7]{26,}$/);
			const token = path.slice(3);
			expect(answerLink(db, { token, answer: '1980-04-02', ip: '5.5.5.5' }).ok).toBe(true);
			// a second request within the hour queues nothing
			expect(requestFreshLink(db, l.token, '5.5.5.6')).toBe(false);
			expect(count(db, 'SELECT count(*) FROM outbox')).toBe(1);
			// an unknown token queues nothing
			expect(requestFreshLink(db, 'b'.repeat(32), '5.5.5.7')).toBe(false);
			// a company without e-mail gets an SMS
			const c = mintAccessLink(db, OP, w.companyA);
			expect(requestFreshLink(db, c.token, '5.5.5.8')).toBe(true);
			expect(db.$client.prepare('SELECT channel FROM outbox ORDER BY id DESC').pluck().get()).toBe(
				'sms'
			);
			expect(
				count(db, "SELECT count(*) FROM audit_log WHERE action = 'access_link.resend_queued'")
			).toBe(2);
		}
	);
});
