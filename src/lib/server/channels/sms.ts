/**
 * The SMS channel of this server, from SMS_PROVIDER (issue 17). `twilio` is the one provider so
 * far; another is one more file like twilio.ts and one more line here.
 */
import { logEvent } from '../log';
import { ChannelConfigError, type SmsChannelAdapter } from './sms-adapter';
import { twilioFromEnv } from './twilio';

type Env = Record<string, string | undefined>;

export const SMS_PROVIDERS = ['twilio'] as const;

/** null when SMS_PROVIDER is unset; ChannelConfigError when it is set but wrong or incomplete. */
export function smsFromEnv(env: Env = process.env): SmsChannelAdapter | null {
	const provider = env.SMS_PROVIDER?.trim().toLowerCase();
	if (!provider) return null;
	const adapter = twilioFromEnv(env);
	if (adapter) return adapter;
	throw new ChannelConfigError(
		`SMS_PROVIDER must be one of ${SMS_PROVIDERS.join(', ')}, not "${provider}".`
	);
}

let current: { adapter: SmsChannelAdapter | null } | undefined;

/**
 * This process's SMS channel, made once from process.env; null when none is configured, or when its
 * settings are wrong (a production server has already refused to start on that; see config.ts).
 */
export function smsChannel(): SmsChannelAdapter | null {
	if (!current) {
		try {
			current = { adapter: smsFromEnv() };
		} catch (e) {
			if (!(e instanceof ChannelConfigError)) throw e;
			logEvent('error', 'sms_config', { problem: e.message });
			current = { adapter: null };
		}
	}
	return current.adapter;
}
