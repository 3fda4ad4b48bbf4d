/**
 * The creditors' API keys, webhooks, recall and direct payments (issue 20, items 4 and 6), on a
 * real SQLite file: keys are stored hashed and revocable; webhook deliveries reach a real HTTP
 * receiver on loopback that checks the signature itself, survive a receiver that fails twice,
 * can be replayed, and are never made twice; recall and direct payment stop collection; another
 * creditor reaches nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { addClaim, addCreditor, addPortfolio } from '../helpers/reports-fixtures';
import { API_ROW, creditorUser } from '../helpers/creditor-fixtures';
import { agencyActor } from '../helpers/staff-fixtures';
import { scalar, testDb } from '../helpers/db';
import {
	callerOfKey,
	createApiKey,
	MAX_ACTIVE_KEYS,
	listApiKeys,
	revokeApiKey
} from '../../src/lib/server/services/api-keys';
import {
	addEndpoint,
	deliverDue,
	fanOut,
	replayDelivery,
	webhooksOverview
} from '../../src/lib/server/services/webhooks';
import { recallClaim, reportDirectPayment } from '../../src/lib/server/services/recall';
import { claimsForPage, myClaims } from '../../src/lib/server/services/portal';
import { apiClaim, apiPlaceClaim } from '../../src/lib/server/services/api-claims';
import { setCreditorActive } from '../../src/lib/server/services/creditors-admin';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import type { DB } from '../../src/lib/server/db/client';

function world() {
	const { db, clock } = testDb('2026-11-02');
	const user = (creditorId: number, email: string, admin: boolean) =>
		creditorUser(db, creditorId, email, admin);
	const a = addCreditor(db, 'A Bank');
	const b = addCreditor(db, 'B Telecom');
	const claim = (creditorId: number, reference: string) =>
		addClaim(db, {
			creditorId,
			portfolioId: addPortfolio(db, creditorId, `P ${reference}`, '2026-09-01'),
			reference,
			currency: 'HUF',
			placedDate: '2026-09-01',
			dueDate: '2026-08-01',
			charges: { principal: 1_000_000, interest: 50_000 }
		});
	const admin = agencyActor(db, 'admin', 'root@agency', 'Root');
	return {
		db,
		clock,
		/** the agency's administrator: deactivates creditors */
		setActive: (creditorId: number, active: boolean) =>
			setCreditorActive(db, admin, creditorId, active),
		adminA: user(a, 'admin@a', true),
		staffA: user(a, 'staff@a', false),
		adminB: user(b, 'admin@b', true),
		claimA: claim(a, 'A-1'),
		claimA2: claim(a, 'A-2'),
		claimB: claim(b, 'B-1')
	};
}

/** A webhook receiver on loopback that answers 500 `failFirst` times, then 200. */
function receiver(secret: () => string, failFirst = 0) {
	const got: { event: string; validSignature: boolean }[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const header = String(req.headers['rendez-signature'] ?? '');
			const t = /t=(\d+)/.exec(header)?.[1] ?? '';
			const v1 = /v1=([0-9a-f]+)/.exec(header)?.[1] ?? '';
			const expected = createHmac('sha256', secret()).update(`${t}.${body}`).digest();
			const given = Buffer.from(v1, 'hex');
			got.push({
				event: (JSON.parse(body) as { id: string }).id,
				validSignature: given.length === expected.length && timingSafeEqual(given, expected)
			});
			res.statusCode = got.length <= failFirst ? 500 : 200;
			res.end('ok');
		});
	});
	return { server, got };
}

