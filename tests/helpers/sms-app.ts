/**
 * The app's side of the SMS callbacks on a real HTTP server on loopback: the status and inbound
 * routes' own handlers (channels/sms-callbacks.ts), called as the SvelteKit routes call them, with
 * the database and the SMS adapter the test holds when each request arrives.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { smsInboundResponse, smsStatusResponse } from '../../src/lib/server/channels/sms-callbacks';
import type { SmsChannelAdapter } from '../../src/lib/server/channels/sms-adapter';
import type { DB } from '../../src/lib/server/db/client';

export interface SmsApp {
	/** `http://127.0.0.1:<port>`; the routes are /api/sms/status and /api/sms/inbound */
	origin: string;
	close(): Promise<void>;
}

export function startSmsApp(
	db: () => DB,
	adapter: () => SmsChannelAdapter | null
): Promise<SmsApp> {
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const url = `${origin()}${req.url}`;
		const request = new Request(url, {
			method: req.method,
			headers: req.headers as Record<string, string>,
			body: Buffer.concat(chunks)
		});
		const handler = req.url === '/api/sms/status' ? smsStatusResponse : smsInboundResponse;
		const out = await handler(db, adapter(), request, url);
		res.writeHead(out.status, Object.fromEntries(out.headers));
		res.end(Buffer.from(await out.arrayBuffer()));
	});
	const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({ origin: origin(), close: () => new Promise((r) => server.close(() => r())) })
		)
	);
}
