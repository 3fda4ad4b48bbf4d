/**
 * SMS through Twilio's Messages API (issue 17, item 1). Everything Twilio-specific is in this one
 * file; another provider (a Hungarian gateway) is one more file like it, chosen in sms.ts.
 *
 * - Send: POST {TWILIO_API_BASE}/2010-04-01/Accounts/{SID}/Messages.json, form-encoded To, From
 *   (or MessagingServiceSid when TWILIO_FROM is an `MG…` service id), Body and StatusCallback
 *   ({ORIGIN}/api/sms/status), HTTP basic auth SID:token. The answer's `sid` is the provider id
 *   that later status callbacks carry.
 * - Callbacks (status reports, inbound SMS) carry X-Twilio-Signature: base64 HMAC-SHA1, keyed with
 *   the auth token, of the full URL Twilio called followed by every POST parameter sorted by name,
 *   each as name + value with no separator. Checked in constant time, and (as Twilio's own library
 *   does) with the URL both with and without its port.
 * - Sending is refused before any request for a number that is not one (domain/phone.ts) and for a
 *   text over two parts (Hungarian accents make it UCS-2: 70 characters a part, 67 when split).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { smsParts } from '$lib/domain/messages';
import { toE164 } from '$lib/domain/phone';
import type { CallbackRequest, DeliveryReport, OutgoingMessage, SendOutcome } from './types';
import {
	ChannelConfigError,
	SendOutcomeUnknownError,
	type InboundSms,
	type SmsChannelAdapter
} from './sms-adapter';

export const TWILIO_DEFAULT_API_BASE = 'https://api.twilio.com';
/** the callback path our status route answers (src/routes/api/sms/status) */
export const SMS_STATUS_PATH = '/api/sms/status';
/** every SMS stays within two parts (issue 17) */
export const MAX_SMS_PARTS = 2;

/**
 * Twilio error codes that say the number itself cannot take an SMS (invalid, unknown, a landline):
 * the phone is marked invalid and the next step falls back to the next channel.
 */
export const TWILIO_INVALID_NUMBER_CODES: ReadonlySet<string> = new Set([
	'21211', // invalid 'To' phone number
	'21214', // 'To' phone number cannot be reached
	'21217', // phone number does not appear to be valid
	'21401', // invalid phone number
	'21407', // this phone number type does not support SMS
	'21421', // phone number is invalid
	'21614', // 'To' number is not a valid mobile number
	'30005', // unknown destination handset
	'30006' // landline or unreachable carrier
]);

/** Twilio's message statuses and what they mean for us (inbound ones are not reports) */
const STATUS: Record<string, DeliveryReport['status']> = {
	accepted: 'sent',
	scheduled: 'sent',
	queued: 'sent',
	sending: 'sent',
	sent: 'sent',
	delivered: 'delivered',
	read: 'delivered',
	undelivered: 'failed',
	failed: 'failed',
	canceled: 'failed'
};

export interface TwilioConfig {
	accountSid: string;
	authToken: string;
	/** our number in E.164, an alphanumeric sender id, or a Messaging Service SID (MG…) */
	from: string;
	/** scheme://host[:port] of the API, no trailing slash */
	apiBase: string;
	/** the full URL Twilio posts status callbacks to; none: no delivery reports */
	statusCallbackUrl?: string;
	/** how long a send waits for Twilio's answer */
	timeoutMs?: number;
}

type Env = Record<string, string | undefined>;

/**
 * The Twilio channel from the environment: null unless SMS_PROVIDER=twilio; with it, every one of
 * TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM is needed (else ChannelConfigError).
 * TWILIO_API_BASE defaults to Twilio's own; the status callback goes to {ORIGIN}/api/sms/status.
 */
export function twilioFromEnv(env: Env = process.env): SmsChannelAdapter | null {
	if (env.SMS_PROVIDER?.trim().toLowerCase() !== 'twilio') return null;
	const need = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const;
	const missing = need.filter((k) => !env[k]?.trim());
	if (missing.length > 0)
		throw new ChannelConfigError(`SMS_PROVIDER=twilio needs ${missing.join(', ')}.`);
	const apiBase = (env.TWILIO_API_BASE?.trim() || TWILIO_DEFAULT_API_BASE).replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]+$/.test(apiBase))
		throw new ChannelConfigError(
			`TWILIO_API_BASE must be scheme://host[:port], not "${env.TWILIO_API_BASE}".`
		);
	const origin = env.ORIGIN?.trim().replace(/\/+$/, '');
	return createTwilioChannel({
		accountSid: env.TWILIO_ACCOUNT_SID!.trim(),
		authToken: env.TWILIO_AUTH_TOKEN!.trim(),
		from: env.TWILIO_FROM!.trim(),
		apiBase,
		statusCallbackUrl: origin ? `${origin}${SMS_STATUS_PATH}` : undefined
	});
}

/** The POST parameters of a callback body (a malformed body is read as far as it goes). */
function formParams(body: string): [string, string][] {
	return [...new URLSearchParams(body)];
}

/**
 * Twilio's signature of a POST to `url` with these parameters: names sorted, and a name given more
 * than once with its distinct values sorted (as Twilio's own libraries compute it).
 */
