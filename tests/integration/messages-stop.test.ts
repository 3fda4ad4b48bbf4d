/**
 * C8 with the real channels: an SMS reply STOP changes the next step's channel. The first reminder
 * leaves by SMS (Rendez's Twilio client against the local Twilio-shaped server); the debtor
 * answers STOP (the signed inbound callback the server receives); the next message, queued for
 * SMS, goes by e-mail (a real SMTP server on loopback) at send time, and no SMS leaves again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { startSmtp, type SmtpHarness } from '../helpers/smtp';
import { startTwilioCatcher, type TwilioCatcher } from '../../scripts/catchers/twilio-server';
import { createEmailChannel, type EmailChannel } from '../../src/lib/server/channels/email';
import { createTwilioChannel } from '../../src/lib/server/channels/twilio';
import { smsInboundResponse } from '../../src/lib/server/channels/sms-callbacks';
import { dispatchOnce } from '../../src/lib/server/services/dispatcher';
import { enqueue } from '../../src/lib/server/services/outbox';
import { clock } from '../../src/lib/server/clock';
import type { SmsChannelAdapter } from '../../src/lib/server/channels/sms-adapter';
import type { DB } from '../../src/lib/server/db/client';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'stop-test-token';
let smtp: SmtpHarness;
let email: EmailChannel;
let twilio: TwilioCatcher;
let sms: SmsChannelAdapter;
let app: http.Server;
let db: DB;

/** The app's inbound SMS route, as the SvelteKit route calls it, on a real HTTP server. */
function startApp(): Promise<http.Server> {
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url}`;
		const request = new Request(url, {
			method: req.method,
			headers: req.headers as Record<string, string>,
			body: Buffer.concat(chunks)
		});
		const out = await smsInboundResponse(() => db, sms, request, url);
		res.writeHead(out.status, Object.fromEntries(out.headers));
		res.end(Buffer.from(await out.arrayBuffer()));
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
	smtp = await startSmtp();
	email = createEmailChannel({
		smtpUrl: smtp.url,
		from: 'Rendez <ertesites@rendez.test>',
		secret: 'test-message-secret',
		bounceSecret: 'bounce'
	});
	app = await startApp();
	twilio = await startTwilioCatcher({
		accountSid: SID,
		authToken: TOKEN,
		inboundUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/sms/inbound`
	});
	sms = createTwilioChannel({
		accountSid: SID,
		authToken: TOKEN,
		from: '+36301110000',
		apiBase: twilio.url
	});
});
afterAll(async () => {
	await email.close?.();
	await smtp.close();
	await twilio.close();
	await new Promise((r) => app.close(r));
});

it('C8: after a STOP reply the next message goes by e-mail, never SMS again', async () => {
	({ db } = testDb('2026-03-03', 10));
	const cr = makeCreditor(db);
	const debtorId = makeDebtor(db, 'Teszt Elek', {
		phone: '06 30 123 4567',
		email: 'teszt.elek@example.com'
	});
	const claimId = makeClaim(db, cr, debtorId, { principal: 10_000_000 });
	db.$client
		.prepare(
			`INSERT INTO contact_preferences (debtor_id, preferred_channel, language, updated_at) VALUES (?, 'sms', 'hu', 0)`
		)
		.run(debtorId);
	const queue = (n: number) =>
		enqueue(db, {
			debtorId,
			claimId,
			template: 'installment_reminder',
			dedupeKey: `stop-test:${n}`,
			now: clock().now()
		});
	const channels = { email, sms };
	const origin = 'https://portal.rendez.test';
	queue(1);
	expect((await dispatchOnce(db, { channels, origin })).sent).toBe(1);
	expect(twilio.sent.map((m) => m.to)).toEqual(['+36301234567']);

	// the reply STOP, as Twilio posts it to our inbound webhook (signed)
	const r = await twilio.inbound('+36301234567', 'Stop');
	expect(r.status).toBe(200);
	expect(
		scalar(db, 'SELECT opt_out_sms FROM contact_preferences WHERE debtor_id = ?', debtorId)
	).toBe(1);

	queue(2);
	expect((await dispatchOnce(db, { channels, origin })).sent).toBe(1);
	expect(twilio.sent).toHaveLength(1);
	const [mail] = await smtp.waitFor(1);
	expect(mail.envelopeTo).toEqual(['teszt.elek@example.com']);
});
