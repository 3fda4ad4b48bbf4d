/** Contact preferences (C8): channel, time window, opt-out per channel, language; validated and audited. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fieldKeys, debtorDb } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import { getPreferences, savePreferences } from '../../src/lib/server/services/preferences';
import { ForbiddenError } from '../../src/lib/server/services/errors';

describe('contact preferences', () => {
	let db: DB;
	let debtorId: number;
	beforeEach(() => ({ db, debtorId } = debtorDb()));
	const me = () => ({ kind: 'debtor' as const, debtorId });
	const base = {
		preferredChannel: '',
		preferredFrom: '',
		preferredTo: '',
		optOut: [] as string[],
		language: 'hu'
	};

	it('starts with no opt-outs and saves channel, window, opt-outs and language at once', () => {
		expect(getPreferences(db, me()).optOut).toEqual({
			sms: false,
			email: false,
			call: false,
			letter: false,
			visit: false
		});
		const saved = savePreferences(db, me(), {
			preferredChannel: 'email',
			preferredFrom: '17:00',
			preferredTo: '19:30',
			optOut: ['sms', 'call'],
			language: 'en'
		});
		expect(saved).toEqual({
			preferredChannel: 'email',
			preferredFrom: '17:00',
			preferredTo: '19:30',
			optOut: { sms: true, email: false, call: true, letter: false, visit: false },
			language: 'en'
		});
		const row = db.$client
			.prepare(
				'SELECT opt_out_sms, opt_out_call, language FROM contact_preferences WHERE debtor_id=?'
			)
			.get(debtorId);
		expect(row).toEqual({ opt_out_sms: 1, opt_out_call: 1, language: 'en' });
		expect(
			db.$client.prepare('SELECT language FROM debtors WHERE id=?').pluck().get(debtorId)
		).toBe('en');
		// withdrawing an opt-out works the same way
		expect(savePreferences(db, me(), { ...base }).optOut.sms).toBe(false);
		expect(
			db.$client
				.prepare("SELECT count(*) FROM audit_log WHERE action='preferences.save'")
				.pluck()
				.get()
		).toBe(2);
	});

	it('rejects bad times and channels with field messages, and only debtors may save their own', () => {
		const keys = (input: typeof base) => fieldKeys(() => savePreferences(db, me(), input));
		expect(keys({ ...base, preferredFrom: '25:00', preferredTo: '18:00' })).toEqual({
			preferredFrom: 'portal.prefs.error.time'
		});
		expect(keys({ ...base, preferredFrom: '18:00', preferredTo: '09:00' })).toEqual({
			preferredTo: 'portal.prefs.error.order'
		});
		expect(keys({ ...base, preferredFrom: '18:00' })).toEqual({
			preferredTo: 'portal.prefs.error.both'
		});
		expect(keys({ ...base, preferredChannel: 'pigeon', language: 'de' })).toEqual({
			preferredChannel: 'form.invalid',
			language: 'form.invalid'
		});
		// preferring a channel the same form turns off
		expect(keys({ ...base, preferredChannel: 'sms', optOut: ['sms', 'call'] })).toEqual({
			preferredChannel: 'portal.prefs.error.preferredBlocked'
		});
		expect(keys({ ...base, preferredChannel: 'email', optOut: ['sms', 'call'] })).toEqual({});
		expect(() => getPreferences(db, { kind: 'operator', userId: 1 })).toThrow(ForbiddenError);
	});

	it('a contact time written "7:00" is read as "07:00" and kept in order (issue 19 item 4)', () => {
		const saved = savePreferences(db, me(), {
			...base,
			preferredFrom: '7:00',
			preferredTo: '17:30'
		});
		expect([saved.preferredFrom, saved.preferredTo]).toEqual(['07:00', '17:30']);
		expect(getPreferences(db, me()).preferredFrom).toBe('07:00');
		// "9:00" is before "18:00" (as text "9:00" would sort after it)
		expect(
			savePreferences(db, me(), { ...base, preferredFrom: '9:00', preferredTo: '18:00' })
				.preferredFrom
		).toBe('09:00');
		const keys = (input: typeof base) => fieldKeys(() => savePreferences(db, me(), input));
		expect(keys({ ...base, preferredFrom: '18:00', preferredTo: '9:00' })).toEqual({
			preferredTo: 'portal.prefs.error.order'
		});
		for (const bad of ['7:5', '24:00', '007:00', '7:60', '7'])
			expect(keys({ ...base, preferredFrom: bad, preferredTo: '18:00' })).toEqual({
				preferredFrom: 'portal.prefs.error.time'
			});
	});

	it('C1: a contact time wholly outside the contact window (21:00–22:00) is refused next to the field; one that overlaps it is kept (walkthrough s16, item 3)', () => {
		const keys = (input: typeof base) => fieldKeys(() => savePreferences(db, me(), input));
		for (const [from, to] of [
			['21:00', '22:00'],
			['20:00', '23:59'],
			['05:00', '08:00']
		])
			expect(keys({ ...base, preferredFrom: from, preferredTo: to }), `${from}-${to}`).toEqual({
				preferredFrom: 'portal.prefs.error.outsideWindow'
			});
		expect(getPreferences(db, me()).preferredFrom).toBeNull();
		const saved = savePreferences(db, me(), {
			...base,
			preferredFrom: '19:00',
			preferredTo: '22:00'
		});
		expect([saved.preferredFrom, saved.preferredTo]).toEqual(['19:00', '22:00']);
	});
});
