/**
 * POST /api/sms/status and POST /api/sms/inbound, minus the HTTP framework: the provider's
 * signature is checked on the raw body against the full URL it called, then a status report moves
 * the message forward (services/deliveries.ts; duplicates and late reports change nothing) and a
 * "STOP" reply opts the sender out of SMS at once (C8).
 *
 * Answers: 503 when no SMS channel is configured (body unread), 403 on a missing or wrong
 * signature, 400 on a body that cannot be read, else 200 (also for a report about a message we
 * never sent, or a callback we do not act on, so the provider stops retrying). Never a 500 for
 * what a caller sent.
 */
import { toE164 } from '$lib/domain/phone';
import type { DB } from '../db/client';
import { logEvent } from '../log';
import { applyDeliveryReport, applySmsStop, isStopReply } from '../services/deliveries';
import type { CallbackRequest } from './types';
import type { SmsChannelAdapter } from './sms-adapter';

let unconfiguredLogged = false;

async function verified(
	adapter: SmsChannelAdapter | null,
	request: Request,
	url: string
): Promise<CallbackRequest | Response> {
	if (!adapter) {
		if (!unconfiguredLogged) {
			unconfiguredLogged = true;
			logEvent('error', 'sms_callback_unconfigured');
		}
		return new Response('SMS not configured', { status: 503 });
	}
	let body: string;
	try {
		body = await request.text();
	} catch (e) {
		const tooLarge = (e as { status?: unknown })?.status === 413;
		return new Response(tooLarge ? 'too large' : 'bad request', { status: tooLarge ? 413 : 400 });
	}
	const req: CallbackRequest = { url, headers: request.headers, body };
	if (!adapter.verifyCallback(req)) {
		logEvent('warn', 'sms_callback_bad_signature', { path: new URL(url).pathname });
		return new Response('invalid signature', { status: 403 });
	}
	return req;
}

/** A callback route's answer: the request is checked (`verified`), then `handle` acts on it. */
function smsCallback(
	handle: (db: () => DB, adapter: SmsChannelAdapter, req: CallbackRequest) => Response
) {
	return async (
		db: () => DB,
		adapter: SmsChannelAdapter | null,
		request: Request,
		url: string
	): Promise<Response> => {
		const req = await verified(adapter, request, url);
		return req instanceof Response ? req : handle(db, adapter!, req);
	};
}

/** A delivery report: every report in it moves its message forward, if it can. */
export const smsStatusResponse = smsCallback((db, adapter, req) => {
	const conn = db();
	for (const report of adapter.parseReport(req)) applyDeliveryReport(conn, 'sms', report);
	return new Response(null, { status: 200 });
});

/** An SMS to our number: a STOP opts its sender out of SMS; anything else is left alone. */
export const smsInboundResponse = smsCallback((db, adapter, req) => {
	const inbound = adapter.parseInbound(req);
	if (inbound && isStopReply(inbound.text)) {
		const number = toE164(inbound.from) ?? inbound.from;
		const debtorId = applySmsStop(db(), number);
		logEvent('info', 'sms_stop', { matched: debtorId !== null });
	}
	return new Response(adapter.inboundAnswer.body, {
		status: 200,
		headers: { 'Content-Type': adapter.inboundAnswer.contentType }
	});
});
