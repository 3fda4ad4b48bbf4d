/** The SMS provider's delivery reports (Twilio's StatusCallback): channels/sms-callbacks.ts. */
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { smsChannel } from '$lib/server/channels/sms';
import { smsStatusResponse } from '$lib/server/channels/sms-callbacks';

export const POST: RequestHandler = ({ request, url }) =>
	smsStatusResponse(getDb, smsChannel(), request, url.href);
