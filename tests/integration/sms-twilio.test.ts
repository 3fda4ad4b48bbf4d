/**
 * The SMS channel end to end over real HTTP (issue 17): Rendez's Twilio client (twilioFromEnv)
 * sends to a local Twilio-shaped server (scripts/catchers/twilio-server.ts), which calls back
 * signed, as Twilio does, to a small HTTP server running the callback routes' own handlers
 * (channels/sms-callbacks.ts) on a real SQLite database.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, manualClock } from '../helpers/db';
import { makeCreditor, makeClaim, makeDebtor } from '../helpers/portal-fixtures';
import { startSmsApp, type SmsApp } from '../helpers/sms-app';
import {
	signTwilio,
	startTwilioCatcher,
	type TwilioCatcher
} from '../../scripts/catchers/twilio-server';
import { twilioFromEnv } from '../../src/lib/server/channels/twilio';
import {
	SendOutcomeUnknownError,
	type SmsChannelAdapter
} from '../../src/lib/server/channels/sms-adapter';
import type { DB } from '../../src/lib/server/db/client';
import { messages } from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import { eq } from 'drizzle-orm';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'twilio-test-auth-token';

let db: DB;
let catcher: TwilioCatcher;
let app: SmsApp;
let origin: string;
let sms: SmsChannelAdapter;
let adapterForApp: SmsChannelAdapter | null;

beforeAll(async () => {
	app = await startSmsApp(
		() => db,
		() => adapterForApp
	);
	origin = app.origin;
	catcher = await startTwilioCatcher({
		accountSid: SID,
		authToken: TOKEN,
		inboundUrl: `${origin}/api/sms/inbound`
	});
	sms = twilioFromEnv({
		SMS_PROVIDER: 'twilio',
		TWILIO_ACCOUNT_SID: SID,
		TWILIO_AUTH_TOKEN: TOKEN,
		TWILIO_FROM: '+3612345678',
		TWILIO_API_BASE: catcher.url,
		ORIGIN: origin
	})!;
});

afterAll(async () => {
	await catcher.close();
	await app.close();
});

let debtorId: number;
let claimId: number;
let seq = 0;

beforeEach(() => {
	manualClock('2026-03-02', 10);
	db = freshDb();
	adapterForApp = sms;
	const cr = makeCreditor(db);
	debtorId = makeDebtor(db, 'Teszt Elek', { phone: '06 30 123 4567' });
	claimId = makeClaim(db, cr, debtorId, { principal: 100_000 });
});

/** Sends an SMS through the real client and records it as the dispatcher does. */
async function sendOne(
	to = '06 30 123 4567',
	text = 'Rendez: nézze meg: https://r.example/p/x Leiratkozás: STOP'
) {
	const out = await sms.send({ messageId: ++seq, to, lang: 'hu', text });
	if (!out.ok) throw new Error(out.error);
	const now = clock().now();
	const m = db
		.insert(messages)
		.values({
			debtorId,
			claimId,
			channel: 'sms',
			templateKey: 'friendly.reminder',
			lang: 'hu',
			source: 'engine',
			dedupeKey: `test-${seq}`,
			toAddress: '+36301234567',
			body: text,
			providerId: out.providerId,
			status: 'sent',
			scheduledAt: now,
			sentAt: now,
			createdAt: now,
			updatedAt: now
		})
		.returning()
		.get();
	return { id: m.id, sid: out.providerId };
}

/** a port nothing listens on */
async function closedPort(): Promise<number> {
	const s = http.createServer();
	await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
	const port = (s.address() as AddressInfo).port;
	await new Promise((r) => s.close(r));
	return port;
}

const statusOf = (id: number) =>
	db.select().from(messages).where(eq(messages.id, id)).get()!.status;
const prefs = () =>
	db.$client
		.prepare(
			'SELECT opt_out_sms AS optOut, phone_invalid AS invalid FROM contact_preferences WHERE debtor_id = ?'
		)
		.get(debtorId) as { optOut: number; invalid: number } | undefined;
const audits = (id: number) => {
	return db.$client
		.prepare(`SELECT action FROM audit_log WHERE entity = 'message' AND entity_id = ? ORDER BY id`)
		.all(String(id))
		.map((r) => (r as { action: string }).action);
};

