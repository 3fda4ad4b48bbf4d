/**
 * The debtor's own details (issue 19, item 8): a postal address is corrected at once; a new e-mail
 * or phone only with the code sent to the NEW address (the code stored as a hash only); every
 * change audited, the old value in debtor_contact_history, and visible to operators.
 */
import { describe, expect, it } from 'vitest';
import { allRows, scalar } from '../helpers/db';
import { fieldKeys, useDebtorWorld, stranger } from '../helpers/portal-fixtures';
import {
	changePostalAddress,
	confirmContactChange,
	contactChangesForOps,
	CONTACT_CODE_MAX_TRIES,
	CONTACT_CODE_TTL_MS,
	mintContactCode,
	myContactDetails,
	normalisePhone,
	requestContactChange
} from '../../src/lib/server/services/contact-details';
import { ConflictError, ForbiddenError } from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';

describe('the debtor’s own contact details', () => {
	const w = useDebtorWorld({ email: 'regi@example.com', phone: '+36301111111' });
	const op = { kind: 'operator' as const, userId: 1 };
	const lastOutbox = () =>
		w.db.$client.prepare('SELECT * FROM outbox ORDER BY id DESC LIMIT 1').get() as {
			id: number;
			channel: string;
			template: string;
			params_json: string;
		};
	const debtorRow = () =>
		w.db.$client
			.prepare('SELECT email, phone, postal_code, city, address FROM debtors WHERE id = ?')
			.get(w.debtorId);

	it('a new e-mail: the code goes to the new address, only its hash is kept, the right code switches', () => {
		const change = requestContactChange(w.db, w.me(), {
			field: 'email',
			value: ' uj@Example.COM '
		});
		expect(change.newValue).toBe('uj@example.com');
		// nothing changes before the code
		expect(debtorRow()).toMatchObject({ email: 'regi@example.com' });
		const msg = lastOutbox();
		expect(msg).toMatchObject({ channel: 'email', template: 'contact_code' });
		// no code and no address in the queue
		expect(JSON.parse(msg.params_json)).toEqual({ changeId: change.id });
		const sent = mintContactCode(w.db, msg.id);
		expect(sent).toMatchObject({ to: 'uj@example.com', channel: 'email' });
		expect(sent.code).toMatch(/^\d{6}$/);
		const stored = JSON.stringify(allRows(w.db, 'SELECT * FROM contact_changes'));
		expect(stored).not.toContain(sent.code);
		expect(JSON.stringify(allRows(w.db, 'SELECT * FROM audit_log'))).not.toContain(sent.code);

		const wrong = sent.code === '000000' ? '111111' : '000000';
		expect(confirmContactChange(w.db, w.me(), { changeId: change.id, code: wrong })).toEqual({
			ok: false,
			reason: 'wrong',
			remaining: CONTACT_CODE_MAX_TRIES - 1
		});
		expect(confirmContactChange(w.db, w.me(), { changeId: change.id, code: sent.code })).toEqual({
			ok: true,
			field: 'email'
		});
		expect(debtorRow()).toMatchObject({ email: 'uj@example.com' });
		// the old address stays in the history, and operators see the change
		expect(allRows(w.db, 'SELECT field, old_value, new_value FROM debtor_contact_history')).toEqual(
			[{ field: 'email', old_value: 'regi@example.com', new_value: 'uj@example.com' }]
		);
		expect(contactChangesForOps(w.db, op)).toMatchObject([
			{ debtorName: 'Teszt Elek', field: 'email', oldValue: 'regi@example.com' }
		]);
		expect(() => contactChangesForOps(w.db, w.me())).toThrow(ForbiddenError);
		expect(
			scalar(w.db, "SELECT count(*) FROM audit_log WHERE action = 'debtor.contact_changed'")
		).toBe(1);
		expect(verifyAuditChain(w.db).ok).toBe(true);
	});

	it('a new phone goes by SMS to the new number; too many wrong codes cancel; an old code expires', () => {
		expect(normalisePhone('06 30 222-3333')).toBe('+36302223333');
		const c = requestContactChange(w.db, w.me(), { field: 'phone', value: '06 30 222-3333' });
		expect(lastOutbox()).toMatchObject({ channel: 'sms', template: 'contact_code' });
		const { code } = mintContactCode(w.db, lastOutbox().id);
		const wrong = code === '000000' ? '111111' : '000000';
		for (let i = 1; i < CONTACT_CODE_MAX_TRIES; i++)
			expect(confirmContactChange(w.db, w.me(), { changeId: c.id, code: wrong })).toMatchObject({
				reason: 'wrong'
			});
		expect(confirmContactChange(w.db, w.me(), { changeId: c.id, code: wrong })).toEqual({
			ok: false,
			reason: 'cancelled'
		});
		// even the right code is refused now
		expect(confirmContactChange(w.db, w.me(), { changeId: c.id, code })).toEqual({
			ok: false,
			reason: 'cancelled'
		});
		const c2 = requestContactChange(w.db, w.me(), { field: 'phone', value: '+36 30 222 3333' });
		const sent2 = mintContactCode(w.db, lastOutbox().id);
		w.clock.advance(CONTACT_CODE_TTL_MS + 1);
		expect(confirmContactChange(w.db, w.me(), { changeId: c2.id, code: sent2.code })).toEqual({
			ok: false,
			reason: 'expired'
		});
		expect(debtorRow()).toMatchObject({ phone: '+36301111111' });
	});

	it('refuses what is not an address, or the same one; someone else’s change is not found', () => {
		expect(
			fieldKeys(() => requestContactChange(w.db, w.me(), { field: 'email', value: 'nope' }))
		).toEqual({
			email: 'details.error.email'
		});
		expect(
			fieldKeys(() => requestContactChange(w.db, w.me(), { field: 'phone', value: '123' }))
		).toEqual({
			phone: 'details.error.phone'
		});
		expect(
			fieldKeys(() =>
				requestContactChange(w.db, w.me(), { field: 'email', value: 'regi@example.com' })
			)
		).toEqual({ email: 'details.error.sameValue' });
		const c = requestContactChange(w.db, w.me(), { field: 'email', value: 'uj@example.com' });
		const other = stranger(w.db);
		expect(() => confirmContactChange(w.db, other, { changeId: c.id, code: '123456' })).toThrow();
		expect(myContactDetails(w.db, w.me()).pending.map((p) => p.newValue)).toEqual([
			'uj@example.com'
		]);
		// three changes an hour at most: each sends a message to an address someone typed
		requestContactChange(w.db, w.me(), { field: 'phone', value: '+36302223333' });
		requestContactChange(w.db, w.me(), { field: 'phone', value: '+36302223334' });
		expect(() =>
			requestContactChange(w.db, w.me(), { field: 'phone', value: '+36303334444' })
		).toThrow(ConflictError);
		w.clock.advance(61 * 60_000);
		expect(
			requestContactChange(w.db, w.me(), { field: 'phone', value: '+36303334444' }).id
		).toBeGreaterThan(0);
	});

	it('a postal address is corrected at once; the old one stays in the history', () => {
		expect(
			fieldKeys(() =>
				changePostalAddress(w.db, w.me(), { postalCode: '12', city: 'B', address: '' })
			)
		).toEqual({
			postalCode: 'details.error.postalCode',
			city: 'details.error.city',
			address: 'details.error.address'
		});
		changePostalAddress(w.db, w.me(), {
			postalCode: '6720',
			city: 'Szeged',
			address: 'Kárász u. 5.'
		});
		expect(debtorRow()).toMatchObject({
			postal_code: '6720',
			city: 'Szeged',
			address: 'Kárász u. 5.'
		});
		const h = allRows(w.db, 'SELECT field, old_value, new_value FROM debtor_contact_history') as {
			old_value: string;
		}[];
		expect(JSON.parse(h[0].old_value)).toEqual({
			postalCode: '1051',
			city: 'Budapest',
			address: 'Példa u. 1.'
		});
		expect(contactChangesForOps(w.db, op)[0]).toMatchObject({ field: 'postal' });
		expect(() =>
			changePostalAddress(w.db, w.me(), {
				postalCode: '6720',
				city: 'Szeged',
				address: 'Kárász u. 5.'
			})
		).toThrow(ConflictError);
	});
});
