/**
 * What an SMS provider adds to the common channel interface (types.ts): replies come back to us
 * (an SMS "STOP" opts the debtor out of SMS at once, C8), and the provider wants its own answer to
 * an inbound message. One provider per file (twilio.ts); `sms.ts` picks it from SMS_PROVIDER.
 */
import type { CallbackRequest, MessageChannelAdapter } from './types';

/** an SMS someone sent to our number */
export interface InboundSms {
	/** the sender's number as the provider gives it (E.164 for Twilio) */
	from: string;
	text: string;
}

export interface SmsChannelAdapter extends MessageChannelAdapter {
	readonly channel: 'sms';
	/** the reply in a verified inbound callback, or null when it is something else */
	parseInbound(req: CallbackRequest): InboundSms | null;
	/** what the provider expects as the answer to an inbound callback (no reply is sent) */
	readonly inboundAnswer: { contentType: string; body: string };
}

/** A channel's settings are present but wrong or incomplete: one line for the operator. */
export class ChannelConfigError extends Error {}

/**
 * A send whose outcome nobody knows: the request may have reached the provider, but no usable
 * answer came (a timeout, a dropped connection, a 5xx). The message may already be on its way, so
 * it must not be sent again by itself: the dispatcher records it as `unknown`.
 */
export class SendOutcomeUnknownError extends Error {}
