/**
 * /ops/messages (issue 17 item 4): every message newest first, search by debtor or claim, filter
 * by status and channel; resend a failed one as a new queued copy (audited), cancel a queued one
 * (audited); operators and admins only.
 */
import { describe, expect } from 'vitest';
import { scalar } from '../helpers/db';
import { authTest as it } from '../helpers/auth-fixtures';
import { makeMessage, pastContact } from '../helpers/messages-fixtures';
import type { Actor } from '../../src/lib/domain/actor';
import {
	cancelMessage,
	getMessage,
	listMessages,
	resendMessage
} from '../../src/lib/server/services/message-views';
import { claimContacts, claimMessages } from '../../src/lib/server/services/messages-of-claim';
import { templateFor } from '../../src/lib/domain/messages';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/lib/server/services/errors';

describe('/ops/messages', () => {
	it('lists newest first; searches by debtor name or claim reference; filters by status and channel', ({
		db,
		clk,
		w,
		op
	}) => {
		const a1 = makeMessage(db, { debtorId: w.personA, claimId: w.claimA, status: 'delivered' });
		clk.advance(60_000);
		const b1 = makeMessage(db, {
			debtorId: w.personB,
			claimId: w.claimB,
			channel: 'sms',
			status: 'failed',
			statusReason: 'provider_error'
		});
		clk.advance(60_000);
		const a2 = makeMessage(db, { debtorId: w.personA, claimId: w.claimA, channel: 'letter' });
		expect(listMessages(db, op).rows.map((r) => r.id)).toEqual([a2, b1, a1]);
		expect(listMessages(db, op, { q: 'Kiss Anna' }).rows.map((r) => r.id)).toEqual([a2, a1]);
		expect(listMessages(db, op, { q: 'B-1' }).rows.map((r) => r.id)).toEqual([b1]);
		expect(listMessages(db, op, { q: 'Nobody Here' }).rows).toEqual([]);
		expect(listMessages(db, op, { status: 'failed' }).rows.map((r) => r.id)).toEqual([b1]);
		expect(listMessages(db, op, { channel: 'letter' }).rows.map((r) => r.id)).toEqual([a2]);
		expect(listMessages(db, op, { q: 'Kiss', channel: 'sms' }).rows).toEqual([]);
		const short = listMessages(db, op, { q: 'K' });
		expect(short.tooShort).toBe(true);
		expect(short.total).toBe(3);
		const row = listMessages(db, op, { status: 'failed' }).rows[0];
		expect(row).toMatchObject({ debtorName: 'Nagy Béla', reference: 'B-1', channel: 'sms' });
		const creditor: Actor = { kind: 'creditor', userId: w.creditorUserA, creditorId: w.creditorA };
		expect(() => listMessages(db, creditor)).toThrow(ForbiddenError);
		expect(() => getMessage(db, creditor, a1)).toThrow(ForbiddenError);
		expect(() => resendMessage(db, { kind: 'debtor', debtorId: w.personB }, b1)).toThrow(
			ForbiddenError
		);
	});

	it('pages of 50', ({ db, w, op }) => {
		for (let i = 0; i < 55; i++) makeMessage(db, { debtorId: w.personA, claimId: w.claimA, at: i });
		const p1 = listMessages(db, op);
		expect([p1.total, p1.pages, p1.rows.length]).toEqual([55, 2, 50]);
		const p2 = listMessages(db, op, { page: 2 });
		expect(p2.rows.length).toBe(5);
		expect(listMessages(db, op, { page: 99 }).page).toBe(2);
	});

	it('one message shows the exact text sent and its hash', ({ db, w, op }) => {
		const id = makeMessage(db, {
			debtorId: w.personA,
			claimId: w.claimA,
			status: 'sent',
			subject: 'Egy ügye vár Önre',
			body: 'Pontosan ez ment ki.'
		});
		const m = getMessage(db, op, id);
		expect(m).toMatchObject({
			subject: 'Egy ügye vár Önre',
			body: 'Pontosan ez ment ki.',
			bodyHash: 'ab'.repeat(32),
			templateVersion: 0,
			canResend: false,
			canCancel: false
		});
		expect(() => getMessage(db, op, 999_999)).toThrow(NotFoundError);
	});

	it('resend: a failed, bounced or uncertain message becomes a new queued copy with a new dedupe key, audited', ({
		db,
		w,
		op
	}) => {
		const failed = makeMessage(db, {
			debtorId: w.personB,
			claimId: w.claimB,
			channel: 'sms',
			status: 'failed'
		});
		expect(getMessage(db, op, failed).canResend).toBe(true);
		const { id } = resendMessage(db, op, failed);
		const copy = db.$client.prepare('SELECT * FROM messages WHERE id = ?').get(id) as Record<
			string,
			unknown
		>;
		expect(copy).toMatchObject({
			debtor_id: w.personB,
			claim_id: w.claimB,
			channel: 'sms',
			template_key: 'friendly.reminder',
			status: 'queued',
			source: 'staff',
			source_id: failed,
			body: null
		});
		const keys = db.$client.prepare('SELECT dedupe_key FROM messages').pluck().all();
		expect(new Set(keys).size).toBe(2);
		expect(
			scalar(
				db,
				"SELECT count(*) FROM audit_log WHERE action = 'message.resend' AND entity_id = ?",
				String(id)
			)
		).toBe(1);
		expect(getMessage(db, op, id).copyOf).toBe(failed);
		// not a second copy while the first still waits
		expect(getMessage(db, op, failed).canResend).toBe(false);
		expect(() => resendMessage(db, op, failed)).toThrow(ConflictError);
		// once that copy has gone its way, it can be sent again (a new key again)
		db.$client.prepare("UPDATE messages SET status = 'bounced' WHERE id = ?").run(id);
		const again = resendMessage(db, op, failed);
		expect(again.id).not.toBe(id);
		// delivered, queued or cancelled: not sent again
		const delivered = makeMessage(db, {
			debtorId: w.personA,
			claimId: w.claimA,
			status: 'delivered'
		});
		expect(() => resendMessage(db, op, delivered)).toThrow(ConflictError);
		expect(() => resendMessage(db, op, 999_999)).toThrow(NotFoundError);
	});

	it('cancel: only a queued message, audited; a message already taken is not cancelled', ({
		db,
		w,
		op
	}) => {
		const queued = makeMessage(db, { debtorId: w.personA, claimId: w.claimA });
		expect(getMessage(db, op, queued).canCancel).toBe(true);
		cancelMessage(db, op, queued);
		expect(getMessage(db, op, queued)).toMatchObject({
			status: 'cancelled',
			statusReason: 'cancelled_by_staff'
		});
		expect(
			scalar(
				db,
				"SELECT count(*) FROM audit_log WHERE action = 'message.cancel' AND entity_id = ?",
				String(queued)
			)
		).toBe(1);
		expect(() => cancelMessage(db, op, queued)).toThrow(ConflictError);
		const sending = makeMessage(db, { debtorId: w.personA, claimId: w.claimA, status: 'sending' });
		expect(() => cancelMessage(db, op, sending)).toThrow(ConflictError);
		expect(() => cancelMessage(db, op, 999_999)).toThrow(NotFoundError);
		expect(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'message.cancel'")).toBe(1);
	});
});

describe("the debtor's claim page: messages and letters about that claim", () => {
	it('lists only what left us about this claim, with a letter linking to its PDF; never another claim or debtor', async ({
		db,
		clk,
		w
	}) => {
		// a second claim of the same debtor (another creditor), with its own message
		const otherClaim = db.$client
			.prepare(
				`INSERT INTO claims (creditor_id, portfolio_id, debtor_id, reference, currency, placed_date, due_date, stage_changed_at, placed_minor, balance_minor, created_at)
				 SELECT creditor_id, portfolio_id, ?, 'B-9', 'HUF', placed_date, due_date, stage_changed_at, 100, 100, created_at FROM claims WHERE id = ?`
			)
			.run(w.personA, w.claimB).lastInsertRowid as number;
		const email = makeMessage(db, {
			debtorId: w.personA,
			claimId: w.claimA,
			status: 'delivered',
			subject: 'Egy ügye vár Önre'
		});
		clk.advance(86_400_000);
		const sms = makeMessage(db, {
			debtorId: w.personA,
			claimId: w.claimA,
			channel: 'sms',
			status: 'sent'
		});
		clk.advance(86_400_000);
		const letter = makeMessage(db, {
			debtorId: w.personA,
			claimId: w.claimA,
			channel: 'letter',
			status: 'sent',
			subject: 'Hivatalos felszólítás',
			templateKey: 'formal.notice'
		});
		// not shown: still queued, failed, another claim of the same debtor, another debtor's claim
		makeMessage(db, { debtorId: w.personA, claimId: w.claimA, status: 'queued' });
		makeMessage(db, { debtorId: w.personA, claimId: w.claimA, status: 'failed' });
		const otherOwn = makeMessage(db, { debtorId: w.personA, claimId: otherClaim, status: 'sent' });
		makeMessage(db, { debtorId: w.personB, claimId: w.claimB, status: 'sent', subject: 'Béla' });
		const anna: Actor = { kind: 'debtor', debtorId: w.personA };
		const m = claimMessages(db, anna, w.claimA, 'hu');
		expect(m.rows.map((r) => r.id)).toEqual([letter, sms, email]);
		expect(m.rows[0]).toMatchObject({
			channel: 'Postai levél',
			what: 'Hivatalos felszólítás (PDF)',
			href: `/my/claims/${w.claimA}/letters/${letter}`
		});
		expect(m.rows[1]).toMatchObject({
			channel: 'SMS',
			what: 'Rövid üzenet a személyes oldala linkjével',
			href: null
		});
		expect(m.rows[2].what).toBe('Egy ügye vár Önre');
		expect(m.rows[2].date).toBe('2026. március 2.');
		expect(claimMessages(db, anna, otherClaim, 'en').rows.map((r) => r.id)).toEqual([otherOwn]);
		// a contact recorded from before messages left Rendez (imported history) on a channel with
		// no message: listed too, without a text to open (the claim's story tells of it)
		const past = pastContact(db, otherClaim, 'letter', clk.now() - 30 * 86_400_000);
		expect(claimMessages(db, anna, otherClaim, 'hu').rows.slice(1)).toMatchObject([
			{ id: -past, channel: 'Postai levél', href: null }
		]);
		// another debtor's claim: nothing (and the page itself is a 404 for them, claimDetail)
		expect(claimMessages(db, anna, w.claimB, 'hu').rows).toEqual([]);
		expect(() =>
			claimMessages(db, { kind: 'operator', userId: w.operator }, w.claimA, 'hu')
		).toThrow(ForbiddenError);
		expect(claimMessages(db, anna, w.claimA, 'en').title).toBe(
			'Our messages and letters about this case'
		);
	});

	it("shows each subject in the reader's language where the template gives it, else as sent (walkthrough item 3)", ({
		db,
		clk,
		w
	}) => {
		const sent = (templateKey: string, subject: string, channel: 'email' | 'letter' = 'email') => {
			clk.advance(60_000);
			return makeMessage(db, {
				debtorId: w.personA,
				claimId: w.claimA,
				channel,
				templateKey,
				status: 'sent',
				subject
			});
		};
		const planEmail = sent('plan_active', 'Részletfizetése elindult');
		const letter = sent('formal.notice', 'Hivatalos felszólítás', 'letter');
		const unknown = sent('no.such.template', 'Egyedi tárgy');
		const anna: Actor = { kind: 'debtor', debtorId: w.personA };
		const what = (lang: 'hu' | 'en') =>
			Object.fromEntries(claimMessages(db, anna, w.claimA, lang).rows.map((r) => [r.id, r.what]));
		const en = what('en');
		expect(en[planEmail]).toBe('Your instalment plan has started');
		expect(en[letter]).toContain(templateFor('formal.notice', 'letter', 'en')!.subject!);
		expect(en[letter]).not.toContain('Hivatalos felszólítás');
		// no template to take it from: the subject as sent
		expect(en[unknown]).toBe('Egyedi tárgy');
		// the reader's own language: exactly as sent
		expect(what('hu')[planEmail]).toBe('Részletfizetése elindult');
	});
});

describe("the creditor's claim page: contacts by channel and outcome", () => {
	it('counts per channel × outcome from contact events and message statuses, without text; only the own claims', async ({
		db,
		clk,
		w
	}) => {
		const event = (channel: string, outcome: string, direction = 'outbound') => {
			db.$client
				.prepare(
					`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, occurred_at)
					 VALUES (?, ?, ?, 'friendly_reminder', ?, ?, ?)`
				)
				.run(w.claimA, w.personA, channel, direction, outcome, clk.now());
			clk.advance(60_000);
		};
		event('call', 'conversation');
		event('call', 'no_answer');
		event('call', 'no_answer');
		// an e-mail recorded as a contact before messages existed: counted from contact_events
		event('email', 'sent');
		// SMS: the dispatcher records a contact and a message; the message (with its outcome) counts once
		event('sms', 'sent');
		makeMessage(db, {
			debtorId: w.personA,
			claimId: w.claimA,
			channel: 'sms',
			status: 'delivered',
			body: 'Rendez: titkos szöveg {link}'
		});
		clk.advance(60_000);
		makeMessage(db, { debtorId: w.personA, claimId: w.claimA, channel: 'sms', status: 'bounced' });
		makeMessage(db, { debtorId: w.personA, claimId: w.claimA, channel: 'sms', status: 'queued' });
		makeMessage(db, { debtorId: w.personB, claimId: w.claimB, channel: 'sms', status: 'sent' });
		const alfa: Actor = { kind: 'creditor', userId: w.creditorUserA, creditorId: w.creditorA };
		const c = claimContacts(db, alfa, w.claimA);
		expect(c.outcomes).toEqual(['sent', 'delivered', 'failed', 'no_answer', 'conversation']);
		expect(c.byChannel).toEqual([
			{ channel: 'sms', counts: { delivered: 1, failed: 1 }, total: 2 },
			{ channel: 'email', counts: { sent: 1 }, total: 1 },
			{ channel: 'call', counts: { conversation: 1, no_answer: 2 }, total: 3 }
		]);
		expect(c.list.length).toBe(6);
		expect(c.list.filter((r) => r.kind === 'message').map((r) => r.what)).toEqual([
			'friendly.reminder',
			'friendly.reminder'
		]);
		expect(JSON.stringify(c)).not.toContain('titkos');
		// another creditor's claim, or an unknown one: not found; other kinds of actor: forbidden
		const beta: Actor = { kind: 'creditor', userId: w.creditorUserB, creditorId: w.creditorB };
		expect(() => claimContacts(db, beta, w.claimA)).toThrow(NotFoundError);
		expect(() => claimContacts(db, alfa, 987_654)).toThrow(NotFoundError);
		expect(claimContacts(db, beta, w.claimB).byChannel).toEqual([
			{ channel: 'sms', counts: { sent: 1 }, total: 1 }
		]);
		expect(() => claimContacts(db, { kind: 'operator', userId: w.operator }, w.claimA)).toThrow(
			ForbiddenError
		);
	});
});