describe('Twilio channel against a Twilio-shaped server', () => {
	it('sends form-encoded with basic auth: the number in E.164, our status callback, and keeps Twilio’s sid', async () => {
		const { sid } = await sendOne();
		expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
		const caught = catcher.sent.at(-1)!;
		expect(caught).toMatchObject({
			sid,
			to: '+36301234567',
			from: '+3612345678',
			body: 'Rendez: nézze meg: https://r.example/p/x Leiratkozás: STOP',
			statusCallback: `${origin}/api/sms/status`
		});
	});

	it('a signed "delivered" report settles the message', async () => {
		const { id, sid } = await sendOne();
		expect(await catcher.report(sid, 'delivered')).toBe(200);
		expect(statusOf(id)).toBe('delivered');
		expect(audits(id)).toEqual(['message.delivered']);
	});

	it('a callback with a wrong or missing signature is refused (403) and changes nothing', async () => {
		const { id, sid } = await sendOne();
		expect(await catcher.report(sid, 'delivered', { signature: 'forged+signature=' })).toBe(403);
		expect(await catcher.report(sid, 'failed', { signature: '' })).toBe(403);
		// signed with another account's token
		const other = await startTwilioCatcher({ accountSid: SID, authToken: 'someone-else' });
		try {
			const theirs = await other.inbound('+36301234567', 'STOP', {
				url: `${origin}/api/sms/inbound`
			});
			expect(theirs.status).toBe(403);
		} finally {
			await other.close();
		}
		expect(statusOf(id)).toBe('sent');
		expect(prefs()?.optOut ?? 0).toBe(0);
		expect(audits(id)).toEqual([]);
	});

	it('out of order (delivered before sent) and duplicated reports leave the status forward-only', async () => {
		const { id, sid } = await sendOne();
		expect(await catcher.report(sid, 'delivered')).toBe(200);
		expect(await catcher.report(sid, 'sent')).toBe(200);
		expect(await catcher.report(sid, 'queued')).toBe(200);
		expect(await catcher.report(sid, 'delivered')).toBe(200);
		expect(await catcher.report(sid, 'undelivered', { errorCode: '30003' })).toBe(200);
		expect(statusOf(id)).toBe('delivered');
		expect(audits(id)).toEqual(['message.delivered']);
	});

	it('a failed report with an invalid-number code marks the debtor’s phone invalid', async () => {
		const { id, sid } = await sendOne();
		expect(prefs()?.invalid ?? 0).toBe(0);
		expect(await catcher.report(sid, 'failed', { errorCode: '21211' })).toBe(200);
		expect(statusOf(id)).toBe('failed');
		expect(prefs()?.invalid).toBe(1);
		const row = db.select().from(messages).where(eq(messages.id, id)).get()!;
		expect(row.statusReason).toBe('twilio_21211');
	});

	it('a failure that is not about the number leaves the phone valid', async () => {
		const { id, sid } = await sendOne();
		expect(await catcher.report(sid, 'undelivered', { errorCode: '30003' })).toBe(200);
		expect(statusOf(id)).toBe('failed');
		expect(prefs()?.invalid ?? 0).toBe(0);
	});

	it('C8: an SMS reply STOP opts the debtor out of SMS at once', async () => {
		await sendOne();
		const res = await catcher.inbound('+36301234567', ' stop ');
		expect(res.status).toBe(200);
		expect(res.contentType).toMatch(/^text\/xml/);
		expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
		expect(prefs()?.optOut).toBe(1);
		const a = db.$client
			.prepare(`SELECT action FROM audit_log WHERE entity = 'debtor' AND entity_id = ?`)
			.all(String(debtorId)) as { action: string }[];
		expect(a.map((r) => r.action)).toContain('contact_preferences.sms_stop');
	});

	it('any other reply, or a STOP from a number we never wrote to, changes nothing', async () => {
		await sendOne();
		expect((await catcher.inbound('+36301234567', 'Köszönöm, holnap fizetek')).status).toBe(200);
		expect((await catcher.inbound('+36709999999', 'STOP')).status).toBe(200);
		expect(prefs()?.optOut ?? 0).toBe(0);
	});

	it('a report about a message we never sent, or a signed body that says nothing, is answered 200', async () => {
		await sendOne();
		const other = await startTwilioCatcher({ accountSid: SID, authToken: TOKEN });
		try {
			// a signed inbound-shaped body posted to the status URL: no report in it
			expect(
				(await other.inbound('+36301234567', 'hello', { url: `${origin}/api/sms/status` })).status
			).toBe(200);
		} finally {
			await other.close();
		}
		// a malformed body with a valid signature: nothing to act on, 200 (never a 500)
		const junk = '%%%&&=&MessageSid&MessageStatus=delivered';
		const url = `${origin}/api/sms/status`;
		const signed = await fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'X-Twilio-Signature': signTwilio(TOKEN, url, Object.fromEntries(new URLSearchParams(junk)))
			},
			body: junk
		});
		expect(signed.status).toBe(200);
		const res = await fetch(`${origin}/api/sms/status`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': 'x' },
			body: '%%%&&=&MessageSid'
		});
		expect(res.status).toBe(403);
	});

	it('without an SMS channel the callbacks answer 503, body unread', async () => {
		adapterForApp = null;
		const { sid } = await sendOne();
		expect(await catcher.report(sid, 'delivered')).toBe(503);
	});
});

