/**
 * The admin's template editor (issue 17 item 2): an edit is a new template_versions row (never an
 * update), audited; the C3, C4, C8 and SMS-length checks refuse a text before anything is saved.
 */
import { describe, expect } from 'vitest';
import { scalar } from '../helpers/db';
import { authTest as it } from '../helpers/auth-fixtures';
import { fieldKeys } from '../helpers/portal-fixtures';
import type { Actor } from '../../src/lib/domain/actor';
import {
	listTemplates,
	saveTemplateVersion,
	templateDetail,
	templateId
} from '../../src/lib/server/services/template-admin';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/services/errors';
import { TEMPLATES, templateFor } from '../../src/lib/domain/messages';

describe('admin template editing', () => {
	const sms = { key: 'friendly.reminder', channel: 'sms', lang: 'hu' } as const;
	const email = { key: 'friendly.reminder', channel: 'email', lang: 'en' } as const;

	it('lists every key × channel × language, built-in texts as version 0; only admins', ({
		db,
		w,
		admin
	}) => {
		const list = listTemplates(db, admin);
		// every text there is: each template's channels, in both languages
		const texts = Object.values(TEMPLATES).reduce((n, t) => n + Object.keys(t).length * 2, 0);
		expect(list.length).toBe(texts);
		expect(texts).toBeGreaterThanOrEqual(24);
		expect(list.every((r) => r.version === 0 && r.changedAt === null)).toBe(true);
		const operator: Actor = { kind: 'operator', userId: w.operator };
		expect(() => listTemplates(db, operator)).toThrow(ForbiddenError);
		expect(() =>
			saveTemplateVersion(db, operator, sms, { body: 'Rendez: nézze meg {link} STOP' })
		).toThrow(ForbiddenError);
		expect(() => templateId('nope', 'sms', 'hu')).toThrow(NotFoundError);
		expect(() => templateId('formal.notice', 'sms', 'hu')).toThrow(NotFoundError);
		expect(() => templateId('constructor', 'sms', 'hu')).toThrow(NotFoundError);
	});

	it('an edit is saved as a new version row, audited; the old versions stay readable', ({
		db,
		admin
	}) => {
		const v1 = saveTemplateVersion(db, admin, sms, {
			body: 'Rendez: kérjük, nézze meg személyes oldalát: {link} Leiratkozás: STOP'
		});
		expect(v1.version).toBe(1);
		const v2 = saveTemplateVersion(db, admin, sms, {
			body: 'Rendez: egy ügye vár Önre: {link} Leiratkozás: STOP'
		});
		expect(v2.version).toBe(2);
		expect(scalar(db, 'SELECT count(*) FROM template_versions')).toBe(2);
		// the first row is unchanged
		expect(
			db.$client.prepare('SELECT body FROM template_versions WHERE id = ?').pluck().get(v1.id)
		).toContain('személyes oldalát');
		expect(
			scalar(
				db,
				"SELECT count(*) FROM audit_log WHERE action = 'template.version' AND entity = 'template_version'"
			)
		).toBe(2);
		const row = listTemplates(db, admin).find(
			(r) => r.key === sms.key && r.channel === 'sms' && r.lang === 'hu'
		)!;
		expect(row).toMatchObject({ version: 2, changedBy: 'admin' });
		const d = templateDetail(db, admin, sms);
		expect(d.current.version).toBe(2);
		expect(d.history.map((h) => h.version)).toEqual([2, 1, 0]);
		expect(d.preview?.body).toContain('https://');
		expect(templateDetail(db, admin, sms, 1).shown.body).toContain('személyes oldalát');
		expect(templateDetail(db, admin, sms, 0).shown.body).toBe(
			templateFor(sms.key, 'sms', 'hu')!.body
		);
		expect(() => templateDetail(db, admin, sms, 7)).toThrow(NotFoundError);
		// saving the same text again is not a new version
		expect(
			fieldKeys(() =>
				saveTemplateVersion(db, admin, sms, {
					body: 'Rendez: egy ügye vár Önre: {link} Leiratkozás: STOP'
				})
			)
		).toEqual({ body: 'admin.templates.unchanged' });
	});

	it('C3, C4, C8 and the SMS length refuse a text next to its field; nothing is saved', ({
		db,
		admin
	}) => {
		const refused = (t: typeof sms | typeof email, subject: string | undefined, body: string) =>
			fieldKeys(() => saveTemplateVersion(db, admin, t, { subject, body }));
		// C3: the debt, an amount, a creditor of this database (by its short name)
		expect(refused(sms, undefined, 'Rendez: tartozása van {link} STOP')).toEqual({
			body: 'admin.templates.problem.c3Word'
		});
		expect(refused(sms, undefined, 'Rendez: fizessen 5 000 Ft-ot {link} STOP')).toEqual({
			body: 'admin.templates.problem.c3Amount'
		});
		expect(refused(sms, undefined, 'Rendez: az Alfa Bank kéri {link} STOP')).toEqual({
			body: 'admin.templates.problem.c3Creditor'
		});
		expect(refused(email, 'Your debt', 'Hello {link} {unsubscribe}')).toEqual({
			subject: 'admin.templates.problem.c3Word'
		});
		// C4
		expect(refused(email, 'Hello', 'The police will come. {link} {unsubscribe}')).toEqual({
			body: 'admin.templates.problem.c4Banned'
		});
		// C4: the walkthrough's friendly reminder threatened court (s16, item 2); whole words only
		expect(refused(sms, undefined, 'Rendez: fizessen, vagy bíróság! {link} STOP')).toEqual({
			body: 'admin.templates.problem.c4Banned'
		});
		expect(refused(sms, undefined, 'Rendez: ha nem fizet, beperelünk {link} STOP')).toEqual({
			body: 'admin.templates.problem.c4Banned'
		});
		expect(refused(email, 'Hello', 'Otherwise we sue. {link} {unsubscribe}')).toEqual({
			body: 'admin.templates.problem.c4Banned'
		});
		// C8
		expect(refused(sms, undefined, 'Rendez: nézze meg {link}')).toEqual({
			body: 'admin.templates.problem.c8Stop'
		});
		expect(refused(email, 'Hello', 'Please look: {link}')).toEqual({
			body: 'admin.templates.problem.c8Unsubscribe'
		});
		// two SMS parts at most
		expect(refused(sms, undefined, `Rendez: ${'ű'.repeat(110)} {link} STOP`)).toEqual({
			body: 'admin.templates.problem.smsLength'
		});
		expect(scalar(db, 'SELECT count(*) FROM template_versions')).toBe(0);
		expect(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'template.version'")).toBe(0);
	});
});
