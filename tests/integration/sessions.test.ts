import { describe, expect } from 'vitest';
import { scalar as count } from '../helpers/db';
import {
	createSession,
	validateSessionToken,
	invalidateSession,
	SESSION_LIMITS,
	cookieExpiry,
	purgeExpiredSessions
} from '../../src/lib/server/auth/sessions';
import { purgeThrottles, recordFailure, RULES } from '../../src/lib/server/auth/throttle';
import { signIn, signOut } from '../../src/lib/server/services/sign-in';
import { setStaffDisabled } from '../../src/lib/server/services/staff';
import { authTest, operatorSignIn, PASSWORD } from '../helpers/auth-fixtures';

const MIN = 60_000;

describe('sessions (Lucia guide)', () => {
	authTest('stores only a SHA-256 of the secret, never the token', ({ db, w }) => {
		const { token, session } = createSession(db, {
			kind: 'staff',
			userId: w.operator,
			twoFactorVerified: true
		});
		const [id, secret] = token.split('.');
		expect(id).toBe(session.id);
		expect(secret.length).toBeGreaterThanOrEqual(32); // 160 bits in base32
		const row = db.$client.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Record<
			string,
			unknown
		>;
		expect(Buffer.isBuffer(row.secret_hash)).toBe(true);
		expect((row.secret_hash as Buffer).length).toBe(32);
		const dump = JSON.stringify(
			db.$client.prepare('SELECT id, kind, user_id, hex(secret_hash) h FROM sessions').all()
		);
		expect(dump).not.toContain(secret);
		const r = validateSessionToken(db, token);
		expect(r?.kind).toBe('staff');
		expect(r && r.kind === 'staff' && r.staff.userId).toBe(w.operator);
	});

	authTest('refuses a tampered, malformed or unknown cookie', ({ db, w }) => {
		const { token } = createSession(db, {
			kind: 'staff',
			userId: w.operator,
			twoFactorVerified: true
		});
		const [id, secret] = token.split('.');
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(validateSessionToken(db, `${id}.${flipped}`)).toBeNull();
		expect(validateSessionToken(db, `${id}`)).toBeNull();
		expect(validateSessionToken(db, `${id}.${secret}.x`)).toBeNull();
		expect(validateSessionToken(db, `zzzz.${secret}`)).toBeNull();
		expect(validateSessionToken(db, '')).toBeNull();
		expect(validateSessionToken(db, 'x'.repeat(5000))).toBeNull();
		// the real token still works: tampering did not end it, and did not let anyone in
		expect(validateSessionToken(db, token)).not.toBeNull();
	});

	authTest(
		'ends a staff session after the idle timeout, and activity extends it (renewal)',
		({ db, clk, w }) => {
			const { token, session } = createSession(db, {
				kind: 'staff',
				userId: w.operator,
				twoFactorVerified: true
			});
			const idle = SESSION_LIMITS.staff.idleMs;
			clk.advance(idle - MIN);
			expect(validateSessionToken(db, token)).not.toBeNull(); // activity: last_seen_at moves
			const seen = count(db, 'SELECT last_seen_at FROM sessions WHERE id = ?', session.id);
			expect(seen).toBe(clk.now());
			clk.advance(idle - MIN);
			const again = validateSessionToken(db, token);
			expect(again).not.toBeNull();
			expect(cookieExpiry(again!.session)).toBe(clk.now() + idle);
			clk.advance(idle);
			expect(validateSessionToken(db, token)).toBeNull();
			expect(count(db, 'SELECT count(*) FROM sessions WHERE id = ?', session.id)).toBe(0);
		}
	);

	authTest(
		'says when the cookie must be sent again: only when activity moved the idle window',
		({ db, clk, w }) => {
			const { token, session } = createSession(db, { kind: 'debtor', debtorId: w.personA });
			const idle = SESSION_LIMITS.debtor.idleMs;
			clk.advance(10_000);
			const soon = validateSessionToken(db, token);
			expect(soon?.renewed).toBe(false); // within a minute: last_seen_at not written, expiry unchanged
			expect(cookieExpiry(soon!.session)).toBe(session.createdAt + idle);
			clk.advance(MIN);
			const later = validateSessionToken(db, token);
			expect(later?.renewed).toBe(true);
			expect(cookieExpiry(later!.session)).toBe(clk.now() + idle);
			expect(count(db, 'SELECT last_seen_at FROM sessions WHERE id = ?', session.id)).toBe(
				clk.now()
			);
			expect(validateSessionToken(db, token)?.renewed).toBe(false);
		}
	);

	authTest(
		'signs a debtor out everywhere once the debtor is anonymised (the database deletes the sessions)',
		({ db, clk, w }) => {
			const { token, session } = createSession(db, { kind: 'debtor', debtorId: w.personA });
			const other = createSession(db, { kind: 'debtor', debtorId: w.personA });
			const staff = createSession(db, {
				kind: 'staff',
				userId: w.operator,
				twoFactorVerified: true
			});
			expect(validateSessionToken(db, token)?.kind).toBe('debtor');
			// whichever code path anonymises (here plain SQL, as a retention job might)
			db.$client
				.prepare('UPDATE debtors SET anonymized_at = ? WHERE id = ?')
				.run(clk.now(), w.personA);
			expect(count(db, 'SELECT count(*) FROM sessions WHERE debtor_id = ?', w.personA)).toBe(0);
			expect(validateSessionToken(db, token)).toBeNull();
			expect(validateSessionToken(db, other.token)).toBeNull();
			expect(count(db, 'SELECT count(*) FROM sessions WHERE id = ?', session.id)).toBe(0);
			// other people's sessions stay
			expect(validateSessionToken(db, staff.token)?.kind).toBe('staff');
		}
	);

	authTest('signs a deleted debtor out: the sessions go with the debtor row', ({ db, clk }) => {
		const now = clk.now();
		const id = db.$client
			.prepare(
				`INSERT INTO debtors (kind, name, birth_date, postal_code, city, address, created_at) VALUES ('person', 'Próba Pál', '1970-01-01', '1051', 'Budapest', 'Példa u. 2.', ?)`
			)
			.run(now).lastInsertRowid as number;
		const { token } = createSession(db, { kind: 'debtor', debtorId: id });
		expect(validateSessionToken(db, token)?.kind).toBe('debtor');
		db.$client.prepare('DELETE FROM debtors WHERE id = ?').run(id);
		expect(count(db, 'SELECT count(*) FROM sessions WHERE debtor_id = ?', id)).toBe(0);
		expect(validateSessionToken(db, token)).toBeNull();
	});

	authTest('ends a session at its absolute expiry however active it is', ({ db, clk, w }) => {
		const { token } = createSession(db, {
			kind: 'staff',
			userId: w.operator,
			twoFactorVerified: true
		});
		const steps = Math.floor(SESSION_LIMITS.staff.absoluteMs / (30 * MIN));
		for (let i = 0; i < steps - 1; i++) {
			clk.advance(30 * MIN);
			expect(validateSessionToken(db, token)).not.toBeNull();
		}
		clk.advance(30 * MIN);
		expect(validateSessionToken(db, token)).toBeNull();
	});

	authTest('gives a debtor session a 15-minute idle timeout', ({ db, clk, w }) => {
		const { token } = createSession(db, { kind: 'debtor', debtorId: w.personA });
		clk.advance(14 * MIN);
		const r = validateSessionToken(db, token);
		expect(r?.kind === 'debtor' && r.debtor.debtorId).toBe(w.personA);
		clk.advance(15 * MIN);
		expect(validateSessionToken(db, token)).toBeNull();
	});

	authTest(
		'sign-out deletes the session row, so the old cookie is worthless',
		async ({ db, w }) => {
			const r = await operatorSignIn(db);
			signOut(db, { kind: 'operator', userId: w.operator }, r.session.session.id);
			expect(count(db, 'SELECT count(*) FROM sessions WHERE id = ?', r.session.session.id)).toBe(0);
			expect(validateSessionToken(db, r.session.token)).toBeNull();
			expect(count(db, "SELECT count(*) FROM audit_log WHERE action = 'auth.logout'")).toBe(1);
		}
	);

	authTest(
		'refuses every session of a disabled user, even one the disable did not delete',
		async ({ db, clk, w }) => {
			const a = createSession(db, {
				kind: 'staff',
				userId: w.creditorUserA,
				twoFactorVerified: true
			});
			// disabled behind the service's back: validation still refuses
			db.$client
				.prepare('UPDATE staff_users SET disabled_at = ? WHERE id = ?')
				.run(clk.now(), w.creditorUserA);
			expect(validateSessionToken(db, a.token)).toBeNull();
			db.$client
				.prepare('UPDATE staff_users SET disabled_at = NULL WHERE id = ?')
				.run(w.creditorUserA);

			const b = createSession(db, {
				kind: 'staff',
				userId: w.creditorUserA,
				twoFactorVerified: true
			});
			setStaffDisabled(db, { kind: 'admin', userId: w.admin }, w.creditorUserA, true);
			expect(count(db, 'SELECT count(*) FROM sessions WHERE user_id = ?', w.creditorUserA)).toBe(0);
			expect(validateSessionToken(db, b.token)).toBeNull();
			const r = await signIn(db, { email: 'alfa@rendez.test', password: PASSWORD, ip: '10.0.0.2' });
			expect(r).toEqual({ ok: false, reason: 'invalid' });
		}
	);

	authTest(
		'a pending (second factor) session is not a staff identity and times out fast',
		({ db, clk, w }) => {
			const { token } = createSession(db, {
				kind: 'staff',
				userId: w.admin,
				twoFactorVerified: false
			});
			const r = validateSessionToken(db, token);
			expect(r?.kind).toBe('pending');
			clk.advance(SESSION_LIMITS.pending.absoluteMs);
			expect(validateSessionToken(db, token)).toBeNull();
		}
	);

	authTest('invalidateSession removes only that session', ({ db, w }) => {
		const a = createSession(db, { kind: 'staff', userId: w.operator, twoFactorVerified: true });
		const b = createSession(db, { kind: 'staff', userId: w.operator, twoFactorVerified: true });
		invalidateSession(db, a.session.id);
		expect(validateSessionToken(db, a.token)).toBeNull();
		expect(validateSessionToken(db, b.token)).not.toBeNull();
	});

	authTest(
		'housekeeping drops expired sessions and spent throttle counters only',
		({ db, clk, w }) => {
			const old = createSession(db, { kind: 'debtor', debtorId: w.personA });
			recordFailure(db, 'login-ip:old', RULES.loginIp);
			db.$client
				.prepare("INSERT INTO throttles (key, count, window_start) VALUES ('totp-used:1', 5, 0)")
				.run();
			clk.advanceDays(2);
			const live = createSession(db, {
				kind: 'staff',
				userId: w.operator,
				twoFactorVerified: true
			});
			recordFailure(db, 'login-ip:new', RULES.loginIp);
			expect(purgeExpiredSessions(db)).toBe(1);
			expect(validateSessionToken(db, live.token)).not.toBeNull();
			expect(count(db, 'SELECT count(*) FROM sessions WHERE id = ?', old.session.id)).toBe(0);
			expect(purgeThrottles(db)).toBe(1);
			expect(db.$client.prepare('SELECT key FROM throttles ORDER BY key').pluck().all()).toEqual([
				'login-ip:new',
				'totp-used:1'
			]);
		}
	);
});
