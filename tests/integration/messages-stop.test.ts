/**
 * C8 with the real channels: an SMS reply STOP changes the next step's channel. The first reminder
 * leaves by SMS (Rendez's Twilio client against the local Twilio-shaped server); the debtor
 * answers STOP (the signed inbound callback the server receives); the next message, queued for
 * SMS, goes by e-mail (a real SMTP server on loopback) at send time, and no SMS leaves again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { useMailer } from '../helpers/messages-fixtures';
import { startSmsApp, type SmsApp } from '../helpers/sms-app';
import { startTwilioCatcher, type TwilioCatcher } from '../../scripts/catchers/twilio-server';
import { createTwilioChannel } from '../../src/lib/server/channels/twilio';
import { dispatchOnce } from '../../src/lib/server/services/dispatcher';
import { enqueue } from '../../src/lib/server/services/outbox';
import { clock } from '../../src/lib/server/clock';
import type { SmsChannelAdapter } from '../../src/lib/server/channels/sms-adapter';
import type { DB } from '../../src/lib/server/db/client';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'stop-test-token';
const mailer = useMailer();
let twilio: TwilioCatcher;
let sms: SmsChannelAdapter;
let app: SmsApp;
let db: DB;

beforeAll(async () => {
	app = await startSmsApp(
		() => db,
		() => sms
	);
	twilio = await startTwilioCatcher({
		accountSid: SID,
		authToken: TOKEN,
		inboundUrl: `${app.origin}/api/sms/inbound`
	});
	sms = createTwilioChannel({
		accountSid: SID,
		authToken: TOKEN,
		from: '+36301110000',
		apiBase: twilio.url
	});
});
afterAll(async () => {
	await twilio.close();
	await app.close();
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
	const channels = { email: mailer.email, sms };
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
	const [mail] = await mailer.smtp.waitFor(1);
	expect(mail.envelopeTo).toEqual(['teszt.elek@example.com']);
});
