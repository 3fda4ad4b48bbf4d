/**
 * "Send me a link" at /belepes (sign-in-reference.ts) is open to anyone who knows a claim
 * reference. What it may cost the debtor is bounded: one link an hour and three a day per debtor,
 * whatever references, links or addresses ask (fresh links by an old link count too); never a
 * letter (no postage on an anonymous request, not even by the dispatcher's fallback); and the
 * message is one about the named claim, under its contact limits (C2 counts it, and it waits
 * when the claim had its identified contacts).
 */
import { describe, expect, it } from 'vitest';
import { scalar, testDb } from '../helpers/db';
import { recordingSms } from '../helpers/sms-recorder';
import {
	messageRows,
	messageWorld,
	ORIGIN,
	pastContact,
	planContact
} from '../helpers/messages-fixtures';
import { makeClaim, makeDebtor } from '../helpers/portal-fixtures';
import { sendLinkForReference } from '../../src/lib/server/services/sign-in-reference';
import { requestFreshLink } from '../../src/lib/server/services/access';
import { mintAccessLink } from '../../src/lib/server/auth/links';
import { dispatchOnce } from '../../src/lib/server/services/dispatcher';
import { DAY_MS } from '../../src/lib/domain/clock';

let ipSeq = 0;
const ip = () => `198.51.100.${ipSeq++ % 250}`;
const HOUR = 3_600_000;
const links = (db: Parameters<typeof scalar>[0]) =>
	scalar(db, `SELECT count(*) FROM outbox WHERE template = 'access_link'`);

describe('a link asked for by a claim reference', () => {
	it('a debtor with several claims gets one link an hour and three a day, however many ask', () => {
		const { db, clock } = testDb('2026-03-09', 9);
		const { cr, debtorId } = messageWorld(db);
		const refs = ['DB-2026-0000042', 'DB-2026-0000043', 'DB-2026-0000044'];
		for (const reference of refs.slice(1))
			makeClaim(db, cr, debtorId, { principal: 100_000 }, 'HUF', { reference });
		// one request for each reference, a second apart, each from another address
		const burst = () =>
			refs
				.map((r) => {
					clock.advance(1_000);
					return sendLinkForReference(db, r, ip());
				})
				.reduce((a, b) => a + b);
		expect(burst()).toBe(1);
		for (let hour = 1; hour < 6; hour++) {
			clock.advance(HOUR + 60_000);
			burst();
		}
		expect(links(db)).toBe(3);
		// the debtor's own "send me a new link" from an old link counts against the same day
		const old = mintAccessLink(db, { kind: 'system', job: 'test' }, debtorId);
		expect(requestFreshLink(db, old.token, ip())).toBe(false);
		expect(links(db)).toBe(3);
		clock.advance(DAY_MS);
		expect(burst()).toBe(1);
	});

	it('a debtor with neither e-mail nor phone on file gets nothing: no letter from an anonymous request', () => {
		const { db } = testDb('2026-03-09', 10);
		const { cr } = messageWorld(db);
		const postal = makeDebtor(db, 'Postai Pál', { email: null, phone: null });
		makeClaim(db, cr, postal, { principal: 100_000 }, 'HUF', { reference: 'DB-2026-0000050' });
		expect(sendLinkForReference(db, 'DB-2026-0000050', ip())).toBe(0);
		expect(links(db)).toBe(0);
	});

	it('the dispatcher does not turn it into a letter when e-mail cannot be sent', async () => {
		const { db } = testDb('2026-03-09', 10);
		messageWorld(db, { phone: null });
		// a letter text for the link, as an admin could write one
		db.$client
			.prepare(
				`INSERT INTO template_versions (key, channel, language, version, body, created_at)
				 VALUES ('access_link', 'letter', 'hu', 1, 'Új link: {link}', 0)`
			)
			.run();
		expect(sendLinkForReference(db, 'DB-2026-0000042', ip())).toBe(1);
		// this server sends no e-mail: the message would fall back to SMS (none on file), then a letter
		await dispatchOnce(db, { channels: { sms: recordingSms() }, origin: ORIGIN });
		expect(messageRows(db).map((m) => [m.channel, m.status, m.status_reason])).toEqual([
			['email', 'blocked', 'c8_no_channel']
		]);
	});

	it('an SMS link waits while the claim has had its identified contacts (C2)', async () => {
		const { db, clock } = testDb('2026-03-09', 10);
		const { claimId } = messageWorld(db, { email: null });
		for (const days of [1, 2, 3]) pastContact(db, claimId, 'sms', clock.now() - days * DAY_MS);
		expect(sendLinkForReference(db, 'DB-2026-0000042', ip())).toBe(1);
		const sms = recordingSms();
		await dispatchOnce(db, { channels: { sms }, origin: ORIGIN });
		expect(sms.sent).toHaveLength(0);
		expect(messageRows(db).map((m) => [m.status, m.status_reason])).toEqual([['queued', 'c2_cap']]);
	});

	it('an SMS link sent counts as a contact about the claim: the next SMS waits (C2)', async () => {
		const { db, clock } = testDb('2026-03-09', 10);
		const { claimId } = messageWorld(db, { email: null });
		for (const days of [1, 2]) pastContact(db, claimId, 'sms', clock.now() - days * DAY_MS);
		expect(sendLinkForReference(db, 'DB-2026-0000042', ip())).toBe(1);
		const sms = recordingSms();
		await dispatchOnce(db, { channels: { sms }, origin: ORIGIN });
		expect(sms.sent).toHaveLength(1);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM contact_events WHERE claim_id = ? AND template = 'access_link'`,
				claimId
			)
		).toBe(1);
		planContact(db, claimId, ['sms']);
		await dispatchOnce(db, { channels: { sms }, origin: ORIGIN });
		expect(sms.sent).toHaveLength(1);
		expect(messageRows(db).at(-1)).toMatchObject({ status: 'queued', status_reason: 'c2_cap' });
	});
});
