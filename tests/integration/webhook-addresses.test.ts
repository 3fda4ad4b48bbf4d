/**
 * Webhooks go to public addresses only, checked again when a delivery is sent (outside probe,
 * s12): an address saved before the check knew its form (`[::ffff:127.0.0.1]`), or a name that
 * resolves to an internal address (DNS rebinding, an internal name), is refused before any
 * connection; a refused delivery fails at once with a reason the creditor's page says in words;
 * and the connection goes to the address that was checked, not to a second resolution. Real
 * listeners on loopback count the connections that reach them; names are resolved by a resolver
 * passed in, as the system's resolver would answer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { addClaim, addCreditor, addPortfolio } from '../helpers/reports-fixtures';
import { testDb } from '../helpers/db';
import { creditorUser } from '../helpers/creditor-fixtures';
import {
	addEndpoint,
	deliverDue,
	fanOut,
	webhooksOverview
} from '../../src/lib/server/services/webhooks';
import { recallClaim } from '../../src/lib/server/services/recall';

function world() {
	const { db, clock } = testDb('2026-12-07');
	const creditorId = addCreditor(db, 'A Bank');
	const user = (email: string, admin: boolean) => creditorUser(db, creditorId, email, admin);
	const claimId = addClaim(db, {
		creditorId,
		portfolioId: addPortfolio(db, creditorId, 'P', '2026-09-01'),
		reference: 'A-1',
		currency: 'HUF',
		placedDate: '2026-09-01',
		dueDate: '2026-08-01',
		charges: { principal: 1_000_000, interest: 0 }
	});
	return { db, clock, admin: user('admin@a', true), staff: user('staff@a', false), claimId };
}

/** A TCP listener on loopback that counts the connections reaching it. */
async function tcpListener() {
	let connections = 0;
	const server = net.createServer((socket) => {
		connections++;
		socket.destroy();
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return {
		port: (server.address() as AddressInfo).port,
		connections: () => connections,
		close: () => server.close()
	};
}

const saved = process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL;
let cleanup: (() => void)[] = [];
beforeEach(() => {
	delete process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL;
});
afterEach(() => {
	for (const c of cleanup) c();
	cleanup = [];
	if (saved === undefined) delete process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL;
	else process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL = saved;
});

/** One event for the creditor's endpoints, made into deliveries. */
function oneEvent(w: ReturnType<typeof world>) {
	recallClaim(w.db, w.staff, w.claimId, 'test');
	expect(fanOut(w.db)).toBe(1);
}

describe('webhook addresses at send time', () => {
	it.each(['https://[::ffff:127.0.0.1]:PORT/hook', 'https://localhost:PORT/hook'])(
		'an address saved before the check refused it (%s) is not connected to',
		async (template) => {
			const w = world();
			const l = await tcpListener();
			cleanup.push(l.close);
			const url = template.replace('PORT', String(l.port));
			// saved when the check let it through: the row is as the old check left it
			const { id } = addEndpoint(w.db, w.admin, {
				url: 'https://erp.example.com/hook',
				events: ['claim.recalled']
			});
			w.db.$client.prepare('UPDATE webhook_endpoints SET url = ? WHERE id = ?').run(url, id);
			oneEvent(w);
			expect(await deliverDue(w.db)).toBe(1);
			expect(l.connections()).toBe(0);
			expect(webhooksOverview(w.db, w.admin).deliveries[0]).toMatchObject({
				state: 'failed',
				attempts: 1,
				lastStatus: null,
				refusal: 'address_refused'
			});
			// failed for good: not tried again later
			w.clock.advance(24 * 3600_000);
			expect(await deliverDue(w.db)).toBe(0);
			expect(l.connections()).toBe(0);
		}
	);

	it('a name that resolves to an internal address is refused, even among public ones', async () => {
		const w = world();
		const l = await tcpListener();
		cleanup.push(l.close);
		addEndpoint(w.db, w.admin, {
			url: `https://hooks.partner.example:${l.port}/hook`,
			events: ['claim.recalled']
		});
		oneEvent(w);
		const asked: string[] = [];
		// a rebinding name: public when the endpoint was saved, loopback (too) when sent
		await deliverDue(w.db, {
			resolve: async (host) => {
				asked.push(host);
				return ['93.184.216.34', '127.0.0.1'];
			}
		});
		expect(asked).toEqual(['hooks.partner.example']);
		expect(l.connections()).toBe(0);
		expect(webhooksOverview(w.db, w.admin).deliveries[0]).toMatchObject({
			state: 'failed',
			refusal: 'address_refused'
		});
	});

	it('connects to the address that was checked, with the name as Host', async () => {
		process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL = '1';
		const w = world();
		const hosts: string[] = [];
		const server = http.createServer((req, res) => {
			hosts.push(String(req.headers.host));
			req.resume();
			req.on('end', () => res.end('ok'));
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		cleanup.push(() => server.close());
		const port = (server.address() as AddressInfo).port;
		addEndpoint(w.db, w.admin, {
			url: `http://hooks.partner.example:${port}/hook`,
			events: ['claim.recalled']
		});
		oneEvent(w);
		let lookups = 0;
		// the first answer is the one checked; a second resolution would point elsewhere
		await deliverDue(w.db, {
			resolve: async () => (lookups++ === 0 ? ['127.0.0.1'] : ['192.0.2.1'])
		});
		expect(lookups).toBe(1);
		expect(hosts).toEqual([`hooks.partner.example:${port}`]);
		expect(webhooksOverview(w.db, w.admin).deliveries[0]).toMatchObject({
			state: 'succeeded',
			lastStatus: 200,
			refusal: null
		});
	});
});
