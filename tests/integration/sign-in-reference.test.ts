/**
 * A way in without the link (issue 19, item 7): the claim reference from a letter and the identity
 * answer, under the link's lockouts (per reference, escalating, the last for good; per IP), with
 * nothing that tells a known reference from an unknown one; and "send me a link" only to a
 * channel on file.
 */
import { describe, expect, it } from 'vitest';
import { allRows, scalar } from '../helpers/db';
import { debtorDb, makeClaim, makeCreditor } from '../helpers/portal-fixtures';
import { useWorld } from '../helpers/world';
import {
	sendLinkForReference,
	signInWithReference
} from '../../src/lib/server/services/sign-in-reference';
import {
	LINK_LOCK_STEPS_MS,
	LINK_MAX_FAILURES,
	LINK_MAX_LOCKS
} from '../../src/lib/server/services/access';
import { verifyAuditChain } from '../../src/lib/server/services/audit';

const REF = 'DB-2026-0000042';
let ipSeq = 0;
const nextIp = () => `10.1.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}`;
/** A wrong birth date, another each time (one answer tried too often is locked of its own). */
let wrongSeq = 0;
const wrong = () => `1999-01-${String((wrongSeq++ % 28) + 1).padStart(2, '0')}`;

describe('signing in with a claim reference', () => {
	const w = useWorld(() => {
		const world = debtorDb({ email: 'elek@example.com', phone: '+36301234567' });
		makeClaim(world.db, makeCreditor(world.db), world.debtorId, { principal: 1_000_000 }, 'HUF', {
			reference: REF
		});
		return world;
	});
	const sign = (reference: string, answer: string, ip = nextIp()) =>
		signInWithReference(w.db, { reference, answer, ip });

	it('the reference as typed (spaces, lower case) and the birth date open a debtor session', () => {
		const r = sign(' db-2026-0000042 ', '1980.04.02.');
		expect(r.ok).toBe(true);
		if (r.ok) expect(r.debtorId).toBe(w.debtorId);
		expect(
			scalar(w.db, "SELECT count(*) FROM audit_log WHERE action = 'reference_signin.verified'")
		).toBe(1);
	});

	it('a postal code (printed on the same letter) is not an answer; unreadable input is not counted', () => {
		expect(sign(REF, '1051')).toEqual({ ok: false, reason: 'format', field: 'answer' });
		expect(sign('x', '1980-04-02')).toEqual({ ok: false, reason: 'format', field: 'reference' });
		expect(scalar(w.db, 'SELECT count(*) FROM reference_guards')).toBe(0);
	});

	it('an unknown reference answers exactly like a known one with a wrong answer, lock included', () => {
		const known: unknown[] = [];
		const unknown: unknown[] = [];
		for (let i = 0; i < LINK_MAX_FAILURES + 1; i++) {
			const answer = wrong();
			known.push(sign(REF, answer));
			unknown.push(sign('DB-2026-9999999', answer));
		}
		expect(unknown).toEqual(known);
		expect(known[0]).toEqual({ ok: false, reason: 'wrong', remaining: LINK_MAX_FAILURES - 1 });
		expect(known[LINK_MAX_FAILURES - 1]).toMatchObject({ ok: false, reason: 'locked' });
		// while locked even the right answer is refused
		expect(sign(REF, '1980-04-02')).toMatchObject({ ok: false, reason: 'locked' });
	});

	it('locks escalate like a link’s and the last one ends signing in with that reference for good', () => {
		const lengths: number[] = [];
		for (let lock = 1; lock <= LINK_MAX_LOCKS; lock++) {
			let r: ReturnType<typeof sign> | undefined;
			for (let i = 0; i < LINK_MAX_FAILURES; i++) r = sign(REF, wrong());
			if (lock < LINK_MAX_LOCKS) {
				expect(r).toMatchObject({ ok: false, reason: 'locked' });
				const until = (r as { until: number }).until;
				lengths.push(until - w.clock.now());
				w.clock.set(until + 1);
			} else expect(r).toEqual({ ok: false, reason: 'closed' });
		}
		expect(lengths).toEqual([...LINK_LOCK_STEPS_MS]);
		w.clock.advanceDays(30);
		expect(sign(REF, '1980-04-02')).toEqual({ ok: false, reason: 'closed' });
		expect(
			scalar(w.db, "SELECT count(*) FROM audit_log WHERE action = 'reference_signin.failed'")
		).toBe((LINK_MAX_FAILURES - 1) * LINK_MAX_LOCKS);
		expect(verifyAuditChain(w.db).ok).toBe(true);
	});

	it('five wrong answers from one IP, over any references, lock that IP; another IP still gets in', () => {
		const ip = '192.0.2.7';
		for (let i = 0; i < 4; i++)
			expect(sign(`DB-2026-000010${i}`, '1999-01-01', ip)).toMatchObject({ reason: 'wrong' });
		expect(sign('DB-2026-0000199', '1999-01-01', ip)).toMatchObject({ reason: 'locked' });
		expect(sign(REF, '1980-04-02', ip)).toMatchObject({ reason: 'locked' });
		expect(sign(REF, '1980-04-02', '192.0.2.8').ok).toBe(true);
	});

	it('one answer tried with many references, from anywhere, is locked for a day; the right reference waits too, other answers do not', () => {
		// someone who knows the debtor's birth date walks the sequential references, from many IPs
		const walk = (n: number) => sign(`DB-2026-00001${String(n).padStart(2, '0')}`, '1980-04-02');
		for (let i = 0; i < 9; i++) expect(walk(i)).toMatchObject({ ok: false, reason: 'wrong' });
		const tenth = walk(9);
		expect(tenth).toMatchObject({ ok: false, reason: 'locked' });
		expect((tenth as { until: number }).until - w.clock.now()).toBe(24 * 3_600_000);
		// the next reference would have been the debtor's own: refused, and nothing is revealed
		expect(sign(REF, '1980-04-02')).toMatchObject({ ok: false, reason: 'locked' });
		// another person's answer is not held up by it
		expect(sign(REF, '1999-12-31')).toMatchObject({ ok: false, reason: 'wrong' });
		expect(
			scalar(w.db, "SELECT count(*) FROM audit_log WHERE action = 'reference_signin.answer_locked'")
		).toBe(1);
		w.clock.advanceDays(1);
		w.clock.advance(1);
		expect(sign(REF, '1980-04-02').ok).toBe(true);
	});

	it('"send me a link" queues a link to the e-mail on file, never more than once an hour, and says nothing', () => {
		expect(sendLinkForReference(w.db, 'db-2026-0000042', nextIp())).toBe(1);
		const rows = allRows(w.db, 'SELECT debtor_id, channel, template, params_json FROM outbox') as {
			debtor_id: number;
			channel: string;
			template: string;
			params_json: string;
		}[];
		expect(rows).toEqual([
			{
				debtor_id: w.debtorId,
				channel: 'email',
				template: 'access_link',
				params_json: JSON.stringify({ reason: 'reference', question: 'birth_date' })
			}
		]);
		// no address in the queue: the sender uses the one on file
		expect(JSON.stringify(rows)).not.toContain('elek@example.com');
		expect(sendLinkForReference(w.db, REF, nextIp())).toBe(0);
		expect(sendLinkForReference(w.db, 'DB-2026-9999999', nextIp())).toBe(0);
		w.clock.advance(61 * 60_000);
		expect(sendLinkForReference(w.db, REF, nextIp())).toBe(1);
	});
});
