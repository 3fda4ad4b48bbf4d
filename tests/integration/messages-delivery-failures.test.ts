/**
 * The dispatcher when delivery fails, against a real SQLite file and a real SMTP server on loopback
 * that the real e-mail channel (nodemailer) sends to: bounces (hard and soft, mapped back by the
 * bounce address), an address the server refuses, a server that cannot be reached, and a
 * dispatcher that died while sending. The contact rules themselves: messages-dispatch.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { scalar } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import { recordingSms } from '../helpers/sms-recorder';
import {
	emailSent,
	freshMessageWorld,
	messageRows,
	planContact,
	plannedState,
	useMailer
} from '../helpers/messages-fixtures';
import { createEmailChannel } from '../../src/lib/server/channels/email';
import {
	dispatchDue,
	dispatchOnce,
	expireLeases,
	claimNext,
	materialiseDue
} from '../../src/lib/server/services/dispatcher';
import { bounceResponse } from '../../src/lib/server/services/email-feedback';

const BOUNCE_SECRET = 'bounce-secret-for-tests';
/** Whether the debtor's e-mail address is marked invalid (1), from their contact preferences. */
const emailInvalid = (db: DB, debtorId: number) =>
	scalar(db, 'SELECT email_invalid FROM contact_preferences WHERE debtor_id = ?', debtorId);
const mailer = useMailer(BOUNCE_SECRET);
const { options } = mailer;

