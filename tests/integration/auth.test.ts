import { describe, expect } from 'vitest';
import { scalar as count } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import {
	signIn,
	verifySecondFactor,
	enrolTotp,
	landingFor
} from '../../src/lib/server/services/sign-in';
import { changeOwnTotp, changeOwnPassword } from '../../src/lib/server/services/own-account';
import type { ValidationError } from '../../src/lib/server/services/errors';
import { validateSessionToken } from '../../src/lib/server/auth/sessions';
import { currentTotp, newTotpKey } from '../../src/lib/server/auth/totp';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import {
	authTest,
	operatorSignIn,
	staffSignIn,
	PASSWORD,
	ADMIN_KEY,
	type World
} from '../helpers/auth-fixtures';

describe('staff sign-in', () => {
	/** The operator signed in with the right password; `who` is what the own-account changes take. */
	async function operatorSignedIn(db: DB, w: World) {
		const r = await operatorSignIn(db);
		return { r, who: { userId: w.operator, sessionId: r.session.session.id } };
	}

	authTest('lands each role in its own area; a next path only inside that area', () => {
		expect(landingFor('admin')).toBe('/admin');
		expect(landingFor('operator')).toBe('/ops');
		expect(landingFor('creditor')).toBe('/creditor');
		expect(landingFor('operator', '/ops/plans?x=1')).toBe('/ops/plans?x=1');
		expect(landingFor('operator', '/admin/users')).toBe('/ops');
		expect(landingFor('operator', '/opsevil')).toBe('/ops');
		expect(landingFor('creditor', '//evil.example/creditor')).toBe('/creditor');
		expect(landingFor('creditor', 'https://evil.example/creditor')).toBe('/creditor');
	});

	authTest(
		'signs an operator and a creditor user in with a password (no key: no second factor)',
		async ({ db, w }) => {
			const op = await signIn(db, {
				email: 'Operator@Rendez.test ',
				password: PASSWORD,
				ip: '10.0.0.1'
			});
			expect(op.ok && op.next).toBe('area');
			expect(op.ok && op.role).toBe('operator');
			const cr = await staffSignIn(db, 'alfa@rendez.test');
			const v = validateSessionToken(db, cr.session.token);
			expect(v?.kind === 'staff' && v.staff).toMatchObject({
				role: 'creditor',
				creditorId: w.creditorA
			});
			expect(count(db, "SELECT count(*) FROM audit_log WHERE action = 'auth.login'")).toBe(2);
		}
	);

	authTest(
		'gives a new session id on every sign-in and ends the one the browser had (fixation)',
		async ({ db }) => {
			const first = await operatorSignIn(db);
			const second = await operatorSignIn(db, first.session.session.id);
			expect(second.session.session.id).not.toBe(first.session.session.id);
			expect(validateSessionToken(db, first.session.token)).toBeNull();
			expect(validateSessionToken(db, second.session.token)).not.toBeNull();
			// a session id planted before sign-in is never adopted
			const planted = 'plantedsessionid0000000';
			const third = await signIn(db, {
				email: 'operator@rendez.test',
				password: PASSWORD,
				ip: '10.0.0.1',
				previousSessionId: planted
			});
			expect(third.ok && third.session.session.id).not.toBe(planted);
		}
	);

	authTest(
		'answers a wrong password and an unknown account the same way, and audits both without the password',
		async ({ db }) => {
			const wrong = await signIn(db, {
				email: 'operator@rendez.test',
				password: 'nope-secret-1',
				ip: '10.0.0.1'
			});
			const unknown = await signIn(db, {
				email: 'nobody@rendez.test',
				password: 'nope-secret-2',
				ip: '10.0.0.1'
			});
			expect(wrong).toEqual({ ok: false, reason: 'invalid' });
			expect(unknown).toEqual(wrong);
			const rows = JSON.stringify(
				db.$client.prepare("SELECT * FROM audit_log WHERE action = 'auth.login_failed'").all()
			);
			expect(count(db, "SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed'")).toBe(
				2
			);
			expect(rows).not.toContain('nope-secret');
			expect(rows).not.toContain('nobody@rendez.test');
			expect(verifyAuditChain(db).ok).toBe(true);
		}
	);

	authTest(
		'throttles an account after 5 wrong passwords, even with the right one, until the lock ends',
		async ({ db, clk }) => {
			for (let i = 0; i < 4; i++) {
				expect(
					await signIn(db, {
						email: 'operator@rendez.test',
						password: 'bad' + i,
						ip: `10.0.1.${i}`
					})
				).toEqual({ ok: false, reason: 'invalid' });
			}
			expect(
				await signIn(db, { email: 'operator@rendez.test', password: 'bad5', ip: '10.0.1.9' })
			).toEqual({ ok: false, reason: 'throttled' });
			expect(
				await signIn(db, { email: 'operator@rendez.test', password: PASSWORD, ip: '10.0.2.1' })
			).toEqual({ ok: false, reason: 'throttled' });
			// an unknown address is throttled the same way: no enumeration through the lock either
			for (let i = 0; i < 5; i++)
				await signIn(db, { email: 'ghost@rendez.test', password: 'x', ip: `10.0.3.${i}` });
			expect(
				await signIn(db, { email: 'ghost@rendez.test', password: 'x', ip: '10.0.4.1' })
			).toEqual({ ok: false, reason: 'throttled' });
			// other accounts are not affected
			expect(
				(await signIn(db, { email: 'alfa@rendez.test', password: PASSWORD, ip: '10.0.2.1' })).ok
			).toBe(true);
			clk.advance(15 * 60_000);
			expect(
				(await signIn(db, { email: 'operator@rendez.test', password: PASSWORD, ip: '10.0.2.1' })).ok
			).toBe(true);
		}
	);

	authTest('throttles an IP after 20 failures across accounts', async ({ db }) => {
		for (let i = 0; i < 20; i++)
			await signIn(db, { email: `spray${i}@rendez.test`, password: 'x', ip: '10.9.9.9' });
		expect(
			await signIn(db, { email: 'operator@rendez.test', password: PASSWORD, ip: '10.9.9.9' })
		).toEqual({ ok: false, reason: 'throttled' });
		expect(
			(await signIn(db, { email: 'operator@rendez.test', password: PASSWORD, ip: '10.9.9.8' })).ok
		).toBe(true);
	});

	authTest(
		'asks an admin with a key for the code; the pending session opens nothing until then',
		async ({ db }) => {
			const r = await staffSignIn(db, 'admin@rendez.test');
			expect(r.next).toBe('totp');
			const pending = validateSessionToken(db, r.session.token);
			expect(pending?.kind).toBe('pending');
			if (pending?.kind !== 'pending') return;
			expect(verifySecondFactor(db, pending.pending, '000000', '10.0.0.1')).toEqual({
				ok: false,
				reason: 'invalid'
			});
			const now = Date.now();
			const ok = verifySecondFactor(
				db,
				pending.pending,
				currentTotp(ADMIN_KEY, now),
				'10.0.0.1',
				now
			);
			if (!ok.ok) throw new Error('expected ok');
			expect(ok.session.session.id).not.toBe(r.session.session.id);
			expect(validateSessionToken(db, r.session.token)).toBeNull();
			const v = validateSessionToken(db, ok.session.token);
			expect(v?.kind === 'staff' && v.staff.role).toBe('admin');
			// the same code cannot be used twice
			const r2 = await signIn(db, {
				email: 'admin@rendez.test',
				password: PASSWORD,
				ip: '10.0.0.1'
			});
			const p2 = r2.ok ? validateSessionToken(db, r2.session.token) : null;
			if (p2?.kind !== 'pending') throw new Error('expected pending');
			expect(
				verifySecondFactor(db, p2.pending, currentTotp(ADMIN_KEY, now), '10.0.0.1', now).ok
			).toBe(false);
		}
	);

	authTest('locks the second factor after 5 wrong codes', async ({ db }) => {
		const r = await signIn(db, { email: 'admin@rendez.test', password: PASSWORD, ip: '10.0.0.1' });
		const p = r.ok ? validateSessionToken(db, r.session.token) : null;
		if (p?.kind !== 'pending') throw new Error('expected pending');
		const now = Date.now();
		const good = currentTotp(ADMIN_KEY, now);
		const bad = good === '111111' ? '222222' : '111111';
		for (let i = 0; i < 4; i++)
			expect(verifySecondFactor(db, p.pending, bad, '10.0.0.1', now)).toEqual({
				ok: false,
				reason: 'invalid'
			});
		expect(verifySecondFactor(db, p.pending, bad, '10.0.0.1', now)).toEqual({
			ok: false,
			reason: 'throttled'
		});
		expect(verifySecondFactor(db, p.pending, good, '10.0.0.1', now)).toEqual({
			ok: false,
			reason: 'throttled'
		});
	});

	authTest(
		'makes an admin without a key enrol first; enrolment stores 20 raw bytes',
		async ({ db, w }) => {
			const r = await staffSignIn(db, 'admin2@rendez.test');
			expect(r.next).toBe('enrol');
			const p = validateSessionToken(db, r.session.token);
			expect(p?.kind === 'pending' && p.pending.needs).toBe('enrol');
			const key = newTotpKey();
			const now = Date.now();
			expect(
				enrolTotp(db, { userId: w.adminNoKey, sessionId: r.session.session.id }, key, '000000', now)
					.ok
			).toBe(currentTotp(key, now) === '000000');
			const e = enrolTotp(
				db,
				{ userId: w.adminNoKey, sessionId: r.session.session.id },
				key,
				currentTotp(key, now),
				now
			);
			if (!e.ok) throw new Error('expected ok');
			const stored = db.$client
				.prepare('SELECT totp_key FROM staff_users WHERE id = ?')
				.pluck()
				.get(w.adminNoKey) as Buffer;
			expect(Buffer.compare(stored, Buffer.from(key))).toBe(0);
			expect(validateSessionToken(db, e.session.token)?.kind).toBe('staff');
			expect(validateSessionToken(db, r.session.token)).toBeNull();
			expect(
				count(db, "SELECT count(*) FROM audit_log WHERE action = 'staff_user.totp_enrolled'")
			).toBe(1);
		}
	);

	authTest(
		'a signed-in staff member sets or replaces their key only with their current password',
		async ({ db, w }) => {
			const { r, who } = await operatorSignedIn(db, w);
			const key = newTotpKey();
			const now = Date.now();
			const stored = () =>
				db.$client
					.prepare('SELECT totp_key FROM staff_users WHERE id = ?')
					.pluck()
					.get(w.operator) as Buffer | null;
			// a session left open is not enough: a wrong or missing password changes nothing
			expect(
				await changeOwnTotp(db, who, 'not my password', key, currentTotp(key, now), now)
			).toEqual({ ok: false, field: 'current', key: 'auth.password.currentWrong' });
			expect(await changeOwnTotp(db, who, '', key, currentTotp(key, now), now)).toEqual({
				ok: false,
				field: 'current',
				key: 'auth.password.currentWrong'
			});
			expect(stored()).toBeNull();
			expect(validateSessionToken(db, r.session.token)?.kind).toBe('staff');
			// the right password and a code from the new key
			const e = await changeOwnTotp(db, who, PASSWORD, key, currentTotp(key, now), now);
			if (!e.ok) throw new Error('expected ok');
			expect(Buffer.compare(stored()!, Buffer.from(key))).toBe(0);
			// the old session ends; the new one is verified
			expect(validateSessionToken(db, r.session.token)).toBeNull();
			expect(validateSessionToken(db, e.session.token)?.kind).toBe('staff');
			// replacing it later asks again
			const other = newTotpKey();
			expect(
				await changeOwnTotp(
					db,
					{ userId: w.operator, sessionId: e.session.session.id },
					'wrong',
					other,
					currentTotp(other, now),
					now
				)
			).toEqual({ ok: false, field: 'current', key: 'auth.password.currentWrong' });
			expect(Buffer.compare(stored()!, Buffer.from(key))).toBe(0);
		}
	);

	authTest(
		'five wrong current passwords lock the check for 15 minutes, for both the key and the password change',
		async ({ db, clk, w }) => {
			const { who } = await operatorSignedIn(db, w);
			const key = newTotpKey();
			const code = () => currentTotp(key, clk.now());
			for (let i = 0; i < 4; i++)
				expect(await changeOwnTotp(db, who, `guess ${i}`, key, code(), clk.now())).toMatchObject({
					ok: false,
					key: 'auth.password.currentWrong'
				});
			expect(await changeOwnTotp(db, who, 'guess 5', key, code(), clk.now())).toMatchObject({
				ok: false,
				key: 'auth.login.throttled'
			});
			// now even the right password is refused, here and on the password form
			expect(await changeOwnTotp(db, who, PASSWORD, key, code(), clk.now())).toMatchObject({
				ok: false,
				key: 'auth.login.throttled'
			});
			const me = { kind: 'operator' as const, userId: w.operator };
			const e = await changeOwnPassword(db, me, who.sessionId, {
				current: PASSWORD,
				next: 'a brand new passphrase',
				confirm: 'a brand new passphrase'
			}).catch((x) => x);
			expect((e as ValidationError).fields.current.key).toBe('auth.login.throttled');
			expect(
				db.$client.prepare('SELECT totp_key FROM staff_users WHERE id = ?').pluck().get(w.operator)
			).toBeNull();
			// after the lock, the right password works
			clk.advance(15 * 60_000 + 1);
			expect((await changeOwnTotp(db, who, PASSWORD, key, code(), clk.now())).ok).toBe(true);
		}
	);
});
