/**
 * What an SMTP failure means for a message (channels/email.ts `smtpRefusal`): the address refused,
 * the message refused, nothing sent (try again), or perhaps delivered (never resent by itself).
 */
import { describe, expect, it } from 'vitest';
import { smtpRefusal } from '../../src/lib/server/channels/email';

describe('SMTP failures', () => {
	it('5xx to RCPT TO: the address is refused for good', () => {
		expect(smtpRefusal({ responseCode: 550, command: 'RCPT TO' })).toEqual({
			ok: false,
			error: 'smtp_550',
			permanent: true,
			addressInvalid: true
		});
	});
	it('5xx to the content: this message is refused, the address stays good', () => {
		expect(smtpRefusal({ responseCode: 554, command: 'DATA' })).toMatchObject({
			permanent: true,
			addressInvalid: false
		});
	});
	it('4xx, an authentication failure or a connection that never got to the content: try again', () => {
		for (const e of [
			{ responseCode: 451, command: 'DATA' },
			{ responseCode: 535, command: 'AUTH PLAIN', code: 'EAUTH' },
			{ code: 'ESOCKET', command: 'CONN' },
			{ code: 'ETIMEDOUT', command: 'RCPT TO' }
		])
			expect(smtpRefusal(e), JSON.stringify(e)).toMatchObject({ permanent: false });
		expect(smtpRefusal({ code: 'ESOCKET', command: 'CONN' }).uncertain).toBeUndefined();
	});
	it('a connection lost after the content went: it may have been delivered', () => {
		expect(smtpRefusal({ code: 'ETIMEDOUT', command: 'DATA' })).toMatchObject({
			permanent: false,
			uncertain: true
		});
	});
});
