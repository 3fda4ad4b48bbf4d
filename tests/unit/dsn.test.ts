/**
 * Bounces (RFC 3464) read without a library: the recipient block's Action and Status, the address
 * the bounce was delivered to (our per-message bounce address), the returned Message-ID; and what
 * each means (5.x.x hard, 4.x.x soft, a delay nothing yet).
 */
import { describe, expect, it } from 'vitest';
import { bounceKind, headerFields, parseDsn } from '../../src/lib/domain/dsn';

const postfix = [
	'Return-Path: <>',
	'X-Original-To: bounce+42.abcdefabcdef@rendez.test',
	'Delivered-To: bounce+42.abcdefabcdef@rendez.test',
	'From: MAILER-DAEMON@mx.example (Mail Delivery System)',
	'Subject: Undelivered Mail Returned to Sender',
	'Content-Type: multipart/report; report-type=delivery-status;',
	'\tboundary="8F1A.1/mx.example"',
	'',
	'--8F1A.1/mx.example',
	'Content-Description: Notification',
	'Content-Type: text/plain; charset=us-ascii',
	'',
	'I am sorry to have to inform you that your message could not be delivered.',
	'',
	'--8F1A.1/mx.example',
	'Content-Description: Delivery report',
	'Content-Type: message/delivery-status',
	'',
	'Reporting-MTA: dns; mx.example',
	'Arrival-Date: Mon,  9 Mar 2026 10:00:01 +0100 (CET)',
	'',
	'Final-Recipient: rfc822; nobody@example.hu',
	'Original-Recipient: rfc822;nobody@example.hu',
	'Action: failed',
	'Status: 5.1.1',
	'Remote-MTA: dns; mail.example.hu',
	'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.hu>: Recipient address rejected:',
	'    User unknown in virtual mailbox table',
	'',
	'--8F1A.1/mx.example',
	'Content-Description: Undelivered Message Headers',
	'Content-Type: text/rfc822-headers',
	'',
	'Message-ID: <rendez.42.0123456789abcdef@rendez.test>',
	'Subject: Egy ügye vár Önre',
	'',
	'--8F1A.1/mx.example--',
	''
].join('\r\n');

describe('DSN bounces', () => {
	it('reads a Postfix bounce: recipient, action, status, diagnostic, our bounce address and the Message-ID', () => {
		const d = parseDsn(postfix);
		expect(d.envelopeTo).toContain('bounce+42.abcdefabcdef@rendez.test');
		expect(d.originalMessageId).toBe('<rendez.42.0123456789abcdef@rendez.test>');
		expect(d.recipients).toEqual([
			{
				finalRecipient: 'nobody@example.hu',
				action: 'failed',
				status: '5.1.1',
				diagnostic:
					'smtp; 550 5.1.1 <nobody@example.hu>: Recipient address rejected: User unknown in virtual mailbox table'
			}
		]);
		expect(bounceKind(d.recipients[0])).toBe('hard');
	});

	it('tells hard, soft, delayed and delivered apart', () => {
		const r = (action: string, status: string | null) => ({
			finalRecipient: null,
			action,
			status,
			diagnostic: null
		});
		expect(bounceKind(r('failed', '5.2.2'))).toBe('hard');
		expect(bounceKind(r('failed', '4.4.7'))).toBe('soft');
		expect(bounceKind(r('delayed', '4.4.1'))).toBe('delayed');
		expect(bounceKind(r('delivered', '2.0.0'))).toBe('delivered');
		expect(bounceKind(r('failed', null))).toBe('hard');
	});

	it('reads the addresses of a header with a long run before them in one pass', () => {
		const noise = 'x'.repeat(400_000);
		const d = parseDsn(postfix.replace('X-Original-To: ', `X-Original-To: ${noise} `));
		expect(d.envelopeTo).toContain('bounce+42.abcdefabcdef@rendez.test');
		expect(d.envelopeTo).not.toContain(noise);
	});

	it('a message that is no DSN has no recipients; folded headers are unfolded', () => {
		expect(parseDsn('Subject: hello\r\n\r\nJust a reply.').recipients).toEqual([]);
		expect(headerFields('List-Unsubscribe:\r\n <https://x/stop/1/a>\r\nA: b')).toEqual([
			['list-unsubscribe', '<https://x/stop/1/a>'],
			['a', 'b']
		]);
	});
});
