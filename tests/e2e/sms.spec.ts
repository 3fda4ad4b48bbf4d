/**
 * The SMS channel's edges on the built server, as production runs it (issue 17): a server with no
 * message channel refuses to start; the SMS provider's callbacks (form posts from its own servers,
 * no Origin) get past the cross-site form check and are judged by their signature alone.
 */
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startTwilioCatcher } from '../../scripts/catchers/twilio-server';
import { E2E_DB, extraPort, extraServer, serverExit } from './access-helpers';

const SID = 'AC' + 'e2e'.padEnd(32, '0');
const TOKEN = 'e2e-twilio-token';

test('a production server with no message channel refuses to start, with one clear line', async () => {
	const port = extraPort(9);
	const env: Record<string, string | undefined> = {
		...process.env,
		DATABASE_URL: E2E_DB,
		PORT: String(port),
		ORIGIN: `http://localhost:${port}`,
		PAYMENT_GATEWAY: 'demo',
		NODE_ENV: 'production',
		RENDEZ_QUIET: '1',
		RENDEZ_DAILY_TIMER: '0'
	};
	for (const k of ['MESSAGES', 'SMTP_URL', 'SMS_PROVIDER']) delete env[k];
	const { code, stderr } = await serverExit(process.env.E2E_BUILD_DIR ?? 'build', env);
	expect(code, stderr).toBe(1);
	const lines = stderr.split('\n').filter((l) => l.trim() !== '');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toContain('no message channel is configured');
	expect(lines[0]).toContain('MESSAGES=off');
});

test('the SMS provider’s signed callbacks reach the built server; a forged one is refused', async () => {
	test.setTimeout(90_000);
	const port = extraPort(9);
	const origin = `http://localhost:${port}`;
	const catcher = await startTwilioCatcher({
		accountSid: SID,
		authToken: TOKEN,
		inboundUrl: `${origin}/api/sms/inbound`
	});
	const srv = await extraServer(port, {
		ORIGIN: origin,
		NODE_ENV: 'production',
		MESSAGES: '',
		SMS_PROVIDER: 'twilio',
		TWILIO_ACCOUNT_SID: SID,
		TWILIO_AUTH_TOKEN: TOKEN,
		TWILIO_FROM: '+3612345678',
		TWILIO_API_BASE: catcher.url,
		RENDEZ_DAILY_TIMER: '0'
	});
	const db = new Database(E2E_DB);
	try {
		// a debtor of our own, and an SMS to them as the dispatcher would have sent it
		const number = '+36709' + String(Date.now()).slice(-6);
		const now = Date.now();
		const debtorId = Number(
			db
				.prepare(
					`INSERT INTO debtors (kind, name, birth_date, postal_code, city, address, phone, created_at)
					 VALUES ('person', 'SMS Teszt', '1980-01-01', '1051', 'Budapest', 'Példa u. 2.', ?, ?)`
				)
				.run(number, now).lastInsertRowid
		);
		const api = await fetch(`${catcher.url}/2010-04-01/Accounts/${SID}/Messages.json`, {
			method: 'POST',
			headers: {
				Authorization: `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`,
				'Content-Type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				To: number,
				From: '+3612345678',
				Body: 'Rendez: teszt. Leiratkozás: STOP',
				StatusCallback: `${origin}/api/sms/status`
			})
		});
		expect(api.status).toBe(201);
		const { sid } = (await api.json()) as { sid: string };
		const messageId = Number(
			db
				.prepare(
					`INSERT INTO messages (debtor_id, channel, template_key, language, source, dedupe_key, to_address,
					   body, provider_id, status, scheduled_at, sent_at, created_at, updated_at)
					 VALUES (?, 'sms', 'friendly.reminder', 'hu', 'staff', ?, ?, 'x', ?, 'sent', ?, ?, ?, ?)`
				)
				.run(debtorId, `e2e-sms-${sid}`, number, sid, now, now, now, now).lastInsertRowid
		);
		const status = () =>
			(db.prepare('SELECT status FROM messages WHERE id = ?').get(messageId) as { status: string })
				.status;

		// forged: refused by the signature check, not by the cross-site form check
		const forged = await fetch(`${origin}/api/sms/status`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-Twilio-Signature': 'forged='
			},
			body: new URLSearchParams({ MessageSid: sid, MessageStatus: 'delivered' })
		});
		expect(forged.status).toBe(403);
		expect(await forged.text()).not.toMatch(/Cross-site/);
		expect(status()).toBe('sent');

		// signed, out of order and twice: delivered stays delivered
		expect(await catcher.report(sid, 'delivered')).toBe(200);
		expect(await catcher.report(sid, 'sent')).toBe(200);
		expect(await catcher.report(sid, 'delivered')).toBe(200);
		expect(status()).toBe('delivered');

		// a malformed body is never a 500
		const junk = await fetch(`${origin}/api/sms/inbound`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: '%%%&=&&'
		});
		expect(junk.status).toBe(403);

		// C8: a STOP reply opts the debtor out of SMS at once
		const stop = await catcher.inbound(number, 'STOP');
		expect(stop.status).toBe(200);
		expect(stop.body).toContain('<Response></Response>');
		const pref = db
			.prepare('SELECT opt_out_sms AS optOut FROM contact_preferences WHERE debtor_id = ?')
			.get(debtorId) as { optOut: number } | undefined;
		expect(pref?.optOut).toBe(1);

		// everything else keeps the cross-site form check
		const other = await fetch(`${origin}/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'email=a&password=b'
		});
		expect(other.status).toBe(403);
		expect(await other.text()).toBe('Cross-site POST form submissions are forbidden');
	} finally {
		db.close();
		srv.stop();
		await catcher.close();
	}
});
