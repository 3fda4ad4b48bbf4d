import { describe, expect } from 'vitest';
import { scalar as count } from '../helpers/db';
import type { Actor } from '../../src/lib/domain/actor';
import {
	createCreditor,
	listCreditors,
	setCreditorActive,
	updateCreditor,
	getCreditor
} from '../../src/lib/server/services/creditors-admin';
import {
	createStaff,
	listStaff,
	resetStaffPassword,
	setStaffDisabled,
	resetStaffTotp
} from '../../src/lib/server/services/staff';
import { signIn } from '../../src/lib/server/services/sign-in';
import { changeOwnPassword } from '../../src/lib/server/services/own-account';
import { listAudit } from '../../src/lib/server/services/admin-audit';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { audit, verifyAuditChain } from '../../src/lib/server/services/audit';
import type { AuditAction } from '../../src/lib/domain/audit-actions';
import { authTest as it, PASSWORD, staffSignIn } from '../helpers/auth-fixtures';

const creditorInput = {
	name: 'Delta Telekom Nyrt.',
	shortName: 'Delta',
	sector: 'telecom',
	taxNumber: '33333333 2 43',
	identityCheck: 'postal_code',
	retentionMonths: '72'
} as const;

describe('admin: creditors, staff users, audit log', () => {
	it('only admins reach these services', async ({ db, w }) => {
		const others: Actor[] = [
			{ kind: 'operator', userId: w.operator },
			{ kind: 'creditor', userId: w.creditorUserA, creditorId: w.creditorA },
			{ kind: 'debtor', debtorId: w.personA },
			{ kind: 'anonymous' }
		];
		for (const a of others) {
			expect(() => listCreditors(db, a)).toThrow(ForbiddenError);
			expect(() => listStaff(db, a)).toThrow(ForbiddenError);
			expect(() => listAudit(db, a, {})).toThrow(ForbiddenError);
			expect(() => createCreditor(db, a, creditorInput)).toThrow(ForbiddenError);
			expect(() => setStaffDisabled(db, a, w.operator, true)).toThrow(ForbiddenError);
			await expect(
				createStaff(db, a, { email: 'x@y.test', name: 'x', role: 'operator' })
			).rejects.toThrow(ForbiddenError);
			await expect(resetStaffPassword(db, a, w.operator)).rejects.toThrow(ForbiddenError);
		}
	});

	it("records whether the contract allows stage fees: a ticked box posts 'on', an unticked one nothing", ({
		db,
		admin
	}) => {
		const { id } = createCreditor(db, admin, creditorInput);
		expect(getCreditor(db, admin, id).feesAllowed).toBe(false);
		updateCreditor(db, admin, id, { ...creditorInput, feesAllowed: 'on' });
		expect(getCreditor(db, admin, id).feesAllowed).toBe(true);
		updateCreditor(db, admin, id, { ...creditorInput });
		expect(getCreditor(db, admin, id).feesAllowed).toBe(false);
	});

	it('creates, edits, deactivates and reactivates a creditor, each audited with before/after', async ({
		db,
		w,
		admin
	}) => {
		const { id } = createCreditor(db, admin, creditorInput);
		const c = getCreditor(db, admin, id);
		expect(c).toMatchObject({
			taxNumber: '33333333-2-43',
			identityCheck: 'postal_code',
			retentionMonths: 72,
			active: true
		});
		updateCreditor(db, admin, id, { ...creditorInput, shortName: 'Delta T.' });
		expect(getCreditor(db, admin, id).shortName).toBe('Delta T.');
		expect(() =>
			createCreditor(db, admin, { ...creditorInput, taxNumber: '33333333-2-43' })
		).toThrow(ValidationError);
		try {
			createCreditor(db, admin, {
				...creditorInput,
				taxNumber: '123',
				retentionMonths: '3',
				name: ''
			});
		} catch (e) {
			expect((e as ValidationError).fields).toMatchObject({
				taxNumber: { key: 'admin.creditors.taxNumberInvalid' },
				retentionMonths: { key: 'admin.creditors.retentionInvalid' },
				name: { key: 'form.required' }
			});
		}
		expect(() => getCreditor(db, admin, 9999)).toThrow(NotFoundError);

		// deactivating ends the creditor's users' sessions
		const s = createSession(db, {
			kind: 'staff',
			userId: w.creditorUserA,
			twoFactorVerified: true
		});
		setCreditorActive(db, admin, w.creditorA, false);
		expect(validateSessionToken(db, s.token)).toBeNull();
		expect(
			await signIn(db, { email: 'alfa@rendez.test', password: PASSWORD, ip: '6.6.6.6' })
		).toEqual({ ok: false, reason: 'invalid' });
		// a session that slipped past the deletion is refused too
		const late = createSession(db, {
			kind: 'staff',
			userId: w.creditorUserA,
			twoFactorVerified: true
		});
		expect(validateSessionToken(db, late.token)).toBeNull();
		setCreditorActive(db, admin, w.creditorA, true);
		expect(
			(await signIn(db, { email: 'alfa@rendez.test', password: PASSWORD, ip: '6.6.6.6' })).ok
		).toBe(true);
		const actions = db.$client
			.prepare("SELECT action FROM audit_log WHERE entity = 'creditor' ORDER BY id")
			.pluck()
			.all();
		expect(actions).toEqual([
			'creditor.create',
			'creditor.update',
			'creditor.deactivate',
			'creditor.activate'
		]);
		const upd = db.$client
			.prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'creditor.update'")
			.get() as Record<string, string>;
		expect(JSON.parse(upd.before_json).shortName).toBe('Delta');
		expect(JSON.parse(upd.after_json).shortName).toBe('Delta T.');
	});

	it('creates a creditor user with a one-time password that works, and never stores it', async ({
		db,
		w,
		admin
	}) => {
		const r = await createStaff(db, admin, {
			email: 'New.User@Example.test',
			name: 'Új Ember',
			role: 'creditor',
			creditorId: w.creditorB
		});
		expect(r.temporaryPassword).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
		expect(JSON.stringify(db.$client.prepare('SELECT * FROM staff_users').all())).not.toContain(
			r.temporaryPassword
		);
		expect(JSON.stringify(db.$client.prepare('SELECT * FROM audit_log').all())).not.toContain(
			r.temporaryPassword
		);
		const s = await signIn(db, {
			email: 'new.user@example.test',
			password: r.temporaryPassword,
			ip: '9.9.9.9'
		});
		expect(s.ok && s.role).toBe('creditor');
		await expect(
			createStaff(db, admin, { email: 'new.user@example.test', name: 'x', role: 'operator' })
		).rejects.toThrow(ValidationError);
		await expect(
			createStaff(db, admin, { email: 'c@example.test', name: 'x', role: 'creditor' })
		).rejects.toThrow(ValidationError);
		await expect(
			createStaff(db, admin, { email: 'not-an-email', name: 'x', role: 'operator' })
		).rejects.toThrow(ValidationError);
		// a half-typed address is refused in words, as the debtor's page words it
		for (const email of ['new.user@', 'a@[127.0.0.1]'])
			await expect(
				createStaff(db, admin, { email, name: 'x', role: 'operator' })
			).rejects.toMatchObject({ fields: { email: { key: 'admin.users.emailInvalid' } } });
	});

	it('disables, enables and resets a user; the old password and sessions stop working', async ({
		db,
		w,
		admin
	}) => {
		const s = createSession(db, { kind: 'staff', userId: w.operator, twoFactorVerified: true });
		const { temporaryPassword } = await resetStaffPassword(db, admin, w.operator);
		expect(validateSessionToken(db, s.token)).toBeNull();
		const operatorGetsIn = async (password: string, ip: string) =>
			(await signIn(db, { email: 'operator@rendez.test', password, ip })).ok;
		expect(await operatorGetsIn(PASSWORD, '8.8.8.1')).toBe(false);
		expect(await operatorGetsIn(temporaryPassword, '8.8.8.1')).toBe(true);
		setStaffDisabled(db, admin, w.operator, true);
		expect(await operatorGetsIn(temporaryPassword, '8.8.8.2')).toBe(false);
		setStaffDisabled(db, admin, w.operator, false);
		expect(await operatorGetsIn(temporaryPassword, '8.8.8.3')).toBe(true);
		expect(() => setStaffDisabled(db, admin, w.admin, true)).toThrow(ConflictError);
		expect(() => setStaffDisabled(db, admin, 9999, true)).toThrow(NotFoundError);
		resetStaffTotp(db, admin, w.admin);
		expect(
			count(db, 'SELECT count(*) FROM staff_users WHERE id = ? AND totp_key IS NULL', w.admin)
		).toBe(1);
		const actions = db.$client
			.prepare(
				"SELECT action FROM audit_log WHERE entity = 'staff_user' AND actor_kind = 'admin' ORDER BY id"
			)
			.pluck()
			.all();
		expect(actions).toEqual([
			'staff_user.reset_password',
			'staff_user.disable',
			'staff_user.enable',
			'staff_user.reset_totp'
		]);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('filters the audit log by actor kind, action prefix, entity, date range, and pages it', async ({
		db,
		clk,
		admin
	}) => {
		for (let i = 0; i < 60; i++)
			await signIn(db, { email: `ghost${i}@x.test`, password: 'x', ip: `7.7.${i}.1` });
		clk.advanceDays(2);
		createCreditor(db, admin, creditorInput);
		const all = listAudit(db, admin, {});
		expect(all.total).toBe(61);
		expect(all.rows).toHaveLength(50);
		expect(all.rows[0].action).toBe('creditor.create');
		const p2 = listAudit(db, admin, { page: 2 });
		expect(p2.rows).toHaveLength(11);
		expect(listAudit(db, admin, { page: 99 }).page).toBe(2);
		expect(listAudit(db, admin, { actorKind: 'anonymous' }).total).toBe(60);
		expect(listAudit(db, admin, { action: 'auth.' }).total).toBe(60);
		// a prefix is read letter for letter: '_' is not a wildcard
		expect(listAudit(db, admin, { action: '_' }).total).toBe(0);
		expect(listAudit(db, admin, { action: 'auth_' }).total).toBe(0);
		expect(listAudit(db, admin, { entity: 'creditor' }).total).toBe(1);
		expect(listAudit(db, admin, { to: '2026-03-02' }).total).toBe(60);
		expect(listAudit(db, admin, { from: '2026-03-03' }).total).toBe(1);
		const junk = listAudit(db, admin, {
			actorKind: 'root',
			action: "x' OR 1=1 --",
			from: '2026-13-45'
		});
		expect(junk.total).toBe(61);
		expect(junk.filter).toMatchObject({ actorKind: '', action: '', from: '' });
	});

	it('a chosen action matches itself only, an area all of its actions; amounts know their currency', ({
		db,
		admin,
		w
	}) => {
		db.$client.prepare("UPDATE claims SET currency = 'EUR' WHERE id = ?").run(w.claimB);
		audit(db, admin, { action: 'message.cancel', entity: 'message', entityId: 1 });
		audit(db, admin, { action: 'message.cancelled', entity: 'message', entityId: 1 });
		audit(db, admin, { action: 'claim.status', entity: 'claim', entityId: w.claimA });
		audit(db, admin, {
			action: 'refund_task.open',
			entity: 'refund_task',
			after: { claimId: w.claimB }
		});
		// an action an older version wrote: listed by its entity, not offered as a choice
		audit(db, admin, {
			action: 'old.thing' as AuditAction,
			entity: 'creditor',
			entityId: w.creditorA
		});
		expect(listAudit(db, admin, { action: 'message.cancel' }).total).toBe(1);
		expect(listAudit(db, admin, { action: 'message.' }).total).toBe(2);
		const all = listAudit(db, admin, {});
		expect(all.actions).toEqual([
			'claim.status',
			'message.cancel',
			'message.cancelled',
			'refund_task.open'
		]);
		expect(all.entities).toContain('creditor');
		const currency = Object.fromEntries(all.rows.map((r) => [r.action, r.currency]));
		expect(currency).toMatchObject({
			'claim.status': 'HUF',
			'refund_task.open': 'EUR',
			'message.cancel': null,
			'old.thing': null
		});
	});

	it('a temporary password must be replaced before anything else, and then stops working', async ({
		db,
		admin
	}) => {
		const { id, temporaryPassword } = await createStaff(db, admin, {
			email: 'temp@rendez.test',
			name: 'Temp',
			role: 'operator'
		});
		const s = await staffSignIn(db, 'temp@rendez.test', {
			password: temporaryPassword,
			ip: '5.4.3.2'
		});
		const v = validateSessionToken(db, s.session.token);
		expect(v?.kind === 'staff' && v.staff.mustChangePassword).toBe(true);
		const me: Actor = { kind: 'operator', userId: id };
		const sid = s.session.session.id;
		const attempt = (current: string, next: string, confirm = next) =>
			changeOwnPassword(db, me, sid, { current, next, confirm });
		await expect(attempt(temporaryPassword, 'short')).rejects.toMatchObject({
			fields: { next: { key: 'auth.password.tooShort' } }
		});
		await expect(
			attempt(temporaryPassword, 'a long enough password', 'a different one!!')
		).rejects.toMatchObject({ fields: { confirm: { key: 'auth.password.mismatch' } } });
		await expect(attempt('wrong current pw', 'a long enough password')).rejects.toMatchObject({
			fields: { current: { key: 'auth.password.currentWrong' } }
		});
		const fresh = await attempt(temporaryPassword, 'a long enough password');
		expect(validateSessionToken(db, s.session.token)).toBeNull();
		const after = validateSessionToken(db, fresh.token);
		expect(after?.kind === 'staff' && after.staff.mustChangePassword).toBe(false);
		expect(
			(await signIn(db, { email: 'temp@rendez.test', password: temporaryPassword, ip: '5.4.3.2' }))
				.ok
		).toBe(false);
		expect(
			(
				await signIn(db, {
					email: 'temp@rendez.test',
					password: 'a long enough password',
					ip: '5.4.3.2'
				})
			).ok
		).toBe(true);
		// a reset makes the password temporary again
		await resetStaffPassword(db, admin, id);
		expect(
			count(db, 'SELECT count(*) FROM staff_users WHERE id = ? AND password_changed_at IS NULL', id)
		).toBe(1);
		expect(JSON.stringify(db.$client.prepare('SELECT * FROM audit_log').all())).not.toContain(
			'a long enough password'
		);
	});
});
