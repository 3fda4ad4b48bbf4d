/** SMS sent to our number (Twilio's messaging webhook): a STOP opts out (channels/sms-callbacks.ts). */
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { smsChannel } from '$lib/server/channels/sms';
import { smsInboundResponse } from '$lib/server/channels/sms-callbacks';

export const POST: RequestHandler = ({ request, url }) =>
	smsInboundResponse(getDb, smsChannel(), request, url.href);
