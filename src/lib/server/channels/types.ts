/**
 * One interface for every way a message leaves Rendez (issue 17, item 1). The dispatcher knows
 * only this: it hands a rendered message to the channel of its kind and records what came back.
 * A provider's delivery reports come back through a route that asks the same channel to verify
 * the report's signature and parse it; `services/deliveries.ts` then moves the message's status.
 * Another provider (a Hungarian SMS gateway, another mail relay) is one more file like these.
 */
import type { Lang, MessageChannel } from '$lib/domain/messages';

/** A message rendered and ready to leave: the exact text that is stored with it. */
export interface OutgoingMessage {
	/** our id of the message (messages.id): the e-mail's Message-ID and bounce address carry it */
	messageId: number;
	/** e-mail address, phone number (E.164) or the postal address's lines joined by newlines */
	to: string;
	lang: Lang;
	/** e-mail subject, letter heading */
	subject?: string;
	text: string;
	html?: string;
	/** e-mail only: the one-click unsubscribe URL (List-Unsubscribe, RFC 8058) */
	unsubscribeUrl?: string;
}

/**
 * What the channel says at hand-over. `providerId` matches later delivery reports. A refusal is
 * `permanent` when trying again cannot help (an invalid number, a rejected address).
 */
export type SendOutcome =
	| { ok: true; providerId: string }
	| {
			ok: false;
			error: string;
			permanent: boolean;
			/** the refusal was of the address itself (an SMTP 5xx to RCPT TO, an unknown number) */
			addressInvalid?: boolean;
			/** it may have left all the same (the answer was lost after hand-over): never resent */
			uncertain?: boolean;
	  };

/** One delivery report from a provider, already verified. */
export interface DeliveryReport {
	providerId: string;
	status: 'sent' | 'delivered' | 'failed' | 'bounced' | 'unknown';
	/** a hard failure of the address itself (bounce 5.x.x, unknown number): mark it invalid */
	addressInvalid?: boolean;
	/** provider's code, kept for staff (never personal data) */
	detail?: string;
}

/** An inbound request to a provider callback route, as the route received it. */
export interface CallbackRequest {
	/** the full public URL the provider called (Twilio signs it) */
	url: string;
	headers: Headers;
	/** the raw body */
	body: string;
}

export interface MessageChannelAdapter {
	readonly channel: MessageChannel;
	send(m: OutgoingMessage): Promise<SendOutcome>;
	/** true when the callback carries the provider's valid signature */
	verifyCallback(req: CallbackRequest): boolean;
	/** the delivery reports in a verified callback (none when it is something else) */
	parseReport(req: CallbackRequest): DeliveryReport[];
	close?(): Promise<void>;
}