describe('Twilio channel refusals', () => {
	it('Twilio refusing an invalid number: a permanent "invalid_number"', async () => {
		catcher.refuseNext(21211);
		expect(await sms.send({ messageId: 1, to: '+36301234567', lang: 'hu', text: 'x' })).toEqual({
			ok: false,
			error: 'invalid_number',
			permanent: true
		});
	});

	it('a rate limit or a credentials problem is not permanent; an opted-out recipient is', async () => {
		catcher.refuseNext(20429, 429);
		expect(await sms.send({ messageId: 1, to: '+36301234567', lang: 'hu', text: 'x' })).toEqual({
			ok: false,
			error: 'twilio_20429',
			permanent: false
		});
		const wrong = twilioFromEnv({
			SMS_PROVIDER: 'twilio',
			TWILIO_ACCOUNT_SID: SID,
			TWILIO_AUTH_TOKEN: 'wrong',
			TWILIO_FROM: '+3612345678',
			TWILIO_API_BASE: catcher.url
		})!;
		expect(await wrong.send({ messageId: 1, to: '+36301234567', lang: 'hu', text: 'x' })).toEqual({
			ok: false,
			error: 'twilio_20003',
			permanent: false
		});
		catcher.refuseNext(21610);
		expect(
			await sms.send({ messageId: 1, to: '+36301234567', lang: 'hu', text: 'x' })
		).toMatchObject({ ok: false, permanent: true });
	});

	it('refuses without a request: a number that is not one, and a text over two parts', async () => {
		const before = catcher.sent.length;
		expect(await sms.send({ messageId: 1, to: '06 30 123', lang: 'hu', text: 'x' })).toEqual({
			ok: false,
			error: 'invalid_number',
			permanent: true
		});
		// Hungarian accents: UCS-2, 67 characters a part when split; 135 characters are three parts
		const long = 'ő'.repeat(135);
		expect(await sms.send({ messageId: 1, to: '+36301234567', lang: 'hu', text: long })).toEqual({
			ok: false,
			error: 'sms_too_long',
			permanent: true
		});
		expect(catcher.sent.length).toBe(before);
		// two parts are fine
		const two = await sms.send({
			messageId: 1,
			to: '+36301234567',
			lang: 'hu',
			text: 'ő'.repeat(134)
		});
		expect(two.ok).toBe(true);
	});

	it('no server at all: not sent, may be tried again; a server that takes it and never answers: outcome unknown', async () => {
		const down = twilioFromEnv({
			SMS_PROVIDER: 'twilio',
			TWILIO_ACCOUNT_SID: SID,
			TWILIO_AUTH_TOKEN: TOKEN,
			TWILIO_FROM: '+3612345678',
			TWILIO_API_BASE: `http://127.0.0.1:${await closedPort()}`
		})!;
		expect(await down.send({ messageId: 1, to: '+36301234567', lang: 'hu', text: 'x' })).toEqual({
			ok: false,
			error: 'twilio_unreachable',
			permanent: false
		});
		const silent = http.createServer((req) => req.resume());
		await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
		try {
			const { createTwilioChannel } = await import('../../src/lib/server/channels/twilio');
			const hanging = createTwilioChannel({
				accountSid: SID,
				authToken: TOKEN,
				from: '+3612345678',
				apiBase: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
				timeoutMs: 300
			});
			await expect(
				hanging.send({ messageId: 1, to: '+36301234567', lang: 'hu', text: 'x' })
			).rejects.toBeInstanceOf(SendOutcomeUnknownError);
		} finally {
			silent.closeAllConnections();
			silent.close();
		}
	});
});
