/**
 * The channels this server sends through, from the environment: e-mail when SMTP_URL is set;
 * SMS when its provider is configured (`twilioFromEnv()` of channels/twilio.ts, wired in here);
 * letters are never "sent" by a channel (they go out in the daily print batch).
 */
import type { MessageChannel } from '$lib/domain/messages';
import type { MessageChannelAdapter } from './types';
import { emailFromEnv } from './email';

export type Channels = Partial<Record<MessageChannel, MessageChannelAdapter>>;

type Env = Record<string, string | undefined>;

/** SMS adapters by provider; the lead wires `twilioFromEnv` in at merge. */
const smsProviders: ((env: Env) => MessageChannelAdapter | null)[] = [];

export function channelsFromEnv(env: Env = process.env): Channels {
	const out: Channels = {};
	const email = emailFromEnv(env);
	if (email) out.email = email;
	for (const make of smsProviders) {
		const sms = make(env);
		if (sms) {
			out.sms = sms;
			break;
		}
	}
	return out;
}

let shared: Channels | undefined;

/** The process's channels (made once, on first use). */
export function channels(): Channels {
	shared ??= channelsFromEnv();
	return shared;
}

/** Tests and scripts: use these channels instead of the environment's. */
export function setChannels(c: Channels | undefined): void {
	shared = c;
}

export async function closeChannels(c: Channels): Promise<void> {
	for (const a of Object.values(c)) await a?.close?.();
}
