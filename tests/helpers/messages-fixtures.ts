/**
 * Fixtures for the dispatcher's tests: a debtor with an e-mail address and a phone, an open claim
 * of 123 456 Ft at a named creditor, and contact actions planned for it the way the engine plans
 * them (kind 'contact', a fallback list of channels, a template, a due day); a real SMTP server
 * with the real e-mail channel for the test file (`useMailer`); and message rows as the dispatcher
 * leaves them, for tests of what people see of them (`makeMessage`).
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { clock } from '../../src/lib/server/clock';
import { localDate } from '../../src/lib/domain/clock';
import { createEmailChannel, type EmailChannel } from '../../src/lib/server/channels/email';
import { dispatchOnce, type DispatchOptions } from '../../src/lib/server/services/dispatcher';
import { messages } from '../../src/lib/server/db/schema';
import type { MessageStatus } from '../../src/lib/domain/delivery';
import type { MessageChannel } from '../../src/lib/domain/messages';
import { makeClaim, makeCreditor, makeDebtor } from './portal-fixtures';
import { scalar, testDb } from './db';
import { startSmtp, type SmtpHarness } from './smtp';

export const CREDITOR = 'Duna Bank Zrt.';
export const ORIGIN = 'https://portal.rendez.test';

/**
 * A real SMTP server on loopback and the real e-mail channel (nodemailer) sending to it, started
 * before the test file and closed after it; what the server caught and refuses is forgotten
 * before each test. `options()` are the dispatcher's options that send through it.
 */
export function useMailer(bounceSecret = 'bounce') {
	const mailer = {
		smtp: undefined as unknown as SmtpHarness,
		email: undefined as unknown as EmailChannel,
		options: (extra: Partial<DispatchOptions> = {}): DispatchOptions => ({
			channels: { email: mailer.email },
			origin: ORIGIN,
			...extra
		})
	};
	beforeAll(async () => {
		mailer.smtp = await startSmtp();
		mailer.email = createEmailChannel({
			smtpUrl: mailer.smtp.url,
			from: 'Rendez <ertesites@rendez.test>',
			secret: 'test-message-secret',
			bounceSecret
		});
	});
	afterAll(async () => {
		await mailer.email.close?.();
		await mailer.smtp.close();
	});
	beforeEach(() => {
		mailer.smtp.messages.length = 0;
		mailer.smtp.reject.clear();
	});
	return mailer;
}

/** The portal link in a text: origin, /p/ and the token. */
export const linkIn = (text: string) => {
	const m = new RegExp(`${ORIGIN}/p/([a-z2-7]+)`).exec(text);
	if (!m) throw new Error('no link in the text');
	return m[1];
};

export const plannedState = (db: DB, id: number) =>
	scalar(db, 'SELECT state FROM planned_actions WHERE id = ?', id) as unknown as string;

export function messageWorld(
	db: DB,
	o: { email?: string | null; phone?: string | null; name?: string } = {}
) {
	const cr = makeCreditor(db, CREDITOR);
	const debtorId = makeDebtor(db, o.name ?? 'Teszt Elek', {
		email: o.email === undefined ? 'elek@example.hu' : o.email,
		phone: o.phone === undefined ? '+36301234567' : o.phone
	});
	const claimId = makeClaim(db, cr, debtorId, { principal: 12_345_600 }, 'HUF', {
		stage: 'friendly_reminder',
		reference: 'DB-2026-0000042'
	});
	return { cr, debtorId, claimId };
}

/**
 * A fresh database and clock on `day` at `hour` (Monday 9 March 2026, 10:00 unless told) with one
 * messageWorld in it.
 */
export function freshMessageWorld(day = '2026-03-09', hour = 10) {
	const { db, clock } = testDb(day, hour);
	return { db, clock, ...messageWorld(db) };
}

let seq = 0;

/** A contact action as the engine plans it; returns its id. */
export function planContact(
	db: DB,
	claimId: number,
	channels: string[],
	o: { template?: string; due?: string } = {}
): number {
	const r = db.$client
		.prepare(
			`INSERT INTO planned_actions (key, claim_id, kind, stage, step, due_date, channels_json, template, why_json, created_at)
			 VALUES (?, ?, 'contact', 'friendly_reminder', 'first', ?, ?, ?, '{}', ?)`
		)
		.run(
			`test:${claimId}:${++seq}`,
			claimId,
			o.due ?? localDate(clock().now()),
			JSON.stringify(channels),
			o.template ?? 'friendly.reminder',
			clock().now()
		);
	return Number(r.lastInsertRowid);
}

/** An identified contact that happened (counts toward C2). */
export function pastContact(db: DB, claimId: number, channel: string, at: number): number {
	return Number(
		db.$client
			.prepare(
				`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, occurred_at)
				 SELECT id, debtor_id, ?, stage, 'outbound', 'sent', ? FROM claims WHERE id = ?`
			)
			.run(channel, at, claimId).lastInsertRowid
	);
}

/**
 * A message that left by e-mail: on Monday 9 March 2026 at 10:00, a contact planned for the
 * messageWorld's claim by e-mail (else SMS) and dispatched; the world (freshMessageWorld) and the
 * message's row.
 */
export async function emailSent(options: DispatchOptions) {
	const world = freshMessageWorld();
	planContact(world.db, world.claimId, ['email', 'sms']);
	await dispatchOnce(world.db, options);
	const [row] = messageRows(world.db);
	return { ...world, row };
}

export const messageRows = (db: DB) =>
	db.$client.prepare('SELECT * FROM messages ORDER BY id').all() as {
		id: number;
		channel: string;
		status: string;
		status_reason: string | null;
		to_address: string | null;
		subject: string | null;
		body: string | null;
		body_hash: string | null;
		provider_id: string | null;
		scheduled_at: number;
		template_version_id: number | null;
		source: string;
	}[];

let rowSeq = 0;

/** A messages row (the dispatcher makes them in real life); returns its id. */
export function makeMessage(
	db: DB,
	m: {
		debtorId: number;
		claimId: number | null;
		channel?: MessageChannel;
		templateKey?: string;
		status?: MessageStatus;
		statusReason?: string | null;
		subject?: string | null;
		body?: string | null;
		at?: number;
	}
): number {
	const at = m.at ?? clock().now();
	const sent = m.status && !['queued', 'cancelled', 'blocked'].includes(m.status);
	return db
		.insert(messages)
		.values({
			debtorId: m.debtorId,
			claimId: m.claimId,
			channel: m.channel ?? 'email',
			templateKey: m.templateKey ?? 'friendly.reminder',
			source: 'engine',
			dedupeKey: `test:${++rowSeq}:${at}`,
			toAddress: sent ? 'someone@example.test' : null,
			subject: m.subject ?? null,
			body: m.body ?? (sent ? 'Tisztelt Ügyfelünk! https://portal.example/p/x' : null),
			bodyHash: sent ? 'ab'.repeat(32) : null,
			status: m.status ?? 'queued',
			statusReason: m.statusReason ?? null,
			scheduledAt: at,
			sentAt: sent ? at : null,
			createdAt: at,
			updatedAt: at
		})
		.returning({ id: messages.id })
		.get().id;
}
