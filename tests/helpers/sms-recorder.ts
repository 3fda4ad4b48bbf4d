/**
 * A stand-in SMS channel for the dispatcher's tests (the Twilio-shaped channel and its local
 * server live in channels/twilio.ts): it keeps every SMS handed to it, optionally appends a line
 * per SMS to a file (so processes running side by side can be counted), and answers with an id.
 * It tests the dispatcher's rules, not any provider.
 */
import fs from 'node:fs';
import type { MessageChannelAdapter, OutgoingMessage } from '../../src/lib/server/channels/types';

export interface RecordingSms extends MessageChannelAdapter {
	sent: OutgoingMessage[];
}

export function recordingSms(file?: string): RecordingSms {
	const sent: OutgoingMessage[] = [];
	return {
		channel: 'sms',
		sent,
		async send(m) {
			sent.push(m);
			if (file) fs.appendFileSync(file, `${m.messageId}\n`);
			return { ok: true, providerId: `SM${m.messageId}` };
		},
		verifyCallback: () => false,
		parseReport: () => []
	};
}
