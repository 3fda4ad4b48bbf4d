/**
 * The sign-in lockout under parallel requests (issue 15, item 1): a burst of wrong passwords sent
 * at once gets no more argon2 checks than the limits (5 per account, 20 per address), and the right
 * password is refused while the lock holds. The same for the current-password check before a
 * password or key change. Checks are counted by the password module's own counter of argon2
 * verifications, and by the audit rows of the failures.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, manualClock } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import type { ManualClock } from '../../src/lib/domain/clock';
import { signIn, verifySecondFactor } from '../../src/lib/server/services/sign-in';
import { changeOwnPassword, changeOwnTotp } from '../../src/lib/server/services/own-account';
import { validateSessionToken } from '../../src/lib/server/auth/sessions';
import { passwordVerifications } from '../../src/lib/server/auth/passwords';
import { RULES } from '../../src/lib/server/auth/throttle';
import { currentTotp, newTotpKey } from '../../src/lib/server/auth/totp';
import type { ValidationError } from '../../src/lib/server/services/errors';
import { authTest, world, operatorSignIn, ADMIN_KEY, PASSWORD } from '../helpers/auth-fixtures';

const count = (db: DB, sql: string) => db.$client.prepare(sql).pluck().get() as number;
const failedRows = (db: DB) =>
	count(db, "SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed'");

describe('sign-in lockout under parallel requests', () => {
	let db: DB;
	let clk: ManualClock;
	beforeEach(async () => {
		clk = manualClock();
		db = freshDb();
		await world(db);
	});

	it('40 wrong passwords at once: at most 5 are checked, then the right one is refused while locked', async () => {
		const before = passwordVerifications();
		const burst = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				signIn(db, { email: 'operator@rendez.test', password: `wrong ${i}`, ip: '10.1.0.1' })
			)
		);
		const checked = passwordVerifications() - before;
		expect(checked).toBeLessThanOrEqual(RULES.loginAccount.limit);
		expect(checked).toBe(5);
		expect(failedRows(db)).toBe(5);
		expect(burst.every((r) => !r.ok)).toBe(true);
		expect(burst.filter((r) => !r.ok && r.reason === 'throttled').length).toBeGreaterThanOrEqual(
			35
		);

		// the right password, from the same or any other address: refused, and not even checked
		for (const ip of ['10.1.0.1', '10.1.0.2']) {
			expect(await signIn(db, { email: 'operator@rendez.test', password: PASSWORD, ip })).toEqual({
				ok: false,
				reason: 'throttled'
			});
		}
		expect(passwordVerifications() - before).toBe(5);
		// the lock ends as before (15 minutes), and then the right password works
		clk.advance(RULES.loginAccount.lockMs);
		expect(
			(await signIn(db, { email: 'operator@rendez.test', password: PASSWORD, ip: '10.1.0.2' })).ok
		).toBe(true);
	});

	it('the right password hidden at the end of a burst of 40 wrong ones is refused too', async () => {
		const before = passwordVerifications();
		const tries = Array.from({ length: 40 }, (_, i) => `wrong ${i}`).concat(PASSWORD);
		const burst = await Promise.all(
			tries.map((password, i) =>
				signIn(db, { email: 'alfa@rendez.test', password, ip: `10.2.0.${i}` })
			)
		);
		expect(burst.at(-1)).toEqual({ ok: false, reason: 'throttled' });
		expect(burst.some((r) => r.ok)).toBe(false);
		expect(passwordVerifications() - before).toBe(5);
		expect(count(db, 'SELECT count(*) FROM sessions')).toBe(0);
	});

	it('one address spraying 40 accounts at once gets at most 20 checks, then nothing from it', async () => {
		const before = passwordVerifications();
		await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				signIn(db, { email: `spray${i}@rendez.test`, password: 'x', ip: '10.3.0.1' })
			)
		);
		expect(passwordVerifications() - before).toBe(RULES.loginIp.limit);
		expect(
			await signIn(db, { email: 'operator@rendez.test', password: PASSWORD, ip: '10.3.0.1' })
		).toEqual({ ok: false, reason: 'throttled' });
		expect(passwordVerifications() - before).toBe(RULES.loginIp.limit);
	});

	it('an IPv6 client is its /64: a new address in it per try is still one sprayer', async () => {
		const before = passwordVerifications();
		await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				signIn(db, {
					email: `v6spray${i}@rendez.test`,
					password: 'x',
					ip: `2001:db8:7:1::${i + 1}`
				})
			)
		);
		expect(passwordVerifications() - before).toBe(RULES.loginIp.limit);
		const next = { email: 'operator@rendez.test', password: PASSWORD };
		expect(await signIn(db, { ...next, ip: '2001:db8:7:1:ffff::9' })).toEqual({
			ok: false,
			reason: 'throttled'
		});
		// the neighbouring /64 is another client
		expect((await signIn(db, { ...next, ip: '2001:db8:7:2::1' })).ok).toBe(true);
	});

	it('a right password gives its slot back: many sign-ins from one office never lock it', async () => {
		for (let i = 0; i < RULES.loginIp.limit + 5; i++) {
			const r = await signIn(db, {
				email: i % 2 ? 'operator@rendez.test' : 'alfa@rendez.test',
				password: PASSWORD,
				ip: '10.4.0.1'
			});
			expect(r.ok).toBe(true);
		}
		expect(
			count(db, "SELECT count(*) FROM throttles WHERE key LIKE 'login-ip:%' AND count > 0")
		).toBe(0);
	});
});

describe('second-factor codes under parallel requests', () => {
	it('40 wrong codes at once: 5 are checked, then even the right code is refused', async () => {
		const clk = manualClock();
		const db = freshDb();
		await world(db);
		const right = currentTotp(ADMIN_KEY, clk.now());
		const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
		const r = await signIn(db, { email: 'admin@rendez.test', password: PASSWORD, ip: '10.5.0.1' });
		if (!r.ok) throw new Error('expected ok');
		const pending = validateSessionToken(db, r.session.token);
		if (pending?.kind !== 'pending') throw new Error('expected a pending session');
		// the lock check, the code check and the count are one synchronous transaction, so a burst
		// is checked one by one (this holds on the old code too: a guard, not a fix)
		const burst = await Promise.all(
			Array.from({ length: 40 }, (_, i) =>
				Promise.resolve().then(() =>
					verifySecondFactor(db, pending.pending, wrong(i), '10.5.0.1', clk.now())
				)
			)
		);
		expect(burst.some((x) => x.ok)).toBe(false);
		expect(count(db, "SELECT count(*) FROM audit_log WHERE action = 'auth.totp_failed'")).toBe(
			RULES.totp.limit
		);
		expect(verifySecondFactor(db, pending.pending, right, '10.5.0.2', clk.now())).toEqual({
			ok: false,
			reason: 'throttled'
		});
	});
});

describe('current-password check under parallel requests', () => {
	async function signedIn(db: DB) {
		return (await operatorSignIn(db)).session.session.id;
	}

	authTest(
		'40 password changes at once with wrong current passwords: at most 5 checked, the right one then refused',
		async ({ db, clk, w }) => {
			const sessionId = await signedIn(db);
			const me = { kind: 'operator' as const, userId: w.operator };
			const next = 'a brand new passphrase';
			const before = passwordVerifications();
			const burst = await Promise.all(
				Array.from({ length: 40 }, (_, i) =>
					changeOwnPassword(db, me, sessionId, { current: `guess ${i}`, next, confirm: next }).then(
						() => 'changed',
						(e: ValidationError) => e.fields.current.key
					)
				)
			);
			expect(passwordVerifications() - before).toBe(RULES.passwordCheck.limit);
			expect(burst).not.toContain('changed');
			expect(burst.filter((k) => k === 'auth.login.throttled').length).toBeGreaterThanOrEqual(35);
			const right = await changeOwnPassword(db, me, sessionId, {
				current: PASSWORD,
				next,
				confirm: next
			}).catch((e: ValidationError) => e);
			expect((right as ValidationError).fields.current.key).toBe('auth.login.throttled');
			expect(passwordVerifications() - before).toBe(RULES.passwordCheck.limit);
			// the password is unchanged: the old one still signs in once the lock is over
			clk.advance(RULES.passwordCheck.lockMs);
			expect(
				(await signIn(db, { email: 'operator@rendez.test', password: PASSWORD, ip: '10.0.0.9' })).ok
			).toBe(true);
		}
	);

	authTest(
		'40 key changes at once with wrong current passwords: at most 5 checked, no key stored',
		async ({ db, clk, w }) => {
			const sessionId = await signedIn(db);
			const who = { userId: w.operator, sessionId };
			const key = newTotpKey();
			const code = currentTotp(key, clk.now());
			const before = passwordVerifications();
			const burst = await Promise.all(
				Array.from({ length: 40 }, (_, i) =>
					changeOwnTotp(db, who, `guess ${i}`, key, code, clk.now())
				)
			);
			expect(passwordVerifications() - before).toBe(RULES.passwordCheck.limit);
			expect(burst.some((r) => r.ok)).toBe(false);
			expect(await changeOwnTotp(db, who, PASSWORD, key, code, clk.now())).toMatchObject({
				ok: false,
				key: 'auth.login.throttled'
			});
			expect(
				db.$client.prepare('SELECT totp_key FROM staff_users WHERE id = ?').pluck().get(w.operator)
			).toBeNull();
		}
	);
});
