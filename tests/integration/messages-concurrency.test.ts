/**
 * Two dispatchers started at once, in two processes on one SQLite file (issue 17: "two
 * dispatchers started at once never exceed the cap or send a message twice"). Each one first turns
 * the due work into messages (the same work: the dedupe keys keep it once), then claims and sends
 * with 4 messages in flight. The e-mails go to a real SMTP server; the SMS to a recording channel
 * that logs every hand-over to a shared file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, manualClock, scalar, tempDbPath } from '../helpers/db';
import { startSmtp, type SmtpHarness } from '../helpers/smtp';
import { messageWorld, pastContact, planContact } from '../helpers/messages-fixtures';
import { instantAt } from '../../src/lib/domain/clock';

const run = promisify(execFile);
let smtp: SmtpHarness;
beforeAll(async () => {
	smtp = await startSmtp();
});
afterAll(() => smtp.close());

describe('two dispatchers at once', () => {
	it('never exceed the C2 cap nor send a message twice', async () => {
		const now = instantAt('2026-03-12', 10);
		manualClock('2026-03-12', 10);
		const file = tempDbPath('dispatch-race');
		const db = freshDb(file);
		// 10 claims one SMS short of the cap, each with 3 SMS due: exactly one may go per claim
		const capped: number[] = [];
		for (let i = 0; i < 10; i++) {
			const { claimId } = messageWorld(db, { email: null, phone: `+3630100${1000 + i}` });
			capped.push(claimId);
			pastContact(db, claimId, 'call', instantAt('2026-03-10', 9));
			pastContact(db, claimId, 'sms', instantAt('2026-03-11', 9));
			for (let k = 0; k < 3; k++) planContact(db, claimId, ['sms']);
		}
		// 30 e-mails (not capped): each must arrive exactly once
		for (let i = 0; i < 30; i++) {
			const { claimId } = messageWorld(db, { email: `d${i}@example.hu`, phone: null });
			planContact(db, claimId, ['email']);
		}
		const smsLog = path.join(path.dirname(file), 'sms.log');
		fs.writeFileSync(smsLog, '');
		const startAt = Date.now() + 2500;
		const outs = await Promise.all(
			[0, 1].map(() =>
				run(
					'node_modules/.bin/tsx',
					['tests/helpers/dispatch-child.ts', file, String(startAt), String(now), smtp.url, smsLog],
					{ env: { ...process.env, RENDEZ_QUIET: '1' } }
				)
			)
		);
		const sums = outs.map((o) => JSON.parse(o.stdout) as Record<string, number>);
		// both worked: the work was shared, not done twice
		expect(sums.reduce((s, x) => s + x.created, 0)).toBe(60);
		expect(sums.reduce((s, x) => s + x.sent, 0)).toBe(40);
		// SMS: one per claim, no message handed over twice
		const smsIds = fs.readFileSync(smsLog, 'utf8').trim().split('\n');
		expect(smsIds).toHaveLength(10);
		expect(new Set(smsIds).size).toBe(10);
		for (const claimId of capped) {
			expect(
				scalar(
					db,
					`SELECT count(*) FROM contact_events WHERE claim_id = ? AND outcome = 'sent' AND channel IN ('sms', 'call', 'visit')`,
					claimId
				)
			).toBe(3);
			expect(
				scalar(
					db,
					`SELECT count(*) FROM messages WHERE claim_id = ? AND status = 'queued' AND status_reason = 'c2_cap'`,
					claimId
				)
			).toBe(2);
		}
		// e-mail: 30 arrived, 30 different Message-IDs, each the one recorded for its message
		await smtp.waitFor(30);
		expect(smtp.messages).toHaveLength(30);
		const ids = smtp.messages.map((m) => m.header('message-id'));
		expect(new Set(ids).size).toBe(30);
		expect(
			scalar(db, `SELECT count(*) FROM messages WHERE channel = 'email' AND status = 'sent'`)
		).toBe(30);
		expect(scalar(db, `SELECT count(*) FROM access_links`)).toBe(40);
	}, 60_000);
});
