import { describe, expect, it } from 'vitest';
import { messagesConfigProblem } from '../../src/lib/server/channels/config';

const TWILIO = {
	ORIGIN: 'https://rendez.example.hu',
	SMS_PROVIDER: 'twilio',
	TWILIO_ACCOUNT_SID: 'AC1',
	TWILIO_AUTH_TOKEN: 't',
	TWILIO_FROM: '+3612345678'
};

describe('a production server and its message channels', () => {
	it('refuses to start with no channel, unless MESSAGES=off says so', () => {
		expect(messagesConfigProblem({ NODE_ENV: 'production' })).toMatch(
			/^Rendez will not start: no message channel is configured\. Set SMTP_URL .*SMS_PROVIDER=twilio.*MESSAGES=off/
		);
		expect(messagesConfigProblem({ NODE_ENV: 'production', MESSAGES: 'off' })).toBeNull();
		expect(messagesConfigProblem({ NODE_ENV: 'production', MESSAGES: 'OFF' })).toBeNull();
	});

	it('starts with e-mail or SMS configured', () => {
		expect(
			messagesConfigProblem({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example:587' })
		).toBeNull();
		expect(messagesConfigProblem({ NODE_ENV: 'production', ...TWILIO })).toBeNull();
	});

	it('SMS in production needs ORIGIN, where its delivery reports come back to', () => {
		expect(messagesConfigProblem({ ...TWILIO, NODE_ENV: 'production', ORIGIN: '' })).toMatch(
			/^Rendez will not start: SMS_PROVIDER needs ORIGIN/
		);
		expect(messagesConfigProblem({ ...TWILIO, ORIGIN: undefined })).toBeNull();
	});

	it('development and tests need nothing', () => {
		expect(messagesConfigProblem({})).toBeNull();
		expect(messagesConfigProblem({ NODE_ENV: 'development' })).toBeNull();
	});

	it('wrong settings are one clear line, even with MESSAGES=off', () => {
		expect(messagesConfigProblem({ MESSAGES: 'no' })).toMatch(/MESSAGES must be "off"/);
		expect(
			messagesConfigProblem({ NODE_ENV: 'production', SMS_PROVIDER: 'twilio', MESSAGES: 'off' })
		).toMatch(/^Rendez will not start: SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID/);
		expect(messagesConfigProblem({ SMS_PROVIDER: 'smsapi' })).toMatch(/must be one of twilio/);
	});
});
