/**
 * A creditor's administrator requires a second factor of all its users (issue 20, item 7): not
 * before having one themselves; turning it on signs out the users without one, and their next
 * sign-in must set one up before anything else. Users may also turn it on alone.
 */
import { expect } from 'vitest';
import { authTest as it, PASSWORD, staffSignIn } from '../helpers/auth-fixtures';
import { insertRow, scalar } from '../helpers/db';
import { staffUsers } from '../../src/lib/server/db/schema';
import { creditorSecurity, setRequireTotp } from '../../src/lib/server/services/creditor-security';
import { ConflictError, ForbiddenError } from '../../src/lib/server/services/errors';
import { hashPassword } from '../../src/lib/server/auth/passwords';

it('the creditor admin requires two-step sign-in; users without a key must enrol next time', async ({
	fresh: { db, w }
}) => {
	const creditorId = scalar(
		db,
		'SELECT creditor_id FROM staff_users WHERE id = ?',
		w.creditorUserA
	) as number;
	const admin = { kind: 'creditor' as const, userId: w.creditorUserA, creditorId };
	const colleague = insertRow(db, staffUsers, {
		email: 'colleague@alfa.test',
		name: 'Kolléga',
		role: 'creditor',
		creditorId,
		passwordHash: await hashPassword(PASSWORD),
		createdAt: 0
	}).id;
	// before the rule: a colleague without a key signs straight in
	expect((await staffSignIn(db, 'colleague@alfa.test')).next).toBe('area');
	expect(() => setRequireTotp(db, admin, true)).toThrow(ForbiddenError);
	db.$client.prepare('UPDATE staff_users SET creditor_admin = 1 WHERE id = ?').run(w.creditorUserA);
	expect(() => setRequireTotp(db, admin, true)).toThrow(ConflictError);
	db.$client
		.prepare('UPDATE staff_users SET totp_key = ? WHERE id = ?')
		.run(Buffer.alloc(20, 7), w.creditorUserA);
	setRequireTotp(db, admin, true);
	expect(scalar(db, 'SELECT count(*) FROM sessions WHERE user_id = ?', colleague)).toBe(0);
	expect((await staffSignIn(db, 'colleague@alfa.test')).next).toBe('enrol');
	expect(creditorSecurity(db, admin)).toMatchObject({ requireTotp: true });
	// another creditor's users are not touched
	expect((await staffSignIn(db, 'beta@rendez.test').catch(() => null))?.next ?? 'area').toBe(
		'area'
	);
	setRequireTotp(db, admin, false);
	expect((await staffSignIn(db, 'colleague@alfa.test')).next).toBe('area');
});
