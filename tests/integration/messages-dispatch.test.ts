/**
 * The dispatcher (issue 17, item 3) against real parts: a real SQLite file, a real SMTP server on
 * loopback (smtp-server) that the real e-mail channel (nodemailer) sends to, and a stand-in SMS
 * channel. The contact rules by name (C1, C2, C3, C7, C8), one-click unsubscribe, template
 * versions, letters, and the fresh link a debtor asks for. What happens when delivery fails
 * (bounces, refusals, an unreachable server, a lapsed lease): messages-delivery-failures.test.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scalar, testDb } from '../helpers/db';
import { recordingSms } from '../helpers/sms-recorder';
import {
	CREDITOR,
	ORIGIN,
	emailSent,
	freshMessageWorld,
	linkIn,
	messageRows,
	messageWorld,
	pastContact,
	planContact,
	plannedState,
	useMailer
} from '../helpers/messages-fixtures';
import { unsubscribePath } from '../../src/lib/server/channels/tokens';
import {
	dispatchDue,
	dispatchOnce,
	materialiseDue
} from '../../src/lib/server/services/dispatcher';
import { answerLink, linkState, requestFreshLink } from '../../src/lib/server/services/access';
import { unsubscribeByLink } from '../../src/lib/server/services/email-feedback';
import { instantAt, DAY_MS } from '../../src/lib/domain/clock';
import { runEngine } from '../../src/lib/server/services/engine-run';
import { claimsDue } from '../helpers/engine-fixtures';
import { addOperator, OPERATOR } from '../helpers/portal-fixtures';
import { openDispute, operatorReply } from '../../src/lib/server/services/disputes';

const mailer = useMailer('bounce-secret-for-tests');
const { options } = mailer;

describe('the dispatcher and the e-mail channel', () => {
	it('C3: the e-mail that leaves names no amount, debt or creditor, and its fresh link opens the portal', async () => {
		const { db, claimId } = freshMessageWorld();
		const action = planContact(db, claimId, ['email', 'sms']);
		const r = await dispatchOnce(db, options());
		expect(r).toMatchObject({ created: 1, sent: 1 });
		const [mail] = await mailer.smtp.waitFor(1);
		const all = `${mail.header('subject')}\n${mail.text}\n${mail.html}`;
		for (const banned of [CREDITOR, 'Duna', 'DB-2026-0000042', '123 456', '123456', 'Ft', 'HUF'])
			expect(all).not.toContain(banned);
		for (const w of ['tartozás', 'adósság', 'követelés', 'debt'])
			expect(all.toLowerCase()).not.toContain(w);
		expect(mail.envelopeTo).toEqual(['elek@example.hu']);
		// the text is kept (its link's token marked: message-tokens.test.ts) with the hash of the
		// text sent, and the action is done
		const token = linkIn(mail.text);
		const [row] = messageRows(db);
		expect(row).toMatchObject({ status: 'sent', channel: 'email', to_address: 'elek@example.hu' });
		expect(row.template_version_id).toBeNull();
		const sent = mail.text.replace(/\r\n/g, '\n').trim();
		expect(sent.replace(`/p/${token}`, '/p/…')).toBe(row.body!.trim());
		expect(row.body_hash).toBe(
			createHash('sha256')
				.update(`${row.subject}\n\n${row.body!.replace('/p/…', `/p/${token}`)}`)
				.digest('hex')
		);
		expect(plannedState(db, action)).toBe('done');
		// the link is fresh (minted at send time) and opens the portal with the debtor's answer
		expect(linkState(db, token, '192.0.2.1')).toMatchObject({
			state: 'ok',
			question: 'birth_date'
		});
		const answer = answerLink(db, { token, answer: '1980-04-02', ip: '192.0.2.1' });
		expect(answer.ok).toBe(true);
		// the HTML part carries the same link, clickable
		expect(mail.html).toContain(`href="${ORIGIN}/p/${token}"`);
	});

	it('carries our Message-ID, a per-message bounce address and the one-click List-Unsubscribe headers (RFC 8058)', async () => {
		const { db, claimId } = freshMessageWorld();
		planContact(db, claimId, ['email']);
		await dispatchOnce(db, options());
		const [mail] = await mailer.smtp.waitFor(1);
		const [row] = messageRows(db);
		expect(mail.header('message-id')).toBe(row.provider_id);
		expect(mail.envelopeFrom).toBe(mailer.email.bounceAddressOf(row.id));
		expect(mail.envelopeFrom).toMatch(
			new RegExp(`^bounce\\+${row.id}\\.[a-z0-9]{12}@rendez\\.test$`)
		);
		expect(mail.header('list-unsubscribe')).toBe(`<${ORIGIN}${unsubscribePath(row.id)}>`);
		expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
		expect(mail.text).toContain(`${ORIGIN}${unsubscribePath(row.id)}`);
	});

	it('C8: the one-click unsubscribe opts the debtor out of e-mail at once; the next message goes by SMS', async () => {
		const { db, claimId, debtorId, row } = await emailSent(options());
		const token = unsubscribePath(row.id).split('/').pop()!;
		expect(unsubscribeByLink(db, row.id, 'x'.repeat(32))).toBe(false);
		expect(unsubscribeByLink(db, row.id + 1, token)).toBe(false);
		expect(scalar(db, 'SELECT count(*) FROM contact_preferences WHERE opt_out_email = 1')).toBe(0);
		expect(unsubscribeByLink(db, row.id, token)).toBe(true);
		expect(
			scalar(db, 'SELECT opt_out_email FROM contact_preferences WHERE debtor_id = ?', debtorId)
		).toBe(1);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM audit_log WHERE action = 'contact_preferences.email_unsubscribe'`
			)
		).toBe(1);
		// the next step: e-mail opted out, so the SMS of the fallback list
		const sms = recordingSms();
		planContact(db, claimId, ['email', 'sms']);
		await dispatchOnce(db, options({ channels: { email: mailer.email, sms } }));
		expect(sms.sent).toHaveLength(1);
		expect(sms.sent[0].to).toBe('+36301234567');
		expect(sms.sent[0].text).toContain('STOP');
		expect(mailer.smtp.messages).toHaveLength(1);
	});

	it('C8: with every channel opted out the message is blocked with its reason, never sent', async () => {
		const { db, claimId, debtorId } = freshMessageWorld();
		db.$client
			.prepare(
				`INSERT INTO contact_preferences (debtor_id, opt_out_email, opt_out_sms, updated_at) VALUES (?, 1, 1, 0)`
			)
			.run(debtorId);
		const action = planContact(db, claimId, ['email', 'sms']);
		const r = await dispatchOnce(
			db,
			options({ channels: { email: mailer.email, sms: recordingSms() } })
		);
		expect(r).toMatchObject({ sent: 0, blocked: 1 });
		expect(messageRows(db)[0]).toMatchObject({ status: 'blocked', status_reason: 'c8_no_channel' });
		expect(
			scalar(
				db,
				`SELECT blocked_reason FROM contact_events WHERE claim_id = ? AND outcome = 'blocked'`,
				claimId
			)
		).toBe('c8_opted_out');
		expect(plannedState(db, action)).toBe('failed');
		expect(mailer.smtp.messages).toHaveLength(0);
	});

	it('C8: a stop holds for the address, on every record of the person that has it', async () => {
		const { db, debtorId } = freshMessageWorld();
		// the same person known to a second creditor with another postal address: a record of its
		// own (placing.ts), the same e-mail in capitals and the same phone written another way
		const other = messageWorld(db, { email: 'ELEK@example.hu', phone: '06 30 123 4567' });
		db.$client
			.prepare(
				`INSERT INTO contact_preferences (debtor_id, opt_out_email, opt_out_sms, updated_at) VALUES (?, 1, 1, 0)`
			)
			.run(debtorId);
		planContact(db, other.claimId, ['email', 'sms']);
		const sms = recordingSms();
		const r = await dispatchOnce(db, options({ channels: { email: mailer.email, sms } }));
		expect(r).toMatchObject({ sent: 0, blocked: 1 });
		expect(sms.sent).toHaveLength(0);
		expect(mailer.smtp.messages).toHaveLength(0);
		// a bounce is about the address too; another address of the person is still written to
		db.$client.prepare('DELETE FROM contact_preferences').run();
		db.$client
			.prepare(
				`INSERT INTO contact_preferences (debtor_id, email_invalid, updated_at) VALUES (?, 1, 0)`
			)
			.run(debtorId);
		planContact(db, other.claimId, ['email', 'sms']);
		await dispatchOnce(db, options({ channels: { email: mailer.email, sms } }));
		expect(mailer.smtp.messages).toHaveLength(0);
		expect(sms.sent.map((m) => m.to)).toEqual(['+36301234567']);
	});

	it('C7: a claim paid or disputed before send time: the message and its planned action are cancelled', async () => {
		const { db } = testDb('2026-03-09', 10);
		const a = messageWorld(db);
		const b = messageWorld(db, { email: 'b@example.hu' });
		const paid = planContact(db, a.claimId, ['email']);
		const disputed = planContact(db, b.claimId, ['email']);
		expect(materialiseDue(db)).toBe(2);
		// between planning and sending: one paid, one disputed (a stop-the-clock hold)
		db.$client.prepare(`UPDATE claims SET status = 'paid' WHERE id = ?`).run(a.claimId);
		db.$client
			.prepare(
				`INSERT INTO holds (claim_id, kind, start_date, effect_json, created_at) VALUES (?, 'dispute', '2026-03-09', '{"kind":"stop_clock"}', 0)`
			)
			.run(b.claimId);
		const r = await dispatchDue(db, options());
		expect(r).toMatchObject({ sent: 0, cancelled: 2 });
		expect(messageRows(db).map((m) => [m.status, m.status_reason])).toEqual([
			['cancelled', 'c7_paid'],
			['cancelled', 'c7_hold']
		]);
		expect(plannedState(db, paid)).toBe('cancelled');
		expect(plannedState(db, disputed)).toBe('cancelled');
		expect(mailer.smtp.messages).toHaveLength(0);
	});

	it('C1: outside the window (a public holiday, then a Sunday) the message waits for the next slot and goes then, never dropped', async () => {
		// Friday 1 May 2026 is a public holiday; the next slot is Saturday 08:00
		const { db, clock, claimId } = freshMessageWorld('2026-05-01');
		const sms = recordingSms();
		planContact(db, claimId, ['sms']);
		planContact(db, claimId, ['email']);
		const r = await dispatchOnce(db, options({ channels: { email: mailer.email, sms } }));
		expect(r).toMatchObject({ created: 2, sent: 0, waiting: 2 });
		expect(messageRows(db).map((m) => [m.status, m.status_reason, m.scheduled_at])).toEqual([
			['queued', 'c1_window', instantAt('2026-05-02', 8)],
			['queued', 'c1_window', instantAt('2026-05-02', 8)]
		]);
		// Saturday 07:59: still nothing; 08:00: both go
		clock.set(instantAt('2026-05-02', 7, 59));
		expect(
			await dispatchDue(db, options({ channels: { email: mailer.email, sms } }))
		).toMatchObject({ sent: 0 });
		clock.set(instantAt('2026-05-02', 8));
		expect(
			await dispatchDue(db, options({ channels: { email: mailer.email, sms } }))
		).toMatchObject({ sent: 2 });
		expect(sms.sent).toHaveLength(1);
		expect(mailer.smtp.messages).toHaveLength(1);
		// Saturday after 12:00 waits for Monday 08:00 (no Sunday)
		planContact(db, claimId, ['email'], { due: '2026-05-02' });
		clock.set(instantAt('2026-05-02', 12, 30));
		await dispatchOnce(db, options());
		expect(messageRows(db)[2].scheduled_at).toBe(instantAt('2026-05-04', 8));
	});

	it('C2: the fourth identified contact in 7 days waits until the cap frees, counted across channels and senders', async () => {
		const { db, clock, claimId } = freshMessageWorld('2026-03-12');
		const t0 = instantAt('2026-03-09', 9);
		pastContact(db, claimId, 'call', t0); // an operator's call
		pastContact(db, claimId, 'sms', instantAt('2026-03-10', 9));
		pastContact(db, claimId, 'visit', instantAt('2026-03-11', 9));
		const sms = recordingSms();
		planContact(db, claimId, ['sms']);
		const r = await dispatchOnce(db, options({ channels: { email: mailer.email, sms } }));
		expect(r).toMatchObject({ sent: 0, waiting: 1 });
		const [row] = messageRows(db);
		expect(row).toMatchObject({ status: 'queued', status_reason: 'c2_cap' });
		// the oldest leaves the 7 days on Monday 16 March 09:00
		expect(row.scheduled_at).toBe(t0 + 7 * DAY_MS + 1);
		clock.set(t0 + 7 * DAY_MS - 1000);
		expect(
			await dispatchDue(db, options({ channels: { email: mailer.email, sms } }))
		).toMatchObject({ sent: 0 });
		clock.set(t0 + 7 * DAY_MS + 1);
		expect(
			await dispatchDue(db, options({ channels: { email: mailer.email, sms } }))
		).toMatchObject({ sent: 1 });
		expect(sms.sent).toHaveLength(1);
		// it was recorded as an identified contact in the same transaction
		expect(
			scalar(
				db,
				`SELECT count(*) FROM contact_events WHERE claim_id = ? AND channel = 'sms' AND outcome = 'sent'`,
				claimId
			)
		).toBe(2);
	});

	it('sends the newest edited version of a template and keeps which one it was', async () => {
		const { db, claimId } = freshMessageWorld();
		for (const [version, line] of [
			[1, 'Első változat'],
			[2, 'Második változat']
		] as const)
			db.$client
				.prepare(
					`INSERT INTO template_versions (key, channel, language, version, subject, body, created_at)
					 VALUES ('friendly.reminder', 'email', 'hu', ?, 'Tárgy', ?, 0)`
				)
				.run(version, `${line}: {link}\n\nLeiratkozás: {unsubscribe}`);
		planContact(db, claimId, ['email']);
		await dispatchOnce(db, options());
		const [mail] = await mailer.smtp.waitFor(1);
		expect(mail.text).toContain('Második változat');
		const [row] = messageRows(db);
		expect(row.template_version_id).toBe(
			scalar(db, `SELECT id FROM template_versions WHERE version = 2`)
		);
		expect(row.body).toContain('Második változat');
	});

	it('letters are only created: queued with the postal address for the print batch, after the same checks', async () => {
		const { db, claimId } = freshMessageWorld();
		const letter = planContact(db, claimId, ['letter', 'call'], { template: 'formal.notice' });
		// an outbox notice with no e-mail or phone on file becomes a letter too
		const other = messageWorld(db, { email: null, phone: null });
		db.$client
			.prepare(
				`INSERT INTO outbox (debtor_id, claim_id, channel, template, params_json, dedupe_key, scheduled_at, created_at)
				 VALUES (?, ?, 'letter', 'plan_active', '{}', 'x', ?, 0)`
			)
			.run(other.debtorId, other.claimId, instantAt('2026-03-09', 9));
		const r = await dispatchOnce(db, options());
		expect(r).toMatchObject({ created: 2, sent: 0, letters: 2, blocked: 0 });
		const [a, b] = messageRows(db);
		expect(a).toMatchObject({ channel: 'letter', status: 'queued', body: null });
		expect(a.to_address).toBe('Teszt Elek\nBudapest\nPélda u. 1.\n1051');
		expect(plannedState(db, letter)).toBe('done');
		expect(b).toMatchObject({ channel: 'letter', status: 'queued', body: null });
		expect(b.to_address).toBe(a.to_address);
		expect(scalar(db, `SELECT status FROM outbox`)).toBe('sent');
		expect(mailer.smtp.messages).toHaveLength(0);
	});

	it('the fresh link a debtor asks for arrives by e-mail at the address on file, and it opens the portal', async () => {
		const { db, debtorId } = freshMessageWorld('2026-03-09', 22); // late evening: the debtor asked, so it goes at once
		const { mintAccessLink } = await import('../../src/lib/server/auth/links');
		const old = mintAccessLink(db, { kind: 'system', job: 'test' }, debtorId);
		expect(requestFreshLink(db, old.token, '192.0.2.9')).toBe(true);
		const r = await dispatchOnce(db, options());
		expect(r).toMatchObject({ created: 1, sent: 1 });
		const [mail] = await mailer.smtp.waitFor(1);
		expect(mail.envelopeTo).toEqual(['elek@example.hu']);
		const token = linkIn(mail.text);
		expect(token).not.toBe(old.token);
		expect(answerLink(db, { token, answer: '1980-04-02', ip: '192.0.2.9' }).ok).toBe(true);
		expect(scalar(db, `SELECT status FROM outbox WHERE template = 'access_link'`)).toBe('sent');
		expect(messageRows(db)[0].source).toBe('link');
	});

	it('the engine plans, the dispatcher sends once: a second pass sends nothing more', async () => {
		const { db, clock } = testDb('2026-03-09', 10);
		const { ids, debtorId } = claimsDue(db, 1);
		db.$client.prepare(`UPDATE debtors SET email = 'motor@example.hu' WHERE id = ?`).run(debtorId);
		runEngine(db, { asOf: '2026-03-09' });
		expect(
			scalar(
				db,
				`SELECT count(*) FROM planned_actions WHERE claim_id = ? AND kind = 'contact'`,
				ids[0]
			)
		).toBe(1);
		expect(await dispatchOnce(db, options())).toMatchObject({ created: 1, sent: 1 });
		expect(await dispatchOnce(db, options())).toMatchObject({ created: 0, sent: 0 });
		clock.advance(60_000);
		expect(await dispatchOnce(db, options())).toMatchObject({ created: 0, sent: 0 });
		await mailer.smtp.waitFor(1);
		expect(mailer.smtp.messages).toHaveLength(1);
	});

	it('C7: while a dispute is open no reminder goes, but the operator’s answer in its thread does', async () => {
		const { db, claimId, debtorId } = freshMessageWorld();
		addOperator(db);
		const d = openDispute(
			db,
			{ kind: 'debtor', debtorId },
			{ claimId, reason: 'not_mine', details: '' }
		);
		const reminder = planContact(db, claimId, ['email']);
		operatorReply(db, OPERATOR, {
			disputeId: d.id,
			body: 'Megkaptuk a levelét, a befizetését most ellenőrizzük.'
		});
		await dispatchOnce(db, options());
		const [mail] = await mailer.smtp.waitFor(1);
		expect(mail.envelopeTo).toEqual(['elek@example.hu']);
		expect(scalar(db, "SELECT status FROM outbox WHERE template = 'dispute_answered'")).toBe(
			'sent'
		);
		expect(plannedState(db, reminder)).not.toBe('done');
		expect(messageRows(db).filter((m) => m.status === 'sent')).toHaveLength(1);
	});
});