async function listen(server: http.Server): Promise<string> {
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

const deliveries = (db: DB) => scalar(db, 'SELECT count(*) FROM webhook_deliveries') as number;

describe('API keys', () => {
	it('are shown once, stored as a hash, scoped, revocable; only the creditor admin makes them', () => {
		const w = world();
		const { key } = createApiKey(w.db, w.adminA, { name: 'ERP', scope: 'read' });
		expect(key).toMatch(/^rk_[a-z2-7]{8}_[a-z2-7]{32}$/);
		expect(
			scalar(w.db, 'SELECT count(*) FROM api_keys WHERE hash = ? OR prefix = ?', key, key)
		).toBe(0);
		const caller = callerOfKey(w.db, key)!;
		expect(caller.actor.creditorId).toBe(w.adminA.creditorId);
		expect(caller.scope).toBe('read');
		expect(callerOfKey(w.db, key.slice(0, -1) + (key.endsWith('a') ? 'b' : 'a'))).toBeNull();
		expect(() => createApiKey(w.db, w.staffA, { name: 'x', scope: 'read' })).toThrow(
			ForbiddenError
		);
		expect(() => revokeApiKey(w.db, w.adminB, listApiKeys(w.db, w.adminA)[0].id)).toThrow(
			NotFoundError
		);
		// at most ten in force at once (the rate limit is per key); a revoked one makes room
		for (let i = 1; i < MAX_ACTIVE_KEYS; i++)
			createApiKey(w.db, w.adminA, { name: `k${i}`, scope: 'read' });
		const tooMany = (() => {
			try {
				createApiKey(w.db, w.adminA, { name: 'egy túl sok', scope: 'read' });
			} catch (e) {
				return e;
			}
		})();
		expect(tooMany).toMatchObject({ key: 'api.key.tooMany', params: { max: MAX_ACTIVE_KEYS } });
		revokeApiKey(w.db, w.adminA, listApiKeys(w.db, w.adminA)[0].id);
		expect(createApiKey(w.db, w.adminA, { name: 'helyette', scope: 'read' }).key).toMatch(/^rk_/);
		for (const k of listApiKeys(w.db, w.adminA)
			.filter((k) => !k.revokedAt)
			.slice(1))
			revokeApiKey(w.db, w.adminA, k.id);
		// a key stops working when the user who made it is disabled
		const second = createApiKey(w.db, w.adminA, { name: 'BI', scope: 'read' }).key;
		w.db.$client
			.prepare('UPDATE staff_users SET disabled_at = 1 WHERE id = ?')
			.run(w.adminA.userId);
		expect(callerOfKey(w.db, second)).toBeNull();
		w.db.$client
			.prepare('UPDATE staff_users SET disabled_at = NULL WHERE id = ?')
			.run(w.adminA.userId);
		revokeApiKey(w.db, w.adminA, listApiKeys(w.db, w.adminA).at(-1)!.id);
		expect(callerOfKey(w.db, key)).toBeNull();
	});

	it('stop working while their creditor is deactivated, every one of them', () => {
		const w = world();
		const read = createApiKey(w.db, w.adminA, { name: 'BI', scope: 'read' }).key;
		const write = createApiKey(w.db, w.adminA, { name: 'ERP', scope: 'read_write' }).key;
		const other = createApiKey(w.db, w.adminB, { name: 'B', scope: 'read' }).key;
		w.setActive(w.adminA.creditorId, false);
		expect(callerOfKey(w.db, read)).toBeNull();
		expect(callerOfKey(w.db, write)).toBeNull();
		expect(callerOfKey(w.db, other)?.actor.creditorId).toBe(w.adminB.creditorId);
		w.setActive(w.adminA.creditorId, true);
		expect(callerOfKey(w.db, write)?.scope).toBe('read_write');
	});

	it('place a claim once per reference, with the CSV rules, and never read another creditor’s', () => {
		const w = world();
		const row = API_ROW;
		const first = apiPlaceClaim(w.db, w.adminA, row);
		const again = apiPlaceClaim(w.db, w.adminA, row);
		expect(first.ok && first.created).toBe(true);
		expect(again.ok && !again.created && again.claim.id).toBe(first.ok && first.claim.id);
		expect(first.ok && first.claim.balanceMinor).toBe(1_000_000);
		const bad = apiPlaceClaim(w.db, w.adminA, { ...row, reference: 'API-10', total: '9999' });
		expect(bad.ok).toBe(false);
		expect(() => apiClaim(w.db, w.adminB, w.claimA)).toThrow(NotFoundError);
	});
});

describe('recall and direct payment', () => {
	it('a recall closes the claim at once, says why, and cannot be done twice or by another creditor', () => {
		const w = world();
		expect(() => recallClaim(w.db, w.adminB, w.claimA, 'mistake')).toThrow(NotFoundError);
		expect(() => recallClaim(w.db, w.staffA, w.claimA, '  ')).toThrow(ValidationError);
		recallClaim(w.db, w.staffA, w.claimA, 'Settled out of court');
		const c = apiClaim(w.db, w.staffA, w.claimA);
		expect([c.status, c.closeReason]).toEqual(['closed', 'recalled']);
		expect(() => recallClaim(w.db, w.staffA, w.claimA, 'again')).toThrow(ConflictError);
		// the debtor still sees the claim, told that the agency no longer handles it
		const debtorId = scalar(w.db, 'SELECT debtor_id FROM claims WHERE id = ?', w.claimA) as number;
		const cards = claimsForPage('hu', myClaims(w.db, { kind: 'debtor', debtorId }));
		const card = cards.flatMap((g) => g.claims).find((x) => x.id === w.claimA)!;
		expect(card.status).toBe('closed');
		expect(card.recalledNote).toContain('A Bank');
		expect(card.recalledNote).toMatch(/már nem mi járunk el/);
		expect(
			scalar(
				w.db,
				"SELECT count(*) FROM audit_log WHERE action = 'claim.recall' AND entity_id = ?",
				String(w.claimA)
			)
		).toBe(1);
	});

	it('a direct payment is posted by 6:46 (interest first) and paying it all marks the claim paid', () => {
		const w = world();
		expect(() =>
			reportDirectPayment(w.db, w.staffA, {
				claimId: w.claimA,
				amountMinor: 2_000_000,
				reason: 'x'
			})
		).toThrow(ValidationError);
		reportDirectPayment(w.db, w.staffA, { claimId: w.claimA, amountMinor: 60_000, reason: 'bank' });
		const lines = w.db.$client
			.prepare(
				"SELECT component, amount_minor AS a FROM ledger_entries WHERE claim_id = ? AND kind = 'payment' ORDER BY id"
			)
			.all(w.claimA);
		expect(lines).toEqual([
			{ component: 'interest', a: -50_000 },
			{ component: 'principal', a: -10_000 }
		]);
		reportDirectPayment(w.db, w.staffA, {
			claimId: w.claimA,
			amountMinor: 990_000,
			reason: 'rest'
		});
		expect(apiClaim(w.db, w.staffA, w.claimA).status).toBe('paid');
		expect(
			scalar(
				w.db,
				"SELECT count(*) FROM payments WHERE claim_id = ? AND gateway = 'direct' AND status = 'succeeded'",
				w.claimA
			)
		).toBe(2);
	});

	it('a direct payment sent twice from the same page is recorded once', () => {
		const w = world();
		const seen = apiClaim(w.db, w.staffA, w.claimA).balanceMinor;
		const form = { claimId: w.claimA, amountMinor: 60_000, reason: 'bank', seenBalanceMinor: seen };
		reportDirectPayment(w.db, w.staffA, form);
		expect(() => reportDirectPayment(w.db, w.staffA, form)).toThrow(ConflictError);
		expect(
			scalar(
				w.db,
				"SELECT count(*) FROM payments WHERE gateway = 'direct' AND claim_id = ?",
				w.claimA
			)
		).toBe(1);
		// drawn again with the new balance, it is taken
		const now = apiClaim(w.db, w.staffA, w.claimA).balanceMinor;
		reportDirectPayment(w.db, w.staffA, { ...form, seenBalanceMinor: now });
		expect(apiClaim(w.db, w.staffA, w.claimA).balanceMinor).toBe(now - 60_000);
	});
});

describe('webhooks', () => {
	const saved = process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL;
	beforeAll(() => {
		process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL = '1';
	});
	afterAll(() => {
		if (saved === undefined) delete process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL;
		else process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL = saved;
	});
	let close: (() => void) | null = null;
	afterEach(() => close?.());

	it('refuses http and internal addresses unless allowed, and an empty event list', () => {
		const w = world();
		delete process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL;
		for (const url of [
			'http://example.com/h',
			'https://127.0.0.1/h',
			'https://localhost/h',
			'nonsense'
		])
			expect(() => addEndpoint(w.db, w.adminA, { url, events: ['claim.paid'] })).toThrow(
				ValidationError
			);
		expect(() => addEndpoint(w.db, w.adminA, { url: 'https://erp.example/h', events: [] })).toThrow(
			ValidationError
		);
		expect(() =>
			addEndpoint(w.db, w.staffA, { url: 'https://erp.example/h', events: ['claim.paid'] })
		).toThrow(ForbiddenError);
		process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL = '1';
	});

	it('are signed, retried with backoff after two failures, logged, replayable and never doubled', async () => {
		const w = world();
		let secret = '';
		const r = receiver(() => secret, 2);
		const url = await listen(r.server);
		close = () => r.server.close();
		secret = addEndpoint(w.db, w.adminA, {
			url,
			events: ['claim.recalled', 'payment.posted']
		}).secret;
		// B's endpoint must hear nothing of A's claims
		addEndpoint(w.db, w.adminB, { url: url + '/b', events: ['claim.recalled'] });

		recallClaim(w.db, w.staffA, w.claimA, 'Paid to us');
		expect(fanOut(w.db)).toBe(1);
		expect(fanOut(w.db)).toBe(0);
		expect(deliveries(w.db)).toBe(1);

		await deliverDue(w.db);
		expect(webhooksOverview(w.db, w.adminA).deliveries[0]).toMatchObject({
			state: 'pending',
			attempts: 1,
			lastStatus: 500
		});
		// not due again before its backoff
		expect(await deliverDue(w.db)).toBe(0);
		w.clock.advance(61_000);
		await deliverDue(w.db);
		w.clock.advance(5 * 60_000 + 1_000);
		await deliverDue(w.db);
		const d = webhooksOverview(w.db, w.adminA).deliveries[0];
		expect(d).toMatchObject({
			state: 'succeeded',
			attempts: 3,
			lastStatus: 200,
			eventType: 'claim.recalled'
		});
		expect(r.got.map((g) => g.validSignature)).toEqual([true, true, true]);
		expect(new Set(r.got.map((g) => g.event)).size).toBe(1);

		// a replay is a new delivery of the same event
		expect(() => replayDelivery(w.db, w.adminB, d.id)).toThrow(NotFoundError);
		replayDelivery(w.db, w.adminA, d.id);
		await deliverDue(w.db);
		expect(r.got).toHaveLength(4);
		expect(r.got[3].event).toBe(r.got[0].event);
		expect(webhooksOverview(w.db, w.adminB).deliveries).toEqual([]);
	});

	it('a deactivated creditor is sent nothing: no new deliveries, and queued ones wait', async () => {
		const w = world();
		const r = receiver(() => '');
		const url = await listen(r.server);
		close = () => r.server.close();
		addEndpoint(w.db, w.adminA, { url, events: ['claim.recalled'] });
		recallClaim(w.db, w.staffA, w.claimA, 'Paid to us');
		expect(fanOut(w.db)).toBe(1);
		w.setActive(w.adminA.creditorId, false);
		// queued before the deactivation: not sent while it lasts
		expect(await deliverDue(w.db)).toBe(0);
		// a change made while deactivated makes no delivery
		recallClaim(w.db, w.staffA, w.claimA2, 'Paid to us');
		expect(fanOut(w.db)).toBe(0);
		expect(deliveries(w.db)).toBe(1);
		expect(r.got).toHaveLength(0);
		w.setActive(w.adminA.creditorId, true);
		expect(await deliverDue(w.db)).toBe(1);
		expect(r.got).toHaveLength(1);
	});

	it('a redirect from the receiver is a failed attempt, never followed', async () => {
		const w = world();
		let hits = 0;
		const target = http.createServer((_req, res) => {
			hits++;
			res.end('ok');
		});
		const inner = await listen(target);
		const redirector = http.createServer((_req, res) => {
			res.writeHead(302, { location: inner });
			res.end();
		});
		const url = await listen(redirector);
		close = () => {
			target.close();
			redirector.close();
		};
		addEndpoint(w.db, w.adminA, { url, events: ['claim.recalled'] });
		recallClaim(w.db, w.staffA, w.claimA, 'redirect test');
		fanOut(w.db);
		await deliverDue(w.db);
		expect(webhooksOverview(w.db, w.adminA).deliveries[0]).toMatchObject({
			state: 'pending',
			lastStatus: 302
		});
		expect(hits).toBe(0);
	});

	it('a payment posted is heard as payment.posted with its claim, no personal data', async () => {
		const w = world();
		let secret = '';
		const r = receiver(() => secret);
		const url = await listen(r.server);
		close = () => r.server.close();
		secret = addEndpoint(w.db, w.adminA, { url, events: ['payment.posted', 'claim.paid'] }).secret;
		reportDirectPayment(w.db, w.staffA, {
			claimId: w.claimA2,
			amountMinor: 1_050_000,
			reason: 'x'
		});
		expect(fanOut(w.db)).toBe(2);
		const payloads = w.db.$client
			.prepare('SELECT event_type AS t, payload FROM webhook_deliveries ORDER BY id')
			.all() as { t: string; payload: string }[];
		expect(payloads.map((p) => p.t)).toEqual(['payment.posted', 'claim.paid']);
		for (const p of payloads) {
			expect(JSON.parse(p.payload).data.claim).toMatchObject({ id: w.claimA2, reference: 'A-2' });
			expect(p.payload).not.toMatch(/Adós|Budapest|1980/);
		}
		await deliverDue(w.db);
		expect(r.got.every((g) => g.validSignature)).toBe(true);
	});
});