export function twilioSignature(
	authToken: string,
	url: string,
	params: [string, string][]
): string {
	const byName = new Map<string, Set<string>>();
	for (const [k, v] of params) {
		if (!byName.has(k)) byName.set(k, new Set());
		byName.get(k)!.add(v);
	}
	let data = url;
	for (const k of [...byName.keys()].sort())
		for (const v of [...byName.get(k)!].sort()) data += k + v;
	return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The URL as Twilio may have signed it: with its port written out, and without any port. */
function urlVariants(url: string): string[] {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return [url];
	}
	const tail = `${u.pathname}${u.search}`;
	const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : '';
	const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
	return [
		`${u.protocol}//${auth}${u.hostname}${tail}`,
		`${u.protocol}//${auth}${u.hostname}${port ? `:${port}` : ''}${tail}`
	];
}

function sameSignature(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** Does this request carry Twilio's valid signature for this auth token? */
export function verifyTwilioSignature(authToken: string, req: CallbackRequest): boolean {
	const given = req.headers.get('x-twilio-signature');
	if (!given) return false;
	const params = formParams(req.body);
	return urlVariants(req.url).some((u) =>
		sameSignature(given, twilioSignature(authToken, u, params))
	);
}

/** A status callback as a delivery report (none when it is not one, e.g. an inbound SMS). */
export function parseTwilioReport(body: string): DeliveryReport[] {
	const p = new URLSearchParams(body);
	const sid = p.get('MessageSid') ?? p.get('SmsSid');
	const raw = (p.get('MessageStatus') ?? p.get('SmsStatus') ?? '').toLowerCase();
	if (!sid || !Object.hasOwn(STATUS, raw)) return [];
	const status = STATUS[raw];
	const code = p.get('ErrorCode')?.trim() || undefined;
	if (status !== 'failed') return [{ providerId: sid, status }];
	return [
		{
			providerId: sid,
			status,
			addressInvalid: code !== undefined && TWILIO_INVALID_NUMBER_CODES.has(code),
			detail: `twilio_${code && /^\d{1,6}$/.test(code) ? code : raw}`
		}
	];
}

/** An inbound SMS (Twilio's messaging webhook), or null. */
export function parseTwilioInbound(body: string): InboundSms | null {
	const p = new URLSearchParams(body);
	const from = p.get('From');
	const text = p.get('Body');
	if (!from || text === null) return null;
	return { from, text };
}

/** Is a fetch failure one where the request certainly never reached the server? */
function neverSent(e: unknown): boolean {
	const code = (e as { cause?: { code?: unknown } })?.cause?.code;
	return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

export function createTwilioChannel(cfg: TwilioConfig): SmsChannelAdapter {
	const endpoint = `${cfg.apiBase}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`;
	const auth = `Basic ${Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')}`;
	const timeoutMs = cfg.timeoutMs ?? 15_000;
	return {
		channel: 'sms',
		inboundAnswer: {
			contentType: 'text/xml; charset=utf-8',
			body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
		},

		async send(m: OutgoingMessage): Promise<SendOutcome> {
			const to = toE164(m.to);
			if (!to) return { ok: false, error: 'invalid_number', permanent: true };
			if (smsParts(m.text).parts > MAX_SMS_PARTS)
				return { ok: false, error: 'sms_too_long', permanent: true };
			const form = new URLSearchParams({ To: to, Body: m.text });
			form.set(/^MG[0-9a-f]{32}$/i.test(cfg.from) ? 'MessagingServiceSid' : 'From', cfg.from);
			if (cfg.statusCallbackUrl) form.set('StatusCallback', cfg.statusCallbackUrl);
			let res: Response;
			let answer: { sid?: unknown; code?: unknown } | null;
			try {
				res = await fetch(endpoint, {
					method: 'POST',
					headers: {
						Authorization: auth,
						'Content-Type': 'application/x-www-form-urlencoded',
						Accept: 'application/json'
					},
					body: form,
					signal: AbortSignal.timeout(timeoutMs)
				});
				answer = (await res.json().catch(() => null)) as typeof answer;
			} catch (e) {
				if (neverSent(e)) return { ok: false, error: 'twilio_unreachable', permanent: false };
				throw new SendOutcomeUnknownError('twilio: no answer to a send');
			}
			if (res.ok && typeof answer?.sid === 'string' && answer.sid)
				return { ok: true, providerId: answer.sid };
			// a 5xx or an answer without a sid: Twilio may have taken the message
			if (res.ok || res.status >= 500)
				throw new SendOutcomeUnknownError(`twilio: answer ${res.status} without a message`);
			// 4xx: Twilio refused it and created nothing
			const code = answer?.code === undefined ? undefined : String(answer.code);
			if (code !== undefined && TWILIO_INVALID_NUMBER_CODES.has(code))
				return { ok: false, error: 'invalid_number', permanent: true };
			// our account, its credentials or a rate limit: fixing that and trying again helps;
			// any other refusal (a recipient who opted out, 21610) would be refused again
			const transient =
				res.status === 401 || res.status === 403 || res.status === 404 || res.status === 429;
			return {
				ok: false,
				error: `twilio_${code && /^\d{1,6}$/.test(code) ? code : res.status}`,
				permanent: !transient
			};
		},

		verifyCallback(req: CallbackRequest): boolean {
			return verifyTwilioSignature(cfg.authToken, req);
		},

		parseReport(req: CallbackRequest): DeliveryReport[] {
			return parseTwilioReport(req.body);
		},

		parseInbound(req: CallbackRequest): InboundSms | null {
			return parseTwilioInbound(req.body);
		}
	};
}