describe('the dispatcher and the e-mail channel', () => {
	it('a hard bounce (5.1.1) marks the e-mail address invalid and the next step goes by SMS; a soft one does not', async () => {
		const { db, claimId, debtorId, row } = await emailSent(options());
		const dsn = (status: string) =>
			[
				`Return-Path: <>`,
				`To: ${mailer.email.bounceAddressOf(row.id)}`,
				`From: Mail Delivery System <MAILER-DAEMON@mx.example>`,
				`Subject: Undelivered Mail Returned to Sender`,
				`MIME-Version: 1.0`,
				`Content-Type: multipart/report; report-type=delivery-status; boundary="b1"`,
				``,
				`--b1`,
				`Content-Type: text/plain`,
				``,
				`This is the mail system. Your message could not be delivered.`,
				`--b1`,
				`Content-Type: message/delivery-status`,
				``,
				`Reporting-MTA: dns; mx.example`,
				``,
				`Final-Recipient: rfc822; elek@example.hu`,
				`Action: failed`,
				`Status: ${status}`,
				`Diagnostic-Code: smtp; 550 ${status} user unknown`,
				``,
				`--b1`,
				`Content-Type: text/rfc822-headers`,
				``,
				`Message-ID: ${row.provider_id}`,
				`Subject: whatever`,
				``,
				`--b1--`,
				``
			].join('\r\n');
		const post = (body: string, secret = BOUNCE_SECRET) =>
			bounceResponse(
				() => db,
				mailer.email,
				new Request('http://localhost/api/messages/bounces', {
					method: 'POST',
					body,
					headers: { 'x-rendez-bounce-secret': secret, 'content-type': 'message/rfc822' }
				})
			);
		// without the secret: refused, nothing changes
		expect((await post(dsn('5.1.1'), 'wrong')).status).toBe(401);
		// a soft bounce: failed, the address stays good
		expect(await post(dsn('4.2.2'))).toEqual({ status: 200, body: { applied: ['failed'] } });
		expect(emailInvalid(db, debtorId) ?? 0).toBe(0);
		// a hard bounce: the address is marked invalid (the message is already failed: status stays)
		expect((await post(dsn('5.1.1'))).status).toBe(200);
		expect(emailInvalid(db, debtorId)).toBe(1);
		const sms = recordingSms();
		planContact(db, claimId, ['email', 'sms']);
		await dispatchOnce(db, options({ channels: { email: mailer.email, sms } }));
		expect(sms.sent).toHaveLength(1);
		expect(mailer.smtp.messages).toHaveLength(1);
	});

	it('a hard bounce of a sent e-mail moves it to bounced, mapped back by its bounce address alone', async () => {
		const { db, debtorId, row } = await emailSent(options());
		const raw = [
			`Delivered-To: ${mailer.email.bounceAddressOf(row.id)}`,
			`Content-Type: multipart/report; report-type=delivery-status;`,
			`\tboundary="zz"`,
			``,
			`--zz`,
			`Content-Type: message/delivery-status`,
			``,
			`Final-Recipient: rfc822;elek@example.hu`,
			`Action: failed`,
			`Status: 5.1.1`,
			``,
			`--zz--`
		].join('\n');
		const res = await bounceResponse(
			() => db,
			mailer.email,
			new Request('http://localhost/api/messages/bounces', {
				method: 'POST',
				body: raw,
				headers: { 'x-rendez-bounce-secret': BOUNCE_SECRET }
			})
		);
		expect(res).toEqual({ status: 200, body: { applied: ['bounced'] } });
		expect(messageRows(db)[0]).toMatchObject({ status: 'bounced', status_reason: 'bounce_5.1.1' });
		expect(emailInvalid(db, debtorId)).toBe(1);
		// a forged bounce address (another message's id, a made-up mac) changes nothing
		const forged = raw.replace(/bounce\+\d+\.[a-z0-9]{12}/, `bounce+${row.id + 1}.aaaaaaaaaaaa`);
		const r2 = await bounceResponse(
			() => db,
			mailer.email,
			new Request('http://localhost/x', {
				method: 'POST',
				body: forged,
				headers: { 'x-rendez-bounce-secret': BOUNCE_SECRET }
			})
		);
		expect(r2).toEqual({ status: 200, body: { applied: [] } });
	});

	it('an address the SMTP server refuses (550 at RCPT) fails the message, marks it invalid and the contact does not count', async () => {
		const { db, claimId, debtorId } = freshMessageWorld();
		mailer.smtp.reject.add('elek@example.hu');
		const action = planContact(db, claimId, ['email', 'sms']);
		const r = await dispatchOnce(db, options());
		expect(r).toMatchObject({ sent: 0, failed: 1 });
		expect(messageRows(db)[0]).toMatchObject({ status: 'failed', status_reason: 'smtp_550' });
		expect(emailInvalid(db, debtorId)).toBe(1);
		expect(scalar(db, `SELECT outcome FROM contact_events WHERE claim_id = ?`, claimId)).toBe(
			'failed'
		);
		expect(plannedState(db, action)).toBe('failed');
	});

	it('an SMTP server that cannot be reached: the try fails, the same work is tried again later and goes once', async () => {
		const { db, clock, claimId } = freshMessageWorld();
		const action = planContact(db, claimId, ['email']);
		const down = createEmailChannel({
			smtpUrl: 'smtp://rendez:x@127.0.0.1:1',
			from: 'Rendez <ertesites@rendez.test>',
			secret: 'test-message-secret'
		});
		expect(await dispatchOnce(db, options({ channels: { email: down } }))).toMatchObject({
			failed: 1
		});
		await down.close?.();
		let rows = messageRows(db);
		expect(rows.map((m) => [m.status, m.status_reason])).toEqual([
			['failed', 'smtp_ESOCKET'],
			['queued', null]
		]);
		expect(rows[1].scheduled_at).toBe(clock.now() + 60_000);
		// the contact did not happen (C2), the planned action waits for the next try
		expect(scalar(db, `SELECT outcome FROM contact_events WHERE claim_id = ?`, claimId)).toBe(
			'failed'
		);
		expect(plannedState(db, action)).toBe('planned');
		expect(await dispatchDue(db, options())).toMatchObject({ sent: 0 });
		clock.advance(60_000);
		expect(await dispatchDue(db, options())).toMatchObject({ sent: 1 });
		rows = messageRows(db);
		expect(rows[1].status).toBe('sent');
		expect(plannedState(db, action)).toBe('done');
		await mailer.smtp.waitFor(1);
		expect(mailer.smtp.messages).toHaveLength(1);
	});

	it('a dispatcher that died while sending leaves the message unknown on the next start, and it is never sent again by itself', async () => {
		const { db, clock, claimId } = freshMessageWorld();
		planContact(db, claimId, ['email']);
		materialiseDue(db);
		const r = claimNext(db, options());
		expect(r.kind).toBe('claimed');
		// ... and the process dies here: no send, no record
		expect(expireLeases(db)).toBe(0); // the lease still runs
		clock.advance(6 * 60_000);
		expect(expireLeases(db)).toBe(1);
		expect(messageRows(db)[0]).toMatchObject({ status: 'unknown', status_reason: 'lease_lapsed' });
		expect(await dispatchOnce(db, options())).toMatchObject({ created: 0, sent: 0 });
		expect(mailer.smtp.messages).toHaveLength(0);
	});
});
