/**
 * The channels this server sends through, from the environment: e-mail when SMTP_URL is set;
 * SMS when SMS_PROVIDER names a provider (channels/sms.ts: Twilio's API shape today);
 * letters are never "sent" by a channel (they go out in the daily print batch).
 */
import type { MessageChannel } from '$lib/domain/messages';
import type { MessageChannelAdapter } from './types';
import { emailFromEnv } from './email';
import { smsFromEnv } from './sms';
import { ChannelConfigError } from './sms-adapter';

export type Channels = Partial<Record<MessageChannel, MessageChannelAdapter>>;

type Env = Record<string, string | undefined>;

export function channelsFromEnv(env: Env = process.env): Channels {
	const out: Channels = {};
	const email = emailFromEnv(env);
	if (email) out.email = email;
	// a wrong SMS setting has stopped a built server at start (config.ts); here it means no SMS
	try {
		const sms = smsFromEnv(env);
		if (sms) out.sms = sms;
	} catch (e) {
		if (!(e instanceof ChannelConfigError)) throw e;
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

/** The public origin links in messages are built from (ORIGIN; the local server otherwise). */
export function publicOrigin(env: Env = process.env): string {
	return (env.ORIGIN || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, '');
}

/**
 * Why a built server must not start with this message configuration, or null. E-mail's links and
 * bounce addresses are signed with RENDEZ_MESSAGE_SECRET: a production server sending e-mail
 * without it would sign with a value anyone can read in the source.
 */
export function messageConfigProblem(env: Env = process.env): string | null {
	if (env.SMTP_URL && !env.RENDEZ_MESSAGE_SECRET)
		return 'SMTP_URL is set but RENDEZ_MESSAGE_SECRET is not: set it to a long random value (it signs unsubscribe links and bounce addresses). The server will not start.';
	if (env.SMTP_URL && !env.MAIL_FROM)
		return 'SMTP_URL is set but MAIL_FROM is not: set the sender, e.g. "Rendez <ertesites@rendez.example.hu>". The server will not start.';
	return null;
}
