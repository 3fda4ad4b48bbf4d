import { describe, expect, it } from 'vitest';
import {
	parseTwilioInbound,
	parseTwilioReport,
	twilioFromEnv,
	twilioSignature,
	verifyTwilioSignature
} from '../../src/lib/server/channels/twilio';
import { ChannelConfigError } from '../../src/lib/server/channels/sms-adapter';
import { smsFromEnv } from '../../src/lib/server/channels/sms';

// Twilio's own published example (its libraries' request-validator tests)
const TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS: [string, string][] = [
	['Digits', '1234'],
	['To', '+18005551212'],
	['From', '+14158675309'],
	['Caller', '+14158675309'],
	['CallSid', 'CA1234567890ABCDE']
];
const SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

function req(url: string, params: [string, string][], signature?: string) {
	const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded' });
	if (signature !== undefined) headers.set('X-Twilio-Signature', signature);
	return { url, headers, body: new URLSearchParams(params).toString() };
}

describe('Twilio request signature', () => {
	it("reproduces Twilio's published example, whatever the order of the parameters", () => {
		expect(twilioSignature(TOKEN, URL_, PARAMS)).toBe(SIGNATURE);
		expect(twilioSignature(TOKEN, URL_, [...PARAMS].reverse())).toBe(SIGNATURE);
	});

	it('a name given more than once: its distinct values sorted', () => {
		const repeated: [string, string][] = [
			['Sid', 'CA123'],
			['SidAccount', 'AC123'],
			['Digits', '5678'],
			['Digits', '1234'],
			['Digits', '1234']
		];
		expect(twilioSignature(TOKEN, URL_, repeated)).toBe('IK+Dwps556ElfBT0I3Rgjkr1wJU=');
	});

	it('accepts the signed request and refuses any change to it', () => {
		expect(verifyTwilioSignature(TOKEN, req(URL_, PARAMS, SIGNATURE))).toBe(true);
		expect(verifyTwilioSignature('other', req(URL_, PARAMS, SIGNATURE))).toBe(false);
		expect(verifyTwilioSignature(TOKEN, req(URL_ + '&x=1', PARAMS, SIGNATURE))).toBe(false);
		const changed = PARAMS.map(([k, v]): [string, string] => [k, k === 'Digits' ? '9999' : v]);
		expect(verifyTwilioSignature(TOKEN, req(URL_, changed, SIGNATURE))).toBe(false);
		expect(verifyTwilioSignature(TOKEN, req(URL_, [...PARAMS, ['x', '1']], SIGNATURE))).toBe(false);
		expect(verifyTwilioSignature(TOKEN, req(URL_, PARAMS))).toBe(false);
		expect(verifyTwilioSignature(TOKEN, req(URL_, PARAMS, ''))).toBe(false);
		expect(verifyTwilioSignature(TOKEN, req(URL_, PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B8'))).toBe(
			false
		);
	});

	it('accepts the URL signed with or without its port, as Twilio may send either', () => {
		const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
		const sig = twilioSignature(TOKEN, withPort, PARAMS);
		expect(verifyTwilioSignature(TOKEN, req(URL_, PARAMS, sig))).toBe(true);
		expect(verifyTwilioSignature(TOKEN, req(withPort, PARAMS, SIGNATURE))).toBe(true);
	});
});

describe('Twilio status callbacks and inbound SMS', () => {
	const cb = (p: Record<string, string>) => new URLSearchParams(p).toString();

	it('maps Twilio statuses to ours', () => {
		for (const s of ['queued', 'sending', 'sent', 'accepted'])
			expect(parseTwilioReport(cb({ MessageSid: 'SM1', MessageStatus: s }))).toEqual([
				{ providerId: 'SM1', status: 'sent' }
			]);
		expect(parseTwilioReport(cb({ MessageSid: 'SM1', MessageStatus: 'delivered' }))).toEqual([
			{ providerId: 'SM1', status: 'delivered' }
		]);
		expect(
			parseTwilioReport(cb({ MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '30003' }))
		).toEqual([
			{ providerId: 'SM1', status: 'failed', addressInvalid: false, detail: 'twilio_30003' }
		]);
	});

	it('an invalid-number error code marks the address invalid', () => {
		for (const code of ['21211', '21614', '30005', '30006'])
			expect(
				parseTwilioReport(cb({ MessageSid: 'SM2', MessageStatus: 'failed', ErrorCode: code }))[0]
			).toMatchObject({ status: 'failed', addressInvalid: true, detail: `twilio_${code}` });
	});

	it('reads nothing from what is not a status report', () => {
		expect(parseTwilioReport('')).toEqual([]);
		expect(parseTwilioReport('%%%&&=')).toEqual([]);
		expect(parseTwilioReport(cb({ MessageSid: 'SM1', MessageStatus: 'received' }))).toEqual([]);
		expect(parseTwilioReport(cb({ MessageStatus: 'delivered' }))).toEqual([]);
		expect(parseTwilioReport(cb({ MessageSid: 'SM1', MessageStatus: 'toString' }))).toEqual([]);
	});

	it('reads an inbound SMS', () => {
		expect(
			parseTwilioInbound(cb({ From: '+36301234567', Body: 'STOP', MessageSid: 'SM9' }))
		).toEqual({ from: '+36301234567', text: 'STOP' });
		expect(parseTwilioInbound(cb({ Body: 'STOP' }))).toBeNull();
	});
});

describe('Twilio settings', () => {
	const full = {
		SMS_PROVIDER: 'twilio',
		TWILIO_ACCOUNT_SID: 'AC1',
		TWILIO_AUTH_TOKEN: 't',
		TWILIO_FROM: '+3612345678'
	};
	it('null without SMS_PROVIDER=twilio; complete settings make a channel', () => {
		expect(twilioFromEnv({})).toBeNull();
		expect(smsFromEnv({})).toBeNull();
		expect(twilioFromEnv(full)?.channel).toBe('sms');
		expect(smsFromEnv({ ...full, SMS_PROVIDER: 'Twilio' })?.channel).toBe('sms');
	});
	it('incomplete or wrong settings say what is missing', () => {
		expect(() => twilioFromEnv({ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1' })).toThrow(
			/TWILIO_AUTH_TOKEN, TWILIO_FROM/
		);
		expect(() => twilioFromEnv({ ...full, TWILIO_API_BASE: 'api.twilio.com' })).toThrow(
			ChannelConfigError
		);
		expect(() => smsFromEnv({ SMS_PROVIDER: 'nexmo' })).toThrow(/twilio.*nexmo/);
	});
});
