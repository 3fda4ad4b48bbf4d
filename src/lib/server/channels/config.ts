/**
 * Whether this server may start as its message channels are configured (issue 17). A production
 * server with no channel at all would plan reminders that never leave, so it refuses to start
 * unless MESSAGES=off says that is meant; a channel whose settings are wrong stops it too. The
 * demo starts its own catchers and configures both channels; development and tests need nothing.
 */
import { ChannelConfigError } from './sms-adapter';
import { smsFromEnv } from './sms';

type Env = Record<string, string | undefined>;

/** The one line to print when the messages configuration stops a server, else null. */
export function messagesConfigProblem(env: Env = process.env): string | null {
	const mode = env.MESSAGES?.trim().toLowerCase() ?? '';
	if (mode !== '' && mode !== 'off')
		return `MESSAGES must be "off" or unset, not "${env.MESSAGES}".`;
	try {
		smsFromEnv(env);
	} catch (e) {
		if (e instanceof ChannelConfigError) return `Rendez will not start: ${e.message}`;
		throw e;
	}
	if (env.NODE_ENV !== 'production') return null;
	// each SMS asks for its delivery reports at {ORIGIN}/api/sms/status: without it none come back
	if (env.SMS_PROVIDER?.trim() && !env.ORIGIN?.trim())
		return 'Rendez will not start: SMS_PROVIDER needs ORIGIN, the public URL the delivery reports come back to.';
	if (mode === 'off') return null;
	if (env.SMTP_URL?.trim() || env.SMS_PROVIDER?.trim()) return null;
	return 'Rendez will not start: no message channel is configured. Set SMTP_URL (e-mail) and/or SMS_PROVIDER=twilio with TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM, or MESSAGES=off to run without sending messages.';
}
